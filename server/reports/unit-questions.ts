import { sql } from 'kysely';
import { DEFAULT_TIME_ZONE } from '../../core/local-time';
import { fail, type Result } from '../errors';
import type { Executor } from '../store/executor';

/** A unit as reports see it, and the questions its terminals were given. */

export type ReportUnit = {
  id: string;
  nameJson: string;
  targetJson: string | null;
  timeZone: string;
  firstQuestionId: string | null;
  /** Whether its results are public. */
  public: boolean;
};

export async function unitOrFail(db: Executor, unitId: string): Promise<Result<ReportUnit>> {
  const row = await db
    .selectFrom('units')
    .select(['id', 'name_json', 'target_json', 'time_zone', 'first_question_id', 'public'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (row === undefined) {
    return fail(404, 'unit_unknown', 'no unit has this id');
  }
  return {
    ok: true,
    value: {
      id: row.id,
      nameJson: row.name_json,
      targetJson: row.target_json,
      timeZone: row.time_zone ?? DEFAULT_TIME_ZONE,
      firstQuestionId: row.first_question_id,
      public: row.public === 1,
    },
  };
}

export type UnitQuestion = { questionId: string; scale: string };

/**
 * Every question the unit's terminals were ever given, in survey order: by the place each had
 * in its survey, then the order it was first given in. A question asked on two scales (under
 * different survey versions) is listed with the scale of its newest version.
 */
export async function unitQuestions(db: Executor, unitId: string): Promise<UnitQuestion[]> {
  const rows = await db
    .selectFrom('survey_questions as q')
    .innerJoin('terminals as t', 't.id', 'q.terminal_id')
    .select([
      'q.question_id as questionId',
      'q.scale as scale',
      'q.survey_version as version',
      sql<number | null>`q.position`.as('position'),
    ])
    .where('t.unit_id', '=', unitId)
    .execute();
  const questions = new Map<string, { scale: string; version: number; position: number }>();
  for (const row of rows) {
    const position = row.position ?? Number.MAX_SAFE_INTEGER;
    const found = questions.get(row.questionId);
    if (found === undefined) {
      questions.set(row.questionId, { scale: row.scale, version: row.version, position });
      continue;
    }
    if (row.version > found.version) {
      found.scale = row.scale;
      found.version = row.version;
    }
    found.position = Math.min(found.position, position);
  }
  return [...questions.entries()]
    .sort(([a, qa], [b, qb]) => qa.position - qb.position || (a < b ? -1 : a > b ? 1 : 0))
    .map(([questionId, { scale }]) => ({ questionId, scale }));
}

/**
 * The question a report is about: `questionId` if the unit's terminals were given it (else
 * 404 `question_unknown`), or the unit's first. Its scale is null while no terminal has it.
 */
export async function questionOf(
  db: Executor,
  unit: ReportUnit,
  questionId: string | undefined,
): Promise<Result<{ questionId: string | null; scale: string | null }>> {
  const questions = await unitQuestions(db, unit.id);
  if (questionId !== undefined) {
    const found = questions.find((q) => q.questionId === questionId);
    return found
      ? { ok: true, value: found }
      : fail(404, 'question_unknown', 'no terminal of this unit was given this question');
  }
  const first = unit.firstQuestionId ?? questions[0]?.questionId ?? null;
  const scale = questions.find((q) => q.questionId === first)?.scale ?? null;
  return { ok: true, value: { questionId: first, scale } };
}

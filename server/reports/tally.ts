import { sql, type Expression, type SqlBool } from 'kysely';
import { decomposeRange, localTime, type Span } from '../../core/local-time';
import {
  flagClassOf,
  ROLLUP_TABLES,
  type FlagClass,
  type RollupColumn,
  type RollupTable,
} from '../rollups';
import type { Executor } from '../store/executor';

/**
 * Counts of answers over a time range, grouped by what a report needs, read from the rollups
 * (server/rollups.ts `ROLLUP_TABLES`): whole local months, then whole days, then whole hours,
 * each from the narrowest table that keeps the groups and filters asked for, and only what is
 * left at the range's ends from the answers themselves (core/local-time.ts `decomposeRange`
 * cuts the range). The sum is the same as counting the answers one by one — that is what the
 * tests check — at a fraction of the rows read.
 */

/** What a tally can be grouped by. */
export type Dimension =
  | 'unit'
  | 'question'
  | 'survey'
  | 'scale'
  | 'value'
  | 'flag'
  | 'date'
  | 'weekday'
  | 'hour'
  | 'respondent'
  | 'followUp';

export type Respondent = 'patient' | 'relative' | 'other' | 'unknown';

export type TallyFilter = {
  /** The units counted (all of them in one time zone). */
  unitIds: readonly string[];
  timeZone: string;
  questionId?: string | undefined;
  surveyId?: string | undefined;
  scale?: string | undefined;
  respondent?: Respondent | undefined;
  /** Only answers with a follow-up choice. */
  withFollowUp?: boolean;
};

/** One group's count. Absent respondent and follow-up are ''. */
export type Tally = {
  unitId: string;
  questionId: string;
  surveyId: string;
  scale: string;
  value: number;
  flagClass: FlagClass;
  date: string;
  weekday: number;
  hour: number;
  respondent: string;
  followUpQuestionId: string;
  followUpValue: string;
  n: number;
};

/** Each dimension's columns in a rollup table. */
const COLUMNS: Record<Dimension, readonly RollupColumn[]> = {
  unit: ['unit_id'],
  question: ['question_id'],
  survey: ['survey_id'],
  scale: ['scale'],
  value: ['value'],
  flag: ['flag_class'],
  date: ['local_date'],
  weekday: ['weekday'],
  hour: ['local_hour'],
  respondent: ['respondent'],
  followUp: ['follow_up_question_id', 'follow_up_value'],
};

type Level = RollupTable & {
  /** The dimensions (and filters) the table keeps. */
  has: ReadonlySet<Dimension>;
};

/** The rollups, in server/rollups.ts's order: of two at one grain the first usable is read. */
const LEVELS: readonly Level[] = ROLLUP_TABLES.map((table) => {
  const columns = new Set<RollupColumn>([...table.key, ...table.rest]);
  const dims = (Object.keys(COLUMNS) as Dimension[]).filter((dim) =>
    COLUMNS[dim].every((column) => columns.has(column)),
  );
  return { ...table, has: new Set(dims) };
});

/**
 * The levels that can answer a tally, one per grain at most: each must keep every dimension
 * grouped or filtered.
 */
function usableLevels(dims: readonly Dimension[], filter: TallyFilter): Level[] {
  const needed = new Set<Dimension>(dims);
  if (filter.respondent !== undefined) {
    needed.add('respondent');
  }
  if (filter.withFollowUp) {
    needed.add('followUp');
  }
  const usable: Level[] = [];
  for (const level of LEVELS) {
    const fits =
      [...needed].every((dim) => level.has.has(dim)) &&
      (!level.onlyWithFollowUp || filter.withFollowUp === true);
    if (fits && !usable.some((other) => other.grain === level.grain)) {
      usable.push(level);
    }
  }
  return usable;
}

function emptyTally(): Tally {
  return {
    unitId: '',
    questionId: '',
    surveyId: '',
    scale: '',
    value: 0,
    flagClass: 'ok',
    date: '',
    weekday: 0,
    hour: 0,
    respondent: '',
    followUpQuestionId: '',
    followUpValue: '',
    n: 0,
  };
}

/** The Tally fields each dimension carries: the one list the merge keys and copies by. */
const FIELDS: Record<Dimension, readonly (keyof Omit<Tally, 'n'>)[]> = {
  unit: ['unitId'],
  question: ['questionId'],
  survey: ['surveyId'],
  scale: ['scale'],
  value: ['value'],
  flag: ['flagClass'],
  date: ['date'],
  weekday: ['weekday'],
  hour: ['hour'],
  respondent: ['respondent'],
  followUp: ['followUpQuestionId', 'followUpValue'],
};

/** The merge key of a tally over `fields` (a report's hot loop: thousands of rows). */
function keyOf(t: Tally, fields: readonly (keyof Omit<Tally, 'n'>)[]): string {
  let key = '';
  for (const field of fields) {
    key += `${t[field]}\u0000`;
  }
  return key;
}

type RollupRow = {
  unit_id?: string;
  question_id?: string;
  survey_id?: string;
  scale?: string;
  value?: number;
  flag_class?: string;
  local_date?: string;
  weekday?: number;
  local_hour?: number;
  respondent?: string;
  follow_up_question_id?: string;
  follow_up_value?: string;
  n: number;
};

function fromRollupRow(row: RollupRow): Tally {
  return {
    unitId: row.unit_id ?? '',
    questionId: row.question_id ?? '',
    surveyId: row.survey_id ?? '',
    scale: row.scale ?? '',
    value: row.value ?? 0,
    flagClass: (row.flag_class ?? 'ok') as FlagClass,
    date: row.local_date ?? '',
    weekday: row.weekday ?? 0,
    hour: row.local_hour ?? 0,
    respondent: row.respondent ?? '',
    followUpQuestionId: row.follow_up_question_id ?? '',
    followUpValue: row.follow_up_value ?? '',
    n: Number(row.n),
  };
}

/**
 * One span's bounds. A query reads one span: with two spans OR-ed, SQLite searched the rollup's
 * key by unit and question only and read all of a unit's rows (EXPLAIN QUERY PLAN showed it).
 */
function inSpan(column: string, span: Span): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} >= ${span.fromMs} AND ${sql.ref(column)} < ${span.toMs})`;
}

async function fromRollup(
  db: Executor,
  level: Level,
  span: Span,
  dims: readonly Dimension[],
  filter: TallyFilter,
): Promise<Tally[]> {
  const columns = dims.flatMap((dim) => COLUMNS[dim]);
  let query = db
    .selectFrom(level.name)
    .where('unit_id', 'in', filter.unitIds)
    .where(inSpan(level.start, span));
  if (filter.questionId !== undefined) {
    query = query.where('question_id', '=', filter.questionId);
  }
  if (filter.surveyId !== undefined) {
    query = query.where('survey_id', '=', filter.surveyId);
  }
  if (filter.scale !== undefined) {
    query = query.where('scale', '=', filter.scale);
  }
  if (filter.respondent !== undefined) {
    query = query.where(
      sql.ref('respondent'),
      '=',
      filter.respondent === 'unknown' ? '' : filter.respondent,
    );
  }
  if (filter.withFollowUp) {
    query = query.where(sql.ref('follow_up_question_id'), '<>', '');
  }
  const selected = query.select([
    ...columns.map((column) => sql.ref(column).as(column)),
    sql<number>`sum(n)`.as('n'),
  ]);
  const rows = (await (
    columns.length > 0 ? selected.groupBy(columns.map((column) => sql.ref(column))) : selected
  ).execute()) as RollupRow[];
  return rows.map(fromRollupRow);
}

/** The partial hours at the ends, counted from the answers (an hour's worth at most each). */
async function fromAnswers(db: Executor, span: Span, filter: TallyFilter): Promise<Tally[]> {
  let query = db
    .selectFrom('responses')
    .select([
      'unit_id',
      'question_id',
      'survey_id',
      'scale',
      'value',
      'flag_test',
      'flag_repeat',
      'respondent',
      'follow_up_question_id',
      'follow_up_value',
      'answered_at_ms',
    ])
    .where('unit_id', 'in', filter.unitIds)
    .where(inSpan('answered_at_ms', span));
  if (filter.questionId !== undefined) {
    query = query.where('question_id', '=', filter.questionId);
  }
  if (filter.surveyId !== undefined) {
    query = query.where('survey_id', '=', filter.surveyId);
  }
  if (filter.scale !== undefined) {
    query = query.where('scale', '=', filter.scale);
  }
  if (filter.respondent !== undefined) {
    query =
      filter.respondent === 'unknown'
        ? query.where('respondent', 'is', null)
        : query.where('respondent', '=', filter.respondent);
  }
  if (filter.withFollowUp) {
    query = query.where('follow_up_question_id', 'is not', null);
  }
  const rows = await query.execute();
  return rows.map((row) => {
    const local = localTime(row.answered_at_ms, filter.timeZone);
    return {
      unitId: row.unit_id,
      questionId: row.question_id,
      surveyId: row.survey_id,
      scale: row.scale,
      value: row.value,
      flagClass: flagClassOf(row.flag_test === 1, row.flag_repeat === 1),
      date: local.date,
      weekday: local.weekday,
      hour: local.hour,
      respondent: row.respondent ?? '',
      followUpQuestionId: row.follow_up_question_id ?? '',
      followUpValue: row.follow_up_value ?? '',
      n: 1,
    };
  });
}

/**
 * The answers in [fromMs, toMs) matching `filter`, counted per combination of `dims` (the
 * other fields of each Tally are '' or 0). Run it inside a read transaction when a report
 * makes several tallies, so they all see the same answers.
 */
export async function tally(
  db: Executor,
  fromMs: number,
  toMs: number,
  dims: readonly Dimension[],
  filter: TallyFilter,
): Promise<Tally[]> {
  if (filter.unitIds.length === 0 || toMs <= fromMs) {
    return [];
  }
  const levels = usableLevels(dims, filter);
  const pieces = decomposeRange(
    fromMs,
    toMs,
    filter.timeZone,
    levels.map((level) => level.grain),
  );
  const parts: Tally[][] = [];
  for (const level of levels) {
    for (const span of pieces[level.grain]) {
      parts.push(await fromRollup(db, level, span, dims, filter));
    }
  }
  for (const span of pieces.raw) {
    parts.push(await fromAnswers(db, span, filter));
  }
  const fields = dims.flatMap((dim) => FIELDS[dim]);
  const merged = new Map<string, Tally>();
  for (const part of parts) {
    for (const t of part) {
      const key = keyOf(t, fields);
      const found = merged.get(key);
      if (found) {
        found.n += t.n;
      } else {
        const kept: Tally = { ...emptyTally(), n: t.n };
        for (const field of fields) {
          (kept as Record<string, unknown>)[field] = t[field];
        }
        merged.set(key, kept);
      }
    }
  }
  return [...merged.values()];
}

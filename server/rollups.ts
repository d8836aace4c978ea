import { CompiledQuery, sql } from 'kysely';
import { localTime } from '../core/local-time';
import type { Response } from '../core/response';
import type { Database, Engine } from './database';
import type {
  RollupDayTable,
  RollupFollowUpTable,
  RollupHourTable,
  RollupMonthTable,
} from './database/schema';
import type { Logger } from './log';
import type { Executor } from './store/executor';

/**
 * Counts kept as answers arrive, per local hour, day and month of the unit's time zone, in the
 * same transaction as the answers themselves and only for rows really inserted: a re-sent batch
 * adds nothing. Reports read these instead of the answers (server/reports/).
 */

/** Raise it when what the rollups hold changes: the server then rebuilds them at start. */
export const ROLLUPS_VERSION = '2';

/** `ok` counts in reports; `repeat` only when asked for; `test` never (and wins over repeat). */
export type FlagClass = 'ok' | 'repeat' | 'test';

export function flagClassOf(test: boolean, repeat: boolean): FlagClass {
  return test ? 'test' : repeat ? 'repeat' : 'ok';
}

/** One stored answer, as much of it as the rollups keep. */
export type RollupAnswer = {
  unitId: string;
  surveyId: string;
  questionId: string;
  scale: string;
  value: number;
  respondent: string | null;
  followUpQuestionId: string | null;
  followUpValue: string | null;
  flagClass: FlagClass;
  answeredAtMs: number;
};

/** What the rollups keep of an answer stored for `unitId`. */
export function rollupAnswerOf(unitId: string, r: Response): RollupAnswer {
  return {
    unitId,
    surveyId: r.surveyId,
    questionId: r.questionId,
    scale: r.scale,
    value: r.value,
    respondent: r.respondent ?? null,
    followUpQuestionId: r.followUp?.questionId ?? null,
    followUpValue: r.followUp?.value ?? null,
    flagClass: flagClassOf(r.flags.includes('test'), r.flags.includes('repeat')),
    answeredAtMs: Date.parse(r.answeredAt),
  };
}

export type RollupRows = {
  hour: RollupHourTable[];
  day: RollupDayTable[];
  month: RollupMonthTable[];
  followUp: RollupFollowUpTable[];
};

/** Adds one to the row of `key` in `rows`, making it from `make` the first time. */
function bump<T extends { n: number }>(rows: Map<string, T>, key: string, make: () => T): void {
  const row = rows.get(key);
  if (row) {
    row.n += 1;
  } else {
    rows.set(key, make());
  }
}

/**
 * The answers' counts per level, one row per key (ON CONFLICT may touch a row once per
 * statement), in key order (so concurrent batches lock the rows they share in the same order).
 */
export function rollupRowsOf(
  answers: readonly RollupAnswer[],
  timeZoneOf: (unitId: string) => string,
): RollupRows {
  const hour = new Map<string, RollupHourTable>();
  const day = new Map<string, RollupDayTable>();
  const month = new Map<string, RollupMonthTable>();
  const followUp = new Map<string, RollupFollowUpTable>();
  for (const a of answers) {
    const local = localTime(a.answeredAtMs, timeZoneOf(a.unitId));
    const respondent = a.respondent ?? '';
    const common = {
      unit_id: a.unitId,
      question_id: a.questionId,
      survey_id: a.surveyId,
      scale: a.scale,
      value: a.value,
      flag_class: a.flagClass,
      n: 1,
    };
    const base = [a.unitId, a.questionId, a.surveyId, a.scale, a.value, a.flagClass].join('\u0000');
    bump(hour, [base, local.hourStartMs, respondent].join('\u0000'), () => ({
      ...common,
      respondent,
      hour_start_ms: local.hourStartMs,
      local_date: local.date,
      local_hour: local.hour,
      weekday: local.weekday,
    }));
    bump(day, [base, local.dayStartMs, respondent].join('\u0000'), () => ({
      ...common,
      respondent,
      day_start_ms: local.dayStartMs,
      local_date: local.date,
    }));
    bump(month, [base, local.monthStartMs].join('\u0000'), () => ({
      ...common,
      month_start_ms: local.monthStartMs,
    }));
    if (a.followUpQuestionId !== null) {
      const followUpQuestionId = a.followUpQuestionId;
      const followUpValue = a.followUpValue ?? '';
      bump(
        followUp,
        [base, local.dayStartMs, respondent, followUpQuestionId, followUpValue].join('\u0000'),
        () => ({
          ...common,
          respondent,
          follow_up_question_id: followUpQuestionId,
          follow_up_value: followUpValue,
          day_start_ms: local.dayStartMs,
          local_date: local.date,
        }),
      );
    }
  }
  const sorted = <T>(rows: Map<string, T>): T[] =>
    [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  return {
    hour: sorted(hour),
    day: sorted(day),
    month: sorted(month),
    followUp: sorted(followUp),
  };
}

type Table = 'rollup_hour' | 'rollup_day' | 'rollup_month' | 'rollup_follow_up';

/** Each rollup's columns: its key first (the order of its primary key), then the rest. */
const TABLES: Record<Table, { key: readonly string[]; rest: readonly string[] }> = {
  rollup_hour: {
    key: [
      'unit_id',
      'question_id',
      'hour_start_ms',
      'survey_id',
      'scale',
      'value',
      'respondent',
      'flag_class',
    ],
    rest: ['local_date', 'local_hour', 'weekday', 'n'],
  },
  rollup_day: {
    key: [
      'unit_id',
      'question_id',
      'day_start_ms',
      'survey_id',
      'scale',
      'value',
      'respondent',
      'flag_class',
    ],
    rest: ['local_date', 'n'],
  },
  rollup_month: {
    key: ['unit_id', 'question_id', 'month_start_ms', 'survey_id', 'scale', 'value', 'flag_class'],
    rest: ['n'],
  },
  rollup_follow_up: {
    key: [
      'unit_id',
      'question_id',
      'day_start_ms',
      'survey_id',
      'scale',
      'value',
      'respondent',
      'follow_up_question_id',
      'follow_up_value',
      'flag_class',
    ],
    rest: ['local_date', 'n'],
  },
};

/** The primary key of each rollup, as migrations.ts declares it (the bench's seed uses it). */
export const ROLLUP_KEYS: Record<Table, readonly string[]> = Object.fromEntries(
  Object.entries(TABLES).map(([table, { key }]) => [table, key]),
) as Record<Table, readonly string[]>;

/** Rows per statement: 12 columns × 500 stays under both engines' parameter limits. */
const CHUNK = 500;

const upsertTexts = new Map<string, string>();

/**
 * The upsert of `rows` rows into `table`, its text made once per engine, table and row count
 * (as the answers' INSERT is, server/store/responses.ts): Kysely's tree for a few thousand
 * values costs more than the statement's own work.
 */
function upsertText(engine: Engine, table: Table, rows: number): string {
  const cacheKey = `${engine}:${table}:${rows}`;
  let text = upsertTexts.get(cacheKey);
  if (text === undefined) {
    const { key, rest } = TABLES[table];
    const columns = [...key, ...rest];
    let n = 0;
    const placeholder = () => (engine === 'postgres' ? `$${++n}` : '?');
    const tuples = Array.from({ length: rows }, () => `(${columns.map(placeholder).join(', ')})`);
    text =
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ` +
      `ON CONFLICT (${key.join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`;
    upsertTexts.set(cacheKey, text);
  }
  return text;
}

async function upsert<T extends object>(
  db: Executor,
  engine: Engine,
  table: Table,
  rows: readonly T[],
): Promise<void> {
  const { key, rest } = TABLES[table];
  const columns = [...key, ...rest];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const values = part.flatMap((row) =>
      columns.map((column) => (row as Record<string, unknown>)[column]),
    );
    await db.executeQuery(CompiledQuery.raw(upsertText(engine, table, part.length), values));
  }
}

/** Adds the counts to the rollups (inside the caller's transaction). */
export async function addToRollups(db: Executor, engine: Engine, rows: RollupRows): Promise<void> {
  await upsert(db, engine, 'rollup_hour', rows.hour);
  await upsert(db, engine, 'rollup_day', rows.day);
  await upsert(db, engine, 'rollup_month', rows.month);
  await upsert(db, engine, 'rollup_follow_up', rows.followUp);
}

/** Every unit's time zone (units without a row: the default). */
export async function timeZones(db: Executor): Promise<(unitId: string) => string> {
  const rows = await db.selectFrom('units').select(['id', 'time_zone']).execute();
  const zones = new Map(rows.map((row) => [row.id, row.time_zone]));
  return (unitId) => zones.get(unitId) ?? 'Europe/Helsinki';
}

const REBUILD_PAGE = 20_000;

export type RebuildResult = { answers: number; ms: number };

/**
 * Recomputes every rollup from the stored answers, in one transaction: reports never see half
 * a rebuild, and an upload that arrives meanwhile waits for it (on PostgreSQL the answers are
 * locked against inserts; SQLite has one writer anyway). Pages run in (unit, time) order, so
 * each page's counts fold into few rows.
 */
export async function rebuildRollups(database: Database): Promise<RebuildResult> {
  const started = Date.now();
  const answers = await database.db.transaction().execute(async (trx) => {
    if (database.engine === 'postgres') {
      await sql`LOCK TABLE responses IN SHARE MODE`.execute(trx);
    }
    await trx.deleteFrom('rollup_hour').execute();
    await trx.deleteFrom('rollup_day').execute();
    await trx.deleteFrom('rollup_month').execute();
    await trx.deleteFrom('rollup_follow_up').execute();
    const timeZoneOf = await timeZones(trx);
    let after: { unitId: string; ms: number; seq: number } | undefined;
    let total = 0;
    for (;;) {
      let page = trx
        .selectFrom('responses')
        .select([
          'seq',
          'unit_id',
          'survey_id',
          'question_id',
          'scale',
          'value',
          'respondent',
          'follow_up_question_id',
          'follow_up_value',
          'flag_test',
          'flag_repeat',
          'answered_at_ms',
        ])
        .orderBy('unit_id')
        .orderBy('answered_at_ms')
        .orderBy('seq')
        .limit(REBUILD_PAGE);
      if (after) {
        const { unitId, ms, seq } = after;
        page = page.where(
          sql<boolean>`(unit_id, answered_at_ms, seq) > (${unitId}, ${ms}, ${seq})`,
        );
      }
      const rows = await page.execute();
      if (rows.length === 0) {
        break;
      }
      total += rows.length;
      await addToRollups(
        trx,
        database.engine,
        rollupRowsOf(
          rows.map((row) => ({
            unitId: row.unit_id,
            surveyId: row.survey_id,
            questionId: row.question_id,
            scale: row.scale,
            value: row.value,
            respondent: row.respondent,
            followUpQuestionId: row.follow_up_question_id,
            followUpValue: row.follow_up_value,
            flagClass: flagClassOf(row.flag_test === 1, row.flag_repeat === 1),
            answeredAtMs: row.answered_at_ms,
          })),
          timeZoneOf,
        ),
      );
      const last = rows.at(-1)!;
      after = { unitId: last.unit_id, ms: last.answered_at_ms, seq: last.seq };
    }
    await trx
      .insertInto('meta')
      .values({ key: 'rollups', value: ROLLUPS_VERSION })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: ROLLUPS_VERSION }))
      .execute();
    return total;
  });
  return { answers, ms: Date.now() - started };
}

/** At start: rollups made by another version (or before there were any) are rebuilt first. */
export async function ensureRollups(database: Database, logger: Logger): Promise<void> {
  const row = await database.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'rollups')
    .executeTakeFirst();
  if (row?.value === ROLLUPS_VERSION) {
    return;
  }
  logger.info('rollups_rebuilding', { found: row?.value ?? null, version: ROLLUPS_VERSION });
  const result = await rebuildRollups(database);
  logger.info('rollups_rebuilt', result);
}

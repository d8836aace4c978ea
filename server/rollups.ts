import { CompiledQuery, sql } from 'kysely';
import { localTime, type LocalTime, type RangeLevel } from '../core/local-time';
import type { Response } from '../core/response';
import type { Database, Engine } from './database';
import { sqliteInserts, unnestArrays } from './database/bulk-insert';
import { columnLiterals } from './database/pg-array';
import type { Logger } from './log';
import type { Executor } from './store/executor';

/**
 * Counts kept as answers arrive, per local hour, day, ISO week and month of the unit's time
 * zone, in the same transaction as the answers themselves and only for rows really inserted: a
 * re-sent batch adds nothing. Reports read these instead of the answers (server/reports/).
 */

/** Raise it when what the rollups hold changes: the server then rebuilds them at start. */
export const ROLLUPS_VERSION = '3';

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

/**
 * What the rollups keep of an answer stored for `unitId` (its time in ms given where the caller
 * has it already: the ingest path's row holds it).
 */
export function rollupAnswerOf(
  unitId: string,
  r: Response,
  answeredAtMs = Date.parse(r.answeredAt),
): RollupAnswer {
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
    answeredAtMs,
  };
}

/** A rollup column's name, and what it holds for an answer read at its local time. */
const VALUE_OF = {
  unit_id: (a: RollupAnswer) => a.unitId,
  question_id: (a: RollupAnswer) => a.questionId,
  survey_id: (a: RollupAnswer) => a.surveyId,
  scale: (a: RollupAnswer) => a.scale,
  value: (a: RollupAnswer) => a.value,
  // Absent respondent and follow-up are '' (a NULL would never match in ON CONFLICT).
  respondent: (a: RollupAnswer) => a.respondent ?? '',
  follow_up_question_id: (a: RollupAnswer) => a.followUpQuestionId ?? '',
  follow_up_value: (a: RollupAnswer) => a.followUpValue ?? '',
  flag_class: (a: RollupAnswer) => a.flagClass,
  hour_start_ms: (_: RollupAnswer, t: LocalTime) => t.hourStartMs,
  day_start_ms: (_: RollupAnswer, t: LocalTime) => t.dayStartMs,
  week_start_ms: (_: RollupAnswer, t: LocalTime) => t.weekStartMs,
  month_start_ms: (_: RollupAnswer, t: LocalTime) => t.monthStartMs,
  local_date: (_: RollupAnswer, t: LocalTime) => t.date,
  local_hour: (_: RollupAnswer, t: LocalTime) => t.hour,
  weekday: (_: RollupAnswer, t: LocalTime) => t.weekday,
} satisfies Record<string, (a: RollupAnswer, t: LocalTime) => string | number>;

export type RollupColumn = keyof typeof VALUE_OF;

export type RollupTableName =
  | 'rollup_month'
  | 'rollup_heat'
  | 'rollup_day_total'
  | 'rollup_week'
  | 'rollup_day'
  | 'rollup_follow_up'
  | 'rollup_hour';

/**
 * The buckets a table's rows count: local months, days or hours (what a tally's ranges are cut
 * into, reports/tally.ts), or ISO weeks (Monday 00:00 local), which only the units report's
 * trend reads (reports/units-trend.ts).
 */
export type RollupGrain = RangeLevel | 'week';

export type RollupTable = {
  name: RollupTableName;
  grain: RollupGrain;
  /** The column naming each row's bucket by its first instant. */
  start: `${RollupGrain}_start_ms`;
  /** The primary key, in its order. */
  key: readonly RollupColumn[];
  /** Kept beside the key, which decides them (the bucket's local reading). */
  rest: readonly RollupColumn[];
  /** It counts only the answers with a follow-up choice. */
  onlyWithFollowUp: boolean;
};

/** The key columns every rollup has, besides its bucket's start. */
const SHARED: ReadonlySet<RollupColumn> = new Set([
  'unit_id',
  'question_id',
  'survey_id',
  'scale',
  'value',
  'flag_class',
]);

function rollupTable(
  name: RollupTableName,
  grain: RollupGrain,
  between: readonly RollupColumn[],
  rest: readonly RollupColumn[] = [],
  onlyWithFollowUp = false,
): RollupTable {
  const start = `${grain}_start_ms` as const;
  return {
    name,
    grain,
    start,
    key: ['unit_id', 'question_id', start, 'survey_id', 'scale', 'value', ...between, 'flag_class'],
    rest,
    onlyWithFollowUp,
  };
}

/**
 * Every rollup, as migrations.ts declares them. Where two keep the same grain, the one listed
 * first has fewer rows, and a report reads it when it keeps what the report asks for
 * (reports/tally.ts): the respondent split multiplies a table's rows by about three, and an
 * hour × weekday heat map over a year reads a month's 84 cells instead of its ~360 hours.
 */
export const ROLLUP_TABLES: readonly RollupTable[] = [
  rollupTable('rollup_month', 'month', []),
  rollupTable('rollup_heat', 'month', ['weekday', 'local_hour']),
  rollupTable('rollup_day_total', 'day', [], ['local_date']),
  // A unit's ISO weeks for the units page's trend: 150 units × 11 whole weeks in one read of
  // about a seventh of the day totals' rows.
  rollupTable('rollup_week', 'week', []),
  rollupTable('rollup_day', 'day', ['respondent'], ['local_date']),
  rollupTable(
    'rollup_follow_up',
    'day',
    ['respondent', 'follow_up_question_id', 'follow_up_value'],
    ['local_date'],
    true,
  ),
  rollupTable('rollup_hour', 'hour', ['respondent'], ['local_date', 'local_hour', 'weekday']),
];

/** A table's columns in the order its rows' values come: key, rest, then `n`. */
export function columnsOf(table: RollupTable): readonly (RollupColumn | 'n')[] {
  return [...table.key, ...table.rest, 'n'];
}

/** One table's rows: values in `columnsOf` order, `n` last. */
export type RollupRows = { table: RollupTable; rows: (string | number)[][] }[];

/**
 * Where each table's counts are summed from, in an order where each source comes first: the
 * answers, or a finer table whose key holds every column of this one's (its bucket's start read
 * off the finer bucket's local time, which all of that bucket's answers share). An upload's
 * answers are keyed once for the hour rollup, and the coarser tables sum its rows (a few per
 * hour and value) instead of every answer again.
 */
const SOURCES: readonly (readonly [RollupTableName, RollupTableName | 'answers'])[] = [
  ['rollup_hour', 'answers'],
  ['rollup_follow_up', 'answers'],
  ['rollup_day', 'rollup_hour'],
  ['rollup_heat', 'rollup_hour'],
  ['rollup_day_total', 'rollup_day'],
  ['rollup_week', 'rollup_day_total'],
  ['rollup_month', 'rollup_day_total'],
];

/** Each table's column readers, made once: the ingest path uses them for every answer. */
const READERS = ROLLUP_TABLES.map((table) => ({
  table,
  start: VALUE_OF[table.start],
  // The key's columns other than the shared ones and the bucket's start.
  between: table.key
    .filter((column) => !SHARED.has(column) && column !== table.start)
    .map((column) => VALUE_OF[column]),
  read: [...table.key, ...table.rest].map((column) => VALUE_OF[column]),
}));

/** The readers in SOURCES' order, each with its source. */
const DERIVED = SOURCES.map(([name, source]) => ({
  ...READERS.find((reader) => reader.table.name === name)!,
  source,
}));

/** Answers that fall into one row of a table: one of them stands for all (`n` of them). */
type Cell = { answer: RollupAnswer; local: LocalTime; shared: string; n: number };

/**
 * The answers' counts per table, one row per key (ON CONFLICT may touch a row once per
 * statement), in one fixed order of their keys (so concurrent batches lock the rows they
 * share in the same order).
 */
export function rollupRowsOf(
  answers: readonly RollupAnswer[],
  timeZoneOf: (unitId: string) => string,
): RollupRows {
  const answerCells: Cell[] = answers.map((a) => ({
    answer: a,
    local: localTime(a.answeredAtMs, timeZoneOf(a.unitId)),
    // The part of every table's key the answer gives as it is, made once.
    shared: `${a.unitId}\u0000${a.questionId}\u0000${a.surveyId}\u0000${a.scale}\u0000${a.value}\u0000${a.flagClass}`,
    n: 1,
  }));
  const cellsOf = new Map<string, Map<string, Cell>>();
  for (const { table, start, between, source } of DERIVED) {
    const from = source === 'answers' ? answerCells : cellsOf.get(source)!.values();
    const cells = new Map<string, Cell>();
    for (const cell of from) {
      const { answer: a, local } = cell;
      if (table.onlyWithFollowUp && a.followUpQuestionId === null) {
        continue;
      }
      // The bucket, the table's own columns, then the shared ones. (Any fixed order of keys
      // serves the lock order; this is not the primary key's.)
      let key = `${start(a, local)}\u0000`;
      for (const column of between) {
        key += `${column(a, local)}\u0000`;
      }
      key += cell.shared;
      const found = cells.get(key);
      if (found) {
        found.n += cell.n;
      } else {
        cells.set(key, { ...cell });
      }
    }
    cellsOf.set(table.name, cells);
  }
  return READERS.map(({ table, read }) => {
    const cells = cellsOf.get(table.name)!;
    return {
      table,
      rows: [...cells.keys()].sort().map((key) => {
        const { answer, local, n } = cells.get(key)!;
        const values = new Array<string | number>(read.length + 1);
        for (let i = 0; i < read.length; i += 1) {
          values[i] = read[i]!(answer, local);
        }
        values[read.length] = n;
        return values;
      }),
    };
  });
}

/** Rows per SQLite statement: 13 columns × 256 stays under its parameter limit. */
const LARGEST = 256;

const CONFLICT = (table: RollupTable) =>
  `ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET n = ${table.name}.n + excluded.n`;

/** Each rollup column's type in PostgreSQL's arrays (a bigint goes into an integer column). */
const POSTGRES_TYPE: Record<RollupColumn | 'n', 'text' | 'int8'> = {
  unit_id: 'text',
  question_id: 'text',
  survey_id: 'text',
  scale: 'text',
  value: 'int8',
  respondent: 'text',
  follow_up_question_id: 'text',
  follow_up_value: 'text',
  flag_class: 'text',
  hour_start_ms: 'int8',
  day_start_ms: 'int8',
  week_start_ms: 'int8',
  month_start_ms: 'int8',
  local_date: 'text',
  local_hour: 'int8',
  weekday: 'int8',
  n: 'int8',
};

/**
 * PostgreSQL's upsert into every rollup at once: one statement (one round trip) whose WITH
 * clauses each take one table's rows as an array per column. The clauses run in one fixed order
 * and each table's rows in key order, so concurrent batches lock shared rows in the same order.
 */
const POSTGRES_UPSERT = (() => {
  let first = 1;
  const clauses = ROLLUP_TABLES.map((table, t) => {
    const columns = columnsOf(table);
    const rows = unnestArrays(
      columns.map((column) => POSTGRES_TYPE[column]),
      first,
    );
    first += columns.length;
    return (
      `r${t} AS (INSERT INTO ${table.name} (${columns.join(', ')}) ` +
      `SELECT * FROM ${rows} ${CONFLICT(table)})`
    );
  });
  return `WITH ${clauses.join(', ')} SELECT 1`;
})();

/** The statements that add the counts to the rollups, in table and key order. */
export function rollupStatements(engine: Engine, rollups: RollupRows): CompiledQuery[] {
  if (engine === 'postgres') {
    // Every table in ROLLUP_TABLES' order, as the statement has them; one left out adds nothing.
    const parameters = ROLLUP_TABLES.flatMap((table) =>
      columnLiterals(
        rollups.find((r) => r.table.name === table.name)?.rows ?? [],
        columnsOf(table).length,
      ),
    );
    return [CompiledQuery.raw(POSTGRES_UPSERT, parameters)];
  }
  return rollups.flatMap(({ table, rows }) =>
    sqliteInserts(table.name, columnsOf(table), CONFLICT(table), rows, LARGEST),
  );
}

/** Adds the counts to the rollups (inside the caller's transaction). */
export async function addToRollups(
  db: Executor,
  engine: Engine,
  rollups: RollupRows,
): Promise<void> {
  for (const statement of rollupStatements(engine, rollups)) {
    await db.executeQuery(statement);
  }
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
    for (const table of ROLLUP_TABLES) {
      await trx.deleteFrom(table.name).execute();
    }
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
    await markRollupsCurrent(trx);
    return total;
  });
  return { answers, ms: Date.now() - started };
}

/** The version of whatever made the stored rollups (none: never made). */
export async function rollupsVersion(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'rollups')
    .executeTakeFirst();
  return row?.value;
}

/** Records that the rollups are this version's (in the transaction that made them). */
export async function markRollupsCurrent(db: Executor): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key: 'rollups', value: ROLLUPS_VERSION })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: ROLLUPS_VERSION }))
    .execute();
}

/** At start: rollups made by another version (or before there were any) are rebuilt first. */
export async function ensureRollups(database: Database, logger: Logger): Promise<void> {
  const found = await rollupsVersion(database.db);
  if (found === ROLLUPS_VERSION) {
    return;
  }
  logger.info('rollups_rebuilding', { found: found ?? null, version: ROLLUPS_VERSION });
  const result = await rebuildRollups(database);
  logger.info('rollups_rebuilt', result);
}

import { sql, type RawBuilder } from 'kysely';
import {
  decomposeRange,
  localTime,
  type LocalTime,
  type RangeLevel,
  type Span,
} from '../../core/local-time';
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
  /**
   * Only answers of these classes. A report that will drop tests (and repeats) says so here:
   * the database then groups a third of the rows, which is most of a wide tally's cost.
   */
  flagClasses?: readonly FlagClass[] | undefined;
};

/** The classes a figure counts (central-reports.md): never tests, repeats only when asked. */
export function countedClasses(includeRepeats: boolean): FlagClass[] {
  return includeRepeats ? ['ok', 'repeat'] : ['ok'];
}

/** Tallies grouped by `flag`, split into what counts and how many of each class were left out. */
export function splitCounted(
  rows: readonly Tally[],
  includeRepeats: boolean,
): { counted: Tally[]; excluded: { repeat: number; test: number } } {
  const counts = countedClasses(includeRepeats);
  const counted: Tally[] = [];
  const excluded = { repeat: 0, test: 0 };
  for (const row of rows) {
    if (counts.includes(row.flagClass)) {
      counted.push(row);
    } else if (row.flagClass !== 'ok') {
      excluded[row.flagClass] += row.n;
    }
  }
  return { counted, excluded };
}

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
  grain: RangeLevel;
  /** The dimensions (and filters) the table keeps. */
  has: ReadonlySet<Dimension>;
};

/**
 * The rollups, in server/rollups.ts's order: of two at one grain the first usable is read. The
 * week rollup is not among them: a range is cut into months, days and hours.
 */
const LEVELS: readonly Level[] = ROLLUP_TABLES.filter(
  (table): table is RollupTable & { grain: RangeLevel } => table.grain !== 'week',
).map((table) => {
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
 * The filter's conditions, on a rollup's rows (`start` its bucket's column; absent respondent
 * and follow-up are '') or on the answers themselves (`answered_at_ms`; absent is NULL).
 */
function conditions(
  start: string,
  span: Span,
  filter: TallyFilter,
  onAnswers: boolean,
): RawBuilder<unknown> {
  const where = [
    sql`unit_id IN (${sql.join(filter.unitIds)})`,
    sql`${sql.ref(start)} >= ${span.fromMs}`,
    sql`${sql.ref(start)} < ${span.toMs}`,
  ];
  if (filter.questionId !== undefined) {
    where.push(sql`question_id = ${filter.questionId}`);
  }
  if (filter.surveyId !== undefined) {
    where.push(sql`survey_id = ${filter.surveyId}`);
  }
  if (filter.scale !== undefined) {
    where.push(sql`scale = ${filter.scale}`);
  }
  if (filter.respondent === 'unknown') {
    where.push(onAnswers ? sql`respondent IS NULL` : sql`respondent = ''`);
  } else if (filter.respondent !== undefined) {
    where.push(sql`respondent = ${filter.respondent}`);
  }
  if (filter.withFollowUp) {
    where.push(
      onAnswers ? sql`follow_up_question_id IS NOT NULL` : sql`follow_up_question_id <> ''`,
    );
  }
  if (filter.flagClasses !== undefined) {
    where.push(flagCondition(filter.flagClasses, onAnswers));
  }
  return sql.join(where, sql` AND `);
}

/** An answer row's flag class, as the rollups keep it (rollups.ts `flagClassOf`). */
const FLAG_CLASS_OF_ANSWER = sql`CASE WHEN flag_test = 1 THEN 'test' WHEN flag_repeat = 1 THEN 'repeat' ELSE 'ok' END`;

function flagCondition(classes: readonly FlagClass[], onAnswers: boolean): RawBuilder<unknown> {
  if (classes.length === 0) {
    return sql`1 = 0`;
  }
  const flagClass = onAnswers ? FLAG_CLASS_OF_ANSWER : sql.ref('flag_class');
  return sql`${flagClass} IN (${sql.join(classes)})`;
}

/** Each dimension's columns as an answer row gives them, the rollups' way. */
function answerColumns(dim: Dimension, local: LocalTime): RawBuilder<unknown>[] {
  switch (dim) {
    case 'flag':
      return [FLAG_CLASS_OF_ANSWER];
    case 'respondent':
      return [sql`coalesce(respondent, '')`];
    case 'followUp':
      return [sql`coalesce(follow_up_question_id, '')`, sql`coalesce(follow_up_value, '')`];
    // A span read from the answers lies in one bucket of the time it is grouped by
    // (`constantOver`): the same for every row, given as a constant.
    case 'date':
      return [sql`CAST(${local.date} AS TEXT)`];
    case 'weekday':
      return [sql`CAST(${local.weekday} AS INTEGER)`];
    case 'hour':
      return [sql`CAST(${local.hour} AS INTEGER)`];
    default:
      return COLUMNS[dim].map((column) => sql.ref(column));
  }
}

/**
 * The local reading every answer in `span` shares for the time dimensions asked for (the same
 * hour bucket at both ends for the hour, the same day for the date and weekday), if they do.
 * The spans left at a range's ends lie in one bucket of the narrowest level read, so they do
 * unless no rollup keeps the time asked for.
 */
function constantOver(
  span: Span,
  dims: readonly Dimension[],
  timeZone: string,
): LocalTime | undefined {
  const first = localTime(span.fromMs, timeZone);
  const last = localTime(span.toMs - 1, timeZone);
  const sameHour = first.hourStartMs === last.hourStartMs;
  const sameDay = first.dayStartMs === last.dayStartMs;
  if (dims.includes('hour') && !sameHour) {
    return undefined;
  }
  if ((dims.includes('date') || dims.includes('weekday')) && !sameDay) {
    return undefined;
  }
  return first;
}

function grouped(
  select: RawBuilder<unknown>,
  by: readonly RawBuilder<unknown>[],
): RawBuilder<unknown> {
  return by.length > 0 ? sql`${select} GROUP BY ${sql.join(by)}` : select;
}

function aliased(expressions: readonly RawBuilder<unknown>[], names: readonly string[]) {
  return expressions.map((expression, i) => sql`${expression} AS ${sql.ref(names[i]!)}`);
}

/**
 * A span whose answers do not share the local time the tally groups by (no rollup keeps that
 * grouping: follow-up choices by hour, say): read row by row and bucketed here.
 */
async function fromAnswers(
  db: Executor,
  span: Span,
  filter: TallyFilter,
  n: 1 | -1,
): Promise<Tally[]> {
  const rows = await db
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
    .where(sql<boolean>`${conditions('answered_at_ms', span, filter, true)}`)
    .execute();
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
      n,
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
  const columns = dims.flatMap((dim) => COLUMNS[dim]);
  const refs = columns.map((column) => sql.ref(column));
  // Every span that SQL can count goes into one statement, its rows summed by one GROUP BY:
  // one round trip to the database per tally, not one per span. A span taken away again
  // (`less`, a whole bucket's other part) counts negatively.
  const branches: RawBuilder<unknown>[] = [];
  const signed = (less: boolean, n: RawBuilder<unknown>) => (less ? sql`-${n}` : n);
  for (const level of levels) {
    for (const less of [false, true]) {
      for (const span of (less ? pieces.less : pieces)[level.grain]) {
        branches.push(
          grouped(
            sql`SELECT ${sql.join([...refs, sql`${signed(less, sql`sum(n)`)} AS n`])}
              FROM ${sql.table(level.name)}
              WHERE ${conditions(level.start, span, filter, false)}`,
            refs,
          ),
        );
      }
    }
  }
  const byRow: Tally[] = [];
  for (const less of [false, true]) {
    for (const span of (less ? pieces.less : pieces).raw) {
      const local = constantOver(span, dims, filter.timeZone);
      if (local === undefined) {
        byRow.push(...(await fromAnswers(db, span, filter, less ? -1 : 1)));
        continue;
      }
      const expressions = dims.flatMap((dim) => answerColumns(dim, local));
      branches.push(
        grouped(
          sql`SELECT ${sql.join([...aliased(expressions, columns), sql`${signed(less, sql`count(*)`)} AS n`])}
            FROM responses
            WHERE ${conditions('answered_at_ms', span, filter, true)}`,
          // By position: a constant's parameter in GROUP BY would be another parameter.
          expressions.map((_, i) => sql.raw(String(i + 1))),
        ),
      );
    }
  }
  const subtracts = Object.values(pieces.less).some((spans) => spans.length > 0);
  let counted: Tally[] = [];
  if (branches.length > 0) {
    // Each span grouped on its own (by its table's index), their few rows summed after: one
    // statement, one round trip, and every group once in what it returns. A group whose
    // answers all lie in what was taken away sums to 0 and is left out, as if never read.
    const statement =
      branches.length === 1
        ? branches[0]!
        : sql`${grouped(
            sql`SELECT ${sql.join([...refs, sql`sum(n) AS n`])}
              FROM (${sql.join(branches, sql` UNION ALL `)}) AS counted`,
            refs,
          )}${subtracts ? sql` HAVING sum(n) <> 0` : sql``}`;
    const { rows } = await sql<RollupRow>`${statement}`.execute(db);
    counted = rows.map(fromRollupRow);
  }
  return byRow.length === 0 ? counted : merged([...counted, ...byRow], dims);
}

/** Tallies summed per combination of `dims`. */
function merged(tallies: readonly Tally[], dims: readonly Dimension[]): Tally[] {
  const fields = dims.flatMap((dim) => FIELDS[dim]);
  const byKey = new Map<string, Tally>();
  for (const t of tallies) {
    const key = keyOf(t, fields);
    const found = byKey.get(key);
    if (found) {
      found.n += t.n;
    } else {
      const kept: Tally = { ...emptyTally(), n: t.n };
      for (const field of fields) {
        (kept as Record<string, unknown>)[field] = t[field];
      }
      byKey.set(key, kept);
    }
  }
  // Answers counted and taken away again leave a group at 0: not a group of the range.
  return [...byKey.values()].filter((t) => t.n !== 0);
}

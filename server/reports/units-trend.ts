import { sql } from 'kysely';
import { addDays, isoWeekStart, localMidnightMs, localTime } from '../../core/local-time';
import { countsOf } from '../../core/report-figures';
import { isPositive, scaleValues, type Scale } from '../../core/scales';
import type { FlagClass } from '../rollups';
import type { Executor } from '../store/executor';
import { tally, type TallyFilter } from './tally';

/**
 * The units report's trend (`weeks=N`, an extension of `GET /v1/reports/units`): each unit's
 * last N ISO weeks for the units page's sparklines. It reads 150 units × 12 weeks on every
 * visit of that page, so a whole week is read the cheapest way the rollups allow (below).
 */

/** A trend week: Monday 00:00 local to the next Monday, or to `to` for the last. */
export type TrendWeek = {
  /** The Monday, a local date. */
  start: string;
  startMs: number;
  endMs: number;
  /** Not cut by `to`: seven whole local days. */
  whole: boolean;
};

/** The units counted together: one question, one scale and time zone, the classes that count. */
export type TrendFilter = TallyFilter & { questionId: string; flagClasses: readonly FlagClass[] };

/** One week's answers of one unit: how many, how many of them positive. */
export type WeekCounts = { n: number; positive: number };

/**
 * The N ISO weeks ending with the one that holds the range's last instant (`to` is exclusive),
 * in `timeZone`, oldest first; the last is cut at `toMs`. `from` cuts none: a trend shows whole
 * weeks whatever period the figures beside it are for.
 */
export function trendWeeks(toMs: number, count: number, timeZone: string): TrendWeek[] {
  const last = isoWeekStart(localTime(toMs - 1, timeZone).date);
  return Array.from({ length: count }, (_, i) => {
    const start = addDays(last, 7 * (i + 1 - count));
    const endMs = localMidnightMs(addDays(start, 7), timeZone);
    return {
      start,
      startMs: localMidnightMs(start, timeZone),
      endMs: Math.min(endMs, toMs),
      whole: endMs <= toMs,
    };
  });
}

/**
 * The whole weeks' counts per unit, in one read of the week rollup (a week is one of its
 * buckets): n and the positives summed in SQL per unit and week, the order of the table's key,
 * so SQLite groups without sorting. (Read from the day totals it was seven times the rows, in
 * a statement per week.)
 */
async function wholeWeeks(
  db: Executor,
  weeks: readonly TrendWeek[],
  scale: Scale,
  filter: TrendFilter,
): Promise<{ unitId: string; startMs: number; counts: WeekCounts }[]> {
  if (weeks.length === 0) {
    return [];
  }
  const positives = scaleValues(scale).filter((value) => isPositive(scale, value));
  const rows = await db
    .selectFrom('rollup_week')
    .select((eb) => [
      'unit_id as unitId',
      'week_start_ms as weekStartMs',
      eb.fn.sum<number | string>('n').as('n'),
      eb.fn
        .sum<number | string>(
          sql`CASE WHEN value IN (${sql.join(positives.map((v) => sql.lit(v)))}) THEN n ELSE 0 END`,
        )
        .as('positive'),
    ])
    .where('unit_id', 'in', filter.unitIds)
    .where('question_id', '=', filter.questionId)
    .where(
      'week_start_ms',
      'in',
      weeks.map((week) => week.startMs),
    )
    .where('scale', '=', scale)
    .where('flag_class', 'in', filter.flagClasses)
    .groupBy(['unit_id', 'week_start_ms'])
    .execute();
  // PostgreSQL's sum of integers is a bigint, which pg hands over as a string.
  return rows.map((row) => ({
    unitId: row.unitId,
    startMs: Number(row.weekStartMs),
    counts: { n: Number(row.n), positive: Number(row.positive) },
  }));
}

/** A week cut by `to`: a tally, which reads its last part day from the hours and answers. */
async function cutWeek(
  db: Executor,
  week: TrendWeek,
  scale: Scale,
  filter: TallyFilter,
): Promise<Map<string, WeekCounts>> {
  const values = new Map<string, Map<number, number>>();
  for (const row of await tally(db, week.startMs, week.endMs, ['unit', 'value'], filter)) {
    const unit = values.get(row.unitId) ?? new Map<number, number>();
    unit.set(row.value, (unit.get(row.value) ?? 0) + row.n);
    values.set(row.unitId, unit);
  }
  return new Map(
    [...values].map(([unitId, byValue]) => {
      const { n, positive } = countsOf(scale, byValue);
      return [unitId, { n, positive }];
    }),
  );
}

/**
 * Each unit's counts in each of `weeks` (the same indexes; a week without answers is left
 * empty), for units asked `filter.questionId` on `scale` in `filter.timeZone`, whose weeks
 * these are.
 */
export async function weeklyCounts(
  db: Executor,
  weeks: readonly TrendWeek[],
  scale: Scale,
  filter: TrendFilter,
): Promise<Map<string, WeekCounts[]>> {
  const perUnit = new Map<string, WeekCounts[]>();
  const add = (unitId: string, i: number, counts: WeekCounts) => {
    const list = perUnit.get(unitId) ?? [];
    list[i] = counts;
    perUnit.set(unitId, list);
  };
  const wholeIndex = new Map(
    weeks.flatMap((week, i) => (week.whole ? [[week.startMs, i] as const] : [])),
  );
  const whole = weeks.filter((week) => week.whole);
  for (const { unitId, startMs, counts } of await wholeWeeks(db, whole, scale, filter)) {
    add(unitId, wholeIndex.get(startMs)!, counts);
  }
  for (const [i, week] of weeks.entries()) {
    if (!week.whole) {
      for (const [unitId, counts] of await cutWeek(db, week, scale, filter)) {
        add(unitId, i, counts);
      }
    }
  }
  return perUnit;
}

import {
  BASELINE_DAYS,
  BASELINE_GAP_DAYS,
  baselineNegativeShare,
  type NegativeCounts,
} from '../../core/cusum';
import { addDays, DEFAULT_TIME_ZONE, localMidnightMs, localTime } from '../../core/local-time';
import { isNegative, ScaleSchema } from '../../core/scales';
import type { Executor } from '../store/executor';

/**
 * p0 of each unit's CUSUM (central-reports.md, "Alerts"): its first question's negative share
 * over the 90 days before the last 14, read from the day rollups as the reports count (`ok`
 * answers only: no tests, no repeats), shrunk toward the county's share over every unit's first
 * question. Every unit's counts come from one read, made at most once per local day
 * (Europe/Helsinki days: the county's; a unit elsewhere is off by its offset at the edges).
 */

export type BaselineCounts = {
  day: string;
  county: NegativeCounts;
  units: Map<string, NegativeCounts>;
};

/** The local date (`YYYY-MM-DD`) whose baseline `nowMs` uses. */
export function baselineDay(nowMs: number): string {
  return localTime(nowMs, DEFAULT_TIME_ZONE).date;
}

export async function readBaselineCounts(db: Executor, day: string): Promise<BaselineCounts> {
  const toMs = localMidnightMs(addDays(day, -BASELINE_GAP_DAYS), DEFAULT_TIME_ZONE);
  const fromMs = localMidnightMs(
    addDays(day, -BASELINE_GAP_DAYS - BASELINE_DAYS),
    DEFAULT_TIME_ZONE,
  );
  const rows = await db
    .selectFrom('rollup_day_total as d')
    .innerJoin('units as u', (join) =>
      join.onRef('u.id', '=', 'd.unit_id').onRef('u.first_question_id', '=', 'd.question_id'),
    )
    .select(['d.unit_id', 'd.scale', 'd.value', (eb) => eb.fn.sum<number>('d.n').as('n')])
    .where('d.flag_class', '=', 'ok')
    .where('d.day_start_ms', '>=', fromMs)
    .where('d.day_start_ms', '<', toMs)
    .groupBy(['d.unit_id', 'd.scale', 'd.value'])
    .execute();
  const county = { negative: 0, n: 0 };
  const units = new Map<string, NegativeCounts>();
  for (const row of rows) {
    const scale = ScaleSchema.safeParse(row.scale);
    if (!scale.success) {
      continue;
    }
    const n = Number(row.n);
    const negative = isNegative(scale.data, Number(row.value)) ? n : 0;
    const unit = units.get(row.unit_id) ?? { negative: 0, n: 0 };
    unit.negative += negative;
    unit.n += n;
    units.set(row.unit_id, unit);
    county.negative += negative;
    county.n += n;
  }
  return { day, county, units };
}

/** p0 of `unitId` from the day's counts. */
export function baselineOf(counts: BaselineCounts, unitId: string): number {
  return baselineNegativeShare(counts.units.get(unitId) ?? { negative: 0, n: 0 }, counts.county);
}

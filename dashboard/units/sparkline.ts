import type { TFunction } from 'i18next';
import type { UnitsReport } from '../../core/reports-api';
import type { Formatters } from '../format';

/**
 * The units table's trend: each unit's weekly positive share (`GET /v1/reports/trend`) as a
 * small line, and the same in words. Nothing here computes a figure: it picks the server's
 * weeks and says them.
 */

export type TrendWeek = NonNullable<UnitsReport[number]['weeks']>[number];

/** The weeks with answers, by position: the line breaks where a week has none. */
export function weeksWithAnswers(weeks: readonly TrendWeek[]): { index: number; value: number }[] {
  return weeks.flatMap((week, index) =>
    week.n > 0 && week.positiveShare !== null ? [{ index, value: week.positiveShare.value }] : [],
  );
}

/**
 * The vertical scale every row's line shares, so two units' lines compare: the lowest and the
 * highest weekly share in the table, widened to whole tenths (at least one tenth apart).
 */
export function sharedDomain(rows: readonly { weeks?: readonly TrendWeek[] | undefined }[]): {
  min: number;
  max: number;
} {
  const values = rows.flatMap((row) => weeksWithAnswers(row.weeks ?? []).map((p) => p.value));
  if (values.length === 0) {
    return { min: 0, max: 1 };
  }
  let min = Math.floor(Math.min(...values) * 10) / 10;
  let max = Math.ceil(Math.max(...values) * 10) / 10;
  if (max - min < 0.1) {
    max = Math.min(1, min + 0.1);
    min = max - 0.1;
  }
  return { min, max };
}

/**
 * The line in words, its accessible name: "Positive share over 12 weeks: from 81 % to 86 %",
 * from the first week with answers to the last, and how many weeks had none. Undefined when no
 * week had answers (the cell then says so as every empty figure does).
 */
export function sparklineLabel(
  weeks: readonly TrendWeek[],
  t: TFunction,
  f: Formatters,
): string | undefined {
  const points = weeksWithAnswers(weeks);
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) {
    return undefined;
  }
  const trend =
    points.length === 1
      ? t('units.sparklineOne', { weeks: weeks.length, value: f.percent(first.value) })
      : t('units.sparkline', {
          weeks: weeks.length,
          first: f.percent(first.value),
          last: f.percent(last.value),
        });
  const empty = weeks.length - points.length;
  return empty === 0 ? trend : `${trend}; ${t('units.sparklineGaps', { count: empty })}`;
}

import { countsOf, type Counts } from '../../core/report-figures';
import type { Scale } from '../../core/scales';
import type { Executor } from '../store/executor';
import { addMonths, monthStartMs } from './month-report-query';
import { countedClasses, tally } from './tally';

/**
 * One question's counts per calendar month in the unit's time zone, `months` of them from
 * `firstMonth` (`YYYY-MM`), oldest first, a month without answers at zero: the poster's and the
 * monthly report's trend. Tests and repeats never count.
 */
export async function monthlyCounts(
  db: Executor,
  question: { unitId: string; timeZone: string; questionId: string; scale: Scale },
  firstMonth: string,
  months: number,
  toMs: number,
): Promise<{ month: string; counts: Counts }[]> {
  const rows = await tally(
    db,
    monthStartMs(firstMonth, question.timeZone),
    toMs,
    ['date', 'value'],
    {
      unitIds: [question.unitId],
      timeZone: question.timeZone,
      questionId: question.questionId,
      scale: question.scale,
      flagClasses: countedClasses(false),
    },
  );
  const byMonth = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const key = row.date.slice(0, 7);
    const values = byMonth.get(key) ?? new Map<number, number>();
    values.set(row.value, (values.get(row.value) ?? 0) + row.n);
    byMonth.set(key, values);
  }
  return Array.from({ length: months }, (_, i) => {
    const month = addMonths(firstMonth, i);
    return { month, counts: countsOf(question.scale, byMonth.get(month) ?? new Map()) };
  });
}

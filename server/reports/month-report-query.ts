import { z } from 'zod';
import { localMidnightMs, localTime } from '../../core/local-time';
import { fail, type Result } from '../errors';

/**
 * The month of the wall poster and the monthly report: `?month=YYYY-MM`, a calendar month in
 * the unit's time zone; left out, the last one. A month that has not begun is refused, and so
 * is one before 2000 (no terminal answered then).
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const FIRST_YEAR = 2000;

export const PosterQuerySchema = z.object({
  month: z.string().regex(MONTH, 'a month as YYYY-MM').optional(),
});

export const MonthReportQuerySchema = PosterQuerySchema.extend({
  /** `true`: the month's comments are listed (and the reading is audit-logged). */
  comments: z.enum(['true', 'false']).optional(),
  /** The report's language; left out, the account's. */
  lang: z.enum(['fi', 'sv', 'en']).optional(),
});

/** `YYYY-MM` moved by `months` (negative: back). */
export function addMonths(month: string, months: number): string {
  const [year, number] = month.split('-').map(Number);
  const index = (year ?? 0) * 12 + (number ?? 1) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** UTC ms of the month's first instant in the zone. */
export function monthStartMs(month: string, timeZone: string): number {
  return localMidnightMs(`${month}-01`, timeZone);
}

/** The local month `YYYY-MM` holding `ms`. */
export function monthOf(ms: number, timeZone: string): string {
  return localTime(ms, timeZone).date.slice(0, 7);
}

export type MonthSpan = { month: string; fromMs: number; toMs: number };

export function monthSpan(month: string, timeZone: string): MonthSpan {
  return {
    month,
    fromMs: monthStartMs(month, timeZone),
    toMs: monthStartMs(addMonths(month, 1), timeZone),
  };
}

/** The month asked for (or the last one), checked against the unit's calendar. */
export function askedMonth(
  asked: string | undefined,
  now: Date,
  timeZone: string,
): Result<MonthSpan> {
  const current = monthOf(now.getTime(), timeZone);
  const month = asked ?? addMonths(current, -1);
  if (month > current) {
    return fail(400, 'invalid_query', `month: ${month} has not begun yet`);
  }
  if (Number(month.slice(0, 4)) < FIRST_YEAR) {
    return fail(400, 'invalid_query', `month: give a month from ${FIRST_YEAR}-01 on`);
  }
  return { ok: true, value: monthSpan(month, timeZone) };
}

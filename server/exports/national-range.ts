import {
  NATIONAL_DEFAULT_MONTHS,
  NationalExportQuerySchema,
  type NationalExportQuery,
} from '../../core/national-export';
import { DEFAULT_TIME_ZONE, localMidnightMs, localTime } from '../../core/local-time';
import type { Result } from '../errors';
import { parseQuery } from '../query';
import { reportRange, type ReportRange } from '../reports/range';

/**
 * The national export's range. A national export is about calendar months, so what is left out
 * is whole months of the county's zone (Europe/Helsinki), not the reports' last 90 days:
 * `to` the start of the current month, `from` the start of the 12th month before `to`'s month.
 * Given ones are instants as the reports take them; each unit's months are still its own.
 */

/** The first instant of the local month `months` before the month that holds `ms`. */
function monthStartBefore(ms: number, months: number, timeZone: string): number {
  const [year, month] = localTime(ms, timeZone).date.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 - months, 1)).toISOString().slice(0, 10);
  return localMidnightMs(first, timeZone);
}

export function nationalRange(query: NationalExportQuery, now: Date): Result<ReportRange> {
  const toMs =
    query.to === undefined
      ? localTime(now.getTime(), DEFAULT_TIME_ZONE).monthStartMs
      : Date.parse(query.to);
  const fromMs =
    query.from === undefined
      ? monthStartBefore(toMs, NATIONAL_DEFAULT_MONTHS, DEFAULT_TIME_ZONE)
      : Date.parse(query.from);
  // The reports' checks: `from` before `to`, at most ten years.
  return reportRange(
    { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    now,
  );
}

/** The query read strictly (query.ts), with its range resolved. */
export function parseNationalQuery(query: unknown, now: Date): Result<ReportRange> {
  const parsed = parseQuery(NationalExportQuerySchema, query);
  return parsed.ok ? nationalRange(parsed.value, now) : parsed;
}

/** `hymy-national-2026-01-2026-12.csv`: the range's first and last month, in Helsinki. */
export function nationalFileName(range: ReportRange, extension: 'csv' | 'json'): string {
  const first = localTime(range.fromMs, DEFAULT_TIME_ZONE).date.slice(0, 7);
  const last = localTime(range.toMs - 1, DEFAULT_TIME_ZONE).date.slice(0, 7);
  return `hymy-national-${first}-${last}.${extension}`;
}

import type { z } from 'zod';
import { REPORT_DEFAULT_DAYS } from '../../core/reports-api';
import { fail, type Result } from '../errors';
import { parseQuery } from '../query';

const DAY_MS = 86_400_000;
/** Ten years: a county's whole history, and a bound on what one report call may read. */
const MAX_RANGE_MS = 3660 * DAY_MS;

export type ReportRange = { fromMs: number; toMs: number; from: string; to: string };

/** `from` inclusive, `to` exclusive; left out, the last 90 days up to now. */
export function reportRange(query: { from?: string; to?: string }, now: Date): Result<ReportRange> {
  const toMs = query.to === undefined ? now.getTime() : Date.parse(query.to);
  const fromMs =
    query.from === undefined ? toMs - REPORT_DEFAULT_DAYS * DAY_MS : Date.parse(query.from);
  if (fromMs >= toMs) {
    return fail(400, 'invalid_query', '`from` must be before `to`');
  }
  if (toMs - fromMs > MAX_RANGE_MS) {
    return fail(400, 'invalid_query', 'a report covers at most ten years');
  }
  return {
    ok: true,
    value: {
      fromMs,
      toMs,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
    },
  };
}

/** A report's query read strictly (query.ts), with its range resolved. */
export function parseReportQuery<S extends z.ZodObject>(
  schema: S,
  query: unknown,
  now: Date,
): Result<{ query: z.infer<S>; range: ReportRange }> {
  const parsed = parseQuery(schema, query);
  if (!parsed.ok) {
    return parsed;
  }
  const range = reportRange(parsed.value, now);
  return range.ok ? { ok: true, value: { query: parsed.value, range: range.value } } : range;
}

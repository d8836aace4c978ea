import { REPORT_DEFAULT_DAYS } from '../../core/reports-api';
import { fail, type Result } from '../errors';

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

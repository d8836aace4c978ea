import { CENTRAL_TIMEOUT_MS, centralCall, type CentralFault } from '../../central-http';

/**
 * The admin calls of central-api.md as this tool makes them, through the terminal's own client
 * (host/central-http.ts): one call with a timeout, the answer read with a cap, every way it can
 * go wrong a value. The token goes only to `api`: redirects are reported, not followed.
 */

/** A person waits at the console (see CENTRAL_TIMEOUT_MS); a test may give a shorter one. */
export const ADMIN_TIMEOUT_MS = CENTRAL_TIMEOUT_MS.admin;
/** The template list is the largest answer, a few KiB; a config is at most 256 KiB. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export type AdminTarget = { api: string; token: string; timeoutMs: number };

export type AdminOutcome =
  | { ok: true; status: number; body: unknown }
  /** Nothing answered, or the answer stopped coming: refused, DNS, reset, timeout. */
  | { ok: false; reason: 'unreachable'; detail: string }
  /** 401 or 403: the admin token. */
  | { ok: false; reason: 'unauthorized'; status: number }
  /** A 4xx with central-api.md's error body: the server refused the input. */
  | { ok: false; reason: 'refused'; status: number; code: string; message: string }
  /** Anything else: 5xx, 429, a redirect, an answer that is not what the API sends. */
  | { ok: false; reason: 'failed'; detail: string };

export async function adminCall(
  target: AdminTarget,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<AdminOutcome> {
  const outcome = await centralCall({
    apiUrl: target.api,
    path,
    method,
    token: target.token,
    ...(body === undefined ? {} : { json: body }),
    timeoutMs: target.timeoutMs,
    maxBytes: MAX_ANSWER_BYTES,
  });
  return outcome.ok
    ? { ok: true, status: outcome.status, body: outcome.body }
    : adminFault(outcome);
}

/** A fault in the words the tool prints: what happened, and what the operator can do. */
function adminFault(fault: CentralFault): Exclude<AdminOutcome, { ok: true }> {
  switch (fault.reason) {
    case 'unreachable':
      return { ok: false, reason: 'unreachable', detail: fault.detail };
    case 'unusable':
      return { ok: false, reason: 'failed', detail: `its answer is ${fault.detail}` };
    case 'redirected':
      return {
        ok: false,
        reason: 'failed',
        detail: fault.location
          ? `it answered with a redirect to ${fault.location}; give that address with --api`
          : `it answered with a redirect (HTTP ${fault.status})`,
      };
    case 'unauthorized':
    case 'forbidden':
      return { ok: false, reason: 'unauthorized', status: fault.status };
    case 'rate_limited':
      return {
        ok: false,
        reason: 'failed',
        detail: `it asks to wait before trying again${
          fault.retryAfterMs === undefined ? '' : ` (${Math.ceil(fault.retryAfterMs / 1000)} s)`
        }`,
      };
    case 'refused':
      return fault.error
        ? { ok: false, reason: 'refused', status: fault.status, ...fault.error }
        : {
            ok: false,
            reason: 'failed',
            detail: `it answered HTTP ${fault.status} without an error of central-api.md; is --api the central API's base URL?`,
          };
    case 'server_error':
      return {
        ok: false,
        reason: 'failed',
        detail: `it failed (HTTP ${fault.status}${fault.error ? ` ${fault.error.code}` : ''}); try again later`,
      };
  }
}

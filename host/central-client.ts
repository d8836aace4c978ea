import {
  EnrollAnswerSchema,
  HeartbeatSchema,
  type EnrollAnswer,
  type EnrollRequest,
  type Heartbeat,
} from '../core/central-api';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { parseWith } from '../core/validation';
import {
  CENTRAL_TIMEOUT_MS,
  centralCall,
  terminalFault,
  type CentralFault,
  type Fetch,
  type TerminalFault,
  type TransportTarget,
} from './central-http';

export type { TerminalFault } from './central-http';

/**
 * The terminal's calls to the central API (central-api.md) other than the upload, which is in
 * sync-transport.ts: enrollment, the config (ETag polling) and the heartbeat. Each is made by
 * the one client (central-http.ts); every answer is parsed with core's schemas, and every
 * expected fault is a value.
 */

/** A config is a unit and a survey: a few KiB. Far more is not a config we would run. */
const MAX_CONFIG_BYTES = 256 * 1024;
/** What we keep of a server's error message: enough for a person, not a screenful. */
const MAX_MESSAGE_CHARS = 300;
/** An ETag we store and send back: visible ASCII only, so it is always a valid header value. */
const ETAG_PATTERN = /^[\x21-\x7e]{1,200}$/;

export type EnrollOutcome =
  | { ok: true; answer: EnrollAnswer }
  | { ok: false; reason: 'code_unknown' | 'code_used' | 'code_expired' | 'unreachable' }
  | { ok: false; reason: 'rate_limited' | 'server_error'; retryAfterMs?: number }
  /** Any other refusal; `message` is the server's own words (made printable) or the status. */
  | { ok: false; reason: 'rejected'; status: number; message: string };

export type ConfigFetchOutcome =
  | { ok: true; changed: false }
  | { ok: true; changed: true; config: TerminalConfig; etag: string | null }
  /** The server sent a config that fails validation: refused, with the field it failed at. */
  | { ok: false; reason: 'invalid'; field: string; message: string }
  | TerminalFault;

export type HeartbeatOutcome =
  | { ok: true }
  /** Our own heartbeat failed its schema: a bug in what collected it, never sent. */
  | { ok: false; reason: 'invalid'; field: string; message: string }
  | TerminalFault;

/** The server's clock against ours at one answer: server minus terminal, in ms. */
export type ServerClock = { skewMs: number; at: string };

/**
 * A fetch that reads the `Date` header of every answer it gets and tells `onClock` how far the
 * terminal's clock is from the server's. `Date` has whole seconds, so the skew is known to about
 * a second: enough to tell a trusted clock from one that is minutes or years off.
 */
export function watchServerClock(
  fetchImpl: Fetch,
  onClock: (clock: ServerClock) => void,
  now: () => number = Date.now,
): Fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const at = now();
    const serverMs = Date.parse(response.headers.get('date') ?? '');
    if (Number.isFinite(serverMs)) {
      onClock({ skewMs: serverMs - at, at: new Date(at).toISOString() });
    }
    return response;
  };
}

/** Text from the server made safe for a terminal or a log line: no control chars, capped. */
export function printable(text: string, maxChars = MAX_MESSAGE_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}

/** Whether an ETag may be kept and sent back in `If-None-Match`. */
export function isUsableEtag(etag: string): boolean {
  return ETAG_PATTERN.test(etag);
}

/** `POST {api}/v1/enroll`: a single-use code for this terminal's id, token and first config. */
export async function enroll(
  apiUrl: string,
  request: EnrollRequest,
  fetchImpl: Fetch = fetch,
): Promise<EnrollOutcome> {
  const outcome = await centralCall({
    apiUrl,
    path: '/enroll',
    method: 'POST',
    json: request,
    timeoutMs: CENTRAL_TIMEOUT_MS.terminal,
    maxBytes: MAX_CONFIG_BYTES,
    fetchImpl,
  });
  if (!outcome.ok) {
    return enrollFault(outcome);
  }
  const parsed = EnrollAnswerSchema.safeParse(outcome.body);
  // A config made out to another terminal is not an answer we can run on.
  if (!parsed.success || parsed.data.config.terminalId !== parsed.data.terminalId) {
    return { ok: false, reason: 'server_error' };
  }
  return { ok: true, answer: parsed.data };
}

/** A refused enrollment in the words of the setup screen and the provisioning tool. */
function enrollFault(fault: CentralFault): Exclude<EnrollOutcome, { ok: true }> {
  switch (fault.reason) {
    case 'unreachable':
      return { ok: false, reason: 'unreachable' };
    case 'unusable':
      return { ok: false, reason: 'server_error' };
    case 'redirected': {
      const location = printable(fault.location ?? '');
      return {
        ok: false,
        reason: 'rejected',
        status: fault.status,
        message: location ? `redirected to ${location}` : `redirected (HTTP ${fault.status})`,
      };
    }
    case 'rate_limited':
    case 'server_error':
      return {
        ok: false,
        reason: fault.reason,
        ...(fault.retryAfterMs === undefined ? {} : { retryAfterMs: fault.retryAfterMs }),
      };
    case 'unauthorized':
    case 'forbidden':
    case 'refused':
      break;
  }
  const { status, error } = fault;
  if (status === 404 && error?.code === 'code_unknown') {
    return { ok: false, reason: 'code_unknown' };
  }
  if (status === 410) {
    // A code that is gone is used or expired; an unreadable body cannot make it valid again.
    return { ok: false, reason: error?.code === 'code_used' ? 'code_used' : 'code_expired' };
  }
  if (status === 404) {
    // Not the API's own "unknown code": most likely the URL does not lead to the API at all.
    return {
      ok: false,
      reason: 'rejected',
      status,
      message: 'HTTP 404: no enrollment endpoint at this URL (is it the API base URL?)',
    };
  }
  return {
    ok: false,
    reason: 'rejected',
    status,
    message: error ? printable(error.message) || error.code : `HTTP ${status}`,
  };
}

/**
 * `GET {api}/v1/terminal/config`, with `If-None-Match` when a config is already held. A config
 * that fails validation is refused with the field it failed at, so the terminal keeps its last
 * good one and the technician learns what the central side got wrong.
 */
export async function fetchConfig(
  target: TransportTarget,
  etag: string | null,
  fetchImpl: Fetch = fetch,
): Promise<ConfigFetchOutcome> {
  const outcome = await centralCall({
    apiUrl: target.apiUrl,
    path: '/terminal/config',
    token: target.token,
    headers: etag !== null && isUsableEtag(etag) ? { 'if-none-match': etag } : {},
    timeoutMs: CENTRAL_TIMEOUT_MS.terminal,
    maxBytes: MAX_CONFIG_BYTES,
    fetchImpl,
  });
  if (!outcome.ok) {
    return terminalFault(outcome);
  }
  if (outcome.status === 304) {
    return { ok: true, changed: false };
  }
  if (outcome.status !== 200) {
    return { ok: false, reason: 'server_error' };
  }
  const parsed = parseWith(TerminalConfigSchema, outcome.body);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: 'invalid',
      field: printable(parsed.field, 200),
      message: printable(parsed.message),
    };
  }
  const newEtag = outcome.headers.get('etag');
  return {
    ok: true,
    changed: true,
    config: parsed.value,
    etag: newEtag !== null && isUsableEtag(newEtag) ? newEtag : null,
  };
}

/** `POST {api}/v1/terminal/heartbeat`: the terminal's vital signs; `204` expected. */
export async function sendHeartbeat(
  target: TransportTarget,
  heartbeat: Heartbeat,
  fetchImpl: Fetch = fetch,
): Promise<HeartbeatOutcome> {
  const parsed = parseWith(HeartbeatSchema, heartbeat);
  if (!parsed.ok) {
    return { ok: false, reason: 'invalid', field: parsed.field, message: parsed.message };
  }
  const outcome = await centralCall({
    apiUrl: target.apiUrl,
    path: '/terminal/heartbeat',
    method: 'POST',
    token: target.token,
    json: parsed.value,
    timeoutMs: CENTRAL_TIMEOUT_MS.terminal,
    maxBytes: 0,
    expect: 'nothing',
    fetchImpl,
  });
  return outcome.ok ? { ok: true } : terminalFault(outcome);
}

import {
  ApiErrorSchema,
  EnrollAnswerSchema,
  HeartbeatSchema,
  type EnrollAnswer,
  type EnrollRequest,
  type Heartbeat,
} from '../core/central-api';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { parseWith } from '../core/validation';
import { readCapped } from './read-capped';
import { apiEndpoint, retryAfterMs, type Fetch, type TransportTarget } from './sync-transport';

/**
 * The terminal's calls to the central API (central-api.md) other than the upload, which is in
 * sync-transport.ts: enrollment, the config (ETag polling) and the heartbeat. Every answer is
 * untrusted input, read capped and parsed with core's schemas; every expected fault is a value.
 */

export const CENTRAL_TIMEOUT_MS = 15_000;
/** A config is a unit and a survey: a few KiB. Far more is not a config we would run. */
const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_ERROR_BYTES = 16 * 1024;
/** What we keep of a server's error message: enough for a person, not a screenful. */
const MAX_MESSAGE_CHARS = 300;
/** An ETag we store and send back: visible ASCII only, so it is always a valid header value. */
const ETAG_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The faults of any call made with the terminal's token. */
export type TerminalFault = {
  ok: false;
  reason: 'offline' | 'unauthorized' | 'revoked' | 'rate_limited' | 'server_error';
  retryAfterMs?: number;
};

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

/** The fetch, or null when nothing answered (refused, reset, DNS, timeout, a bad URL). */
async function send(
  apiUrl: string,
  path: string,
  init: RequestInit,
  fetchImpl: Fetch,
): Promise<globalThis.Response | null> {
  try {
    return await fetchImpl(apiEndpoint(apiUrl, path), {
      ...init,
      // A redirect is reported, not followed: the token must go only where it was set up to go.
      redirect: 'manual',
      signal: AbortSignal.timeout(CENTRAL_TIMEOUT_MS),
    });
  } catch {
    return null;
  }
}

type JsonBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'unusable' } // too large, or not JSON
  | { kind: 'broken' }; // the connection failed or stalled mid-body

async function readJson(response: globalThis.Response, maxBytes: number): Promise<JsonBody> {
  let text: string | null;
  try {
    text = await readCapped(response, maxBytes);
  } catch {
    return { kind: 'broken' };
  }
  if (text === null) {
    return { kind: 'unusable' };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'unusable' };
  }
}

/** The `{error: {code, message}}` of a refusal, or null when the body is not one. */
async function readApiError(
  response: globalThis.Response,
): Promise<{ code: string; message: string } | null> {
  const body = await readJson(response, MAX_ERROR_BYTES);
  if (body.kind !== 'json') {
    return null;
  }
  const parsed = ApiErrorSchema.safeParse(body.value);
  return parsed.success ? parsed.data.error : null;
}

async function discard(response: globalThis.Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function retryOf(response: globalThis.Response): { retryAfterMs?: number } {
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));
  return retryAfter === undefined ? {} : { retryAfterMs: retryAfter };
}

/** What a refused terminal call means; the body is discarded. */
async function terminalFault(response: globalThis.Response): Promise<TerminalFault> {
  await discard(response);
  if (response.status === 401) {
    return { ok: false, reason: 'unauthorized' };
  }
  // As the upload does: 403 is how central-api.md says "revoked" to a terminal.
  if (response.status === 403) {
    return { ok: false, reason: 'revoked' };
  }
  if (response.status === 429) {
    return { ok: false, reason: 'rate_limited', ...retryOf(response) };
  }
  return { ok: false, reason: 'server_error', ...retryOf(response) };
}

function terminalHeaders(target: TransportTarget): Record<string, string> {
  return { authorization: `Bearer ${target.token}`, accept: 'application/json' };
}

/** `POST {api}/v1/enroll`: a single-use code for this terminal's id, token and first config. */
export async function enroll(
  apiUrl: string,
  request: EnrollRequest,
  fetchImpl: Fetch = fetch,
): Promise<EnrollOutcome> {
  const response = await send(
    apiUrl,
    'v1/enroll',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
    },
    fetchImpl,
  );
  if (response === null) {
    return { ok: false, reason: 'unreachable' };
  }
  const { status } = response;
  if (status === 200 || status === 201) {
    const body = await readJson(response, MAX_CONFIG_BYTES);
    if (body.kind === 'broken') {
      return { ok: false, reason: 'unreachable' };
    }
    const parsed = EnrollAnswerSchema.safeParse(body.kind === 'json' ? body.value : null);
    // A config made out to another terminal is not an answer we can run on.
    if (!parsed.success || parsed.data.config.terminalId !== parsed.data.terminalId) {
      return { ok: false, reason: 'server_error' };
    }
    return { ok: true, answer: parsed.data };
  }
  if (status === 429) {
    await discard(response);
    return { ok: false, reason: 'rate_limited', ...retryOf(response) };
  }
  if (status >= 500 || (status >= 200 && status < 300)) {
    await discard(response);
    return { ok: false, reason: 'server_error', ...retryOf(response) };
  }
  if (status >= 300 && status < 400) {
    await discard(response);
    const location = printable(response.headers.get('location') ?? '');
    return {
      ok: false,
      reason: 'rejected',
      status,
      message: location ? `redirected to ${location}` : `redirected (HTTP ${status})`,
    };
  }
  const error = await readApiError(response);
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
  const headers = terminalHeaders(target);
  if (etag !== null && isUsableEtag(etag)) {
    headers['if-none-match'] = etag;
  }
  const response = await send(target.apiUrl, 'v1/terminal/config', { headers }, fetchImpl);
  if (response === null) {
    return { ok: false, reason: 'offline' };
  }
  if (response.status === 304) {
    await discard(response);
    return { ok: true, changed: false };
  }
  if (response.status !== 200) {
    return terminalFault(response);
  }
  const body = await readJson(response, MAX_CONFIG_BYTES);
  if (body.kind === 'broken') {
    return { ok: false, reason: 'offline' };
  }
  if (body.kind === 'unusable') {
    return { ok: false, reason: 'server_error' };
  }
  const parsed = parseWith(TerminalConfigSchema, body.value);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: 'invalid',
      field: printable(parsed.field, 200),
      message: printable(parsed.message),
    };
  }
  const newEtag = response.headers.get('etag');
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
  const response = await send(
    target.apiUrl,
    'v1/terminal/heartbeat',
    {
      method: 'POST',
      headers: { ...terminalHeaders(target), 'content-type': 'application/json' },
      body: JSON.stringify(parsed.value),
    },
    fetchImpl,
  );
  if (response === null) {
    return { ok: false, reason: 'offline' };
  }
  if (response.status >= 200 && response.status < 300) {
    await discard(response);
    return { ok: true };
  }
  return terminalFault(response);
}

import { API_PREFIX, ApiErrorSchema, type ApiError } from '../core/central-api';
import { readCapped } from './read-capped';

/**
 * The one HTTP client of the central API (central-api.md). The sync upload, the terminal's
 * enrollment, config and heartbeat calls, and the admin tool all make their requests here, so a
 * request becomes an outcome by one set of rules: the answer is read with a cap, a call has a
 * deadline, a redirect is never followed, `Retry-After` is honoured, and a status means the same
 * thing to every caller. Callers only translate the outcome into their own words.
 */

export type Fetch = typeof fetch;

/** Where a terminal's calls go, and the token that goes only there. */
export type TransportTarget = { apiUrl: string; token: string };

/**
 * How long one call may take, its answer included. They differ on purpose: an upload carries
 * up to 512 KiB of answers, perhaps over a slow mobile link; the terminal's other calls are a few
 * KiB and run in the background; at the admin tool a person waits at the console and would
 * rather hear "no answer" soon and try again.
 */
export const CENTRAL_TIMEOUT_MS = { upload: 30_000, terminal: 15_000, admin: 10_000 } as const;

/** An error body is a code and a sentence; far more is not one. */
const MAX_ERROR_BYTES = 16 * 1024;
/** `Retry-After` above an hour is taken as an hour: a terminal must not fall silent for days. */
const MAX_RETRY_AFTER_MS = 3_600_000;

export type CentralRequest = {
  /** The API base URL as configured, with or without a trailing slash. */
  apiUrl: string;
  /** The call's path under `{api}/v1`, e.g. `/terminal/config`. */
  path: string;
  method?: 'GET' | 'POST' | 'PATCH';
  /** The bearer token (terminal or admin); none for enrollment. */
  token?: string;
  headers?: Record<string, string>;
  /** Sent as JSON when given. */
  json?: unknown;
  timeoutMs: number;
  /** The largest successful answer read; a larger one is `unusable`, never buffered whole. */
  maxBytes: number;
  /** `nothing`: a success's body is not wanted (a heartbeat's 204), so it is not read. */
  expect?: 'json' | 'nothing';
  fetchImpl?: Fetch;
};

/** A 2xx, or a 304; `body` is the answer's JSON (undefined for 204, 304 or `expect: nothing`). */
export type CentralAnswer = { ok: true; status: number; headers: Headers; body: unknown };

/** Why a call did not give an answer to use: the one status → reason mapping is statusReason. */
export type CentralFault =
  /** Nothing answered, or the answer broke off or stalled: refused, DNS, reset, timeout. */
  | { ok: false; reason: 'unreachable'; detail: string }
  /** A 3xx: reported, never followed, so a token goes only where it was set up to go. */
  | { ok: false; reason: 'redirected'; status: number; location: string | null }
  /** A 2xx whose body is over the cap or not JSON. */
  | { ok: false; reason: 'unusable'; status: number; detail: 'too large' | 'not JSON' }
  | {
      ok: false;
      reason: StatusReason;
      status: number;
      /** The body's `{error: {code, message}}`, when it is one. */
      error: ApiError['error'] | null;
      retryAfterMs?: number;
    };

export type CentralOutcome = CentralAnswer | CentralFault;

export type StatusReason =
  'unauthorized' | 'forbidden' | 'rate_limited' | 'refused' | 'server_error';

/** What a status says, for every caller: 2xx and 304 are answers, 3xx redirects, the rest faults. */
export function statusReason(status: number): 'answer' | 'redirected' | StatusReason {
  if ((status >= 200 && status < 300) || status === 304) {
    return 'answer';
  }
  if (status >= 300 && status < 400) {
    return 'redirected';
  }
  if (status === 401) {
    return 'unauthorized';
  }
  if (status === 403) {
    return 'forbidden';
  }
  if (status === 429) {
    return 'rate_limited';
  }
  return status >= 400 && status < 500 ? 'refused' : 'server_error';
}

/** `Retry-After` in seconds (or an HTTP date), as ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs = Date.now()): number | undefined {
  if (header === null) {
    return undefined;
  }
  const value = header.trim();
  if (/^\d+$/.test(value)) {
    return Math.min(MAX_RETRY_AFTER_MS, Number(value) * 1000);
  }
  const date = Date.parse(value);
  return Number.isFinite(date)
    ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - nowMs))
    : undefined;
}

/** `{api}/v1<path>`, whether the configured API base ends with '/' or not. */
export function centralUrl(apiUrl: string, path: string): string {
  return new URL(`${API_PREFIX.slice(1)}${path}`, apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`)
    .href;
}

/** Makes one call; every way it can go wrong is a value, never an exception. */
export async function centralCall(request: CentralRequest): Promise<CentralOutcome> {
  const { timeoutMs, fetchImpl = fetch } = request;
  let response: globalThis.Response;
  try {
    response = await fetchImpl(centralUrl(request.apiUrl, request.path), {
      method: request.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(request.token === undefined ? {} : { authorization: `Bearer ${request.token}` }),
        ...(request.json === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(request.json === undefined ? {} : { body: JSON.stringify(request.json) }),
      redirect: 'manual',
      // The deadline covers the body too: a server that stalls halfway is given up on.
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: whyUnreachable(error, timeoutMs) };
  }
  const { status } = response;
  const reason = statusReason(status);
  if (reason === 'answer') {
    return readAnswer(response, request);
  }
  if (reason === 'redirected') {
    await discard(response);
    return { ok: false, reason, status, location: response.headers.get('location') };
  }
  const error = await readApiError(response);
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));
  return {
    ok: false,
    reason,
    status,
    error,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  };
}

async function readAnswer(
  response: globalThis.Response,
  request: CentralRequest,
): Promise<CentralAnswer | CentralFault> {
  const { status, headers } = response;
  if (status === 204 || status === 304 || request.expect === 'nothing') {
    await discard(response);
    return { ok: true, status, headers, body: undefined };
  }
  let text: string | null;
  try {
    text = await readCapped(response, request.maxBytes);
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: whyUnreachable(error, request.timeoutMs) };
  }
  if (text === null) {
    return { ok: false, reason: 'unusable', status, detail: 'too large' };
  }
  try {
    return { ok: true, status, headers, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'unusable', status, detail: 'not JSON' };
  }
}

/** The `{error: {code, message}}` of a refusal, or null when the body is not one. */
async function readApiError(response: globalThis.Response): Promise<ApiError['error'] | null> {
  try {
    const text = await readCapped(response, MAX_ERROR_BYTES);
    const parsed = ApiErrorSchema.safeParse(text === null ? null : JSON.parse(text));
    return parsed.success ? parsed.data.error : null;
  } catch {
    // Not JSON, or the connection broke mid-body: the status alone says what happened.
    return null;
  }
}

async function discard(response: globalThis.Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** Why nothing answered, in a few words a person can act on. */
function whyUnreachable(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${Math.ceil(timeoutMs / 1000)} s`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name is not known';
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return typeof cause?.code === 'string'
        ? cause.code
        : typeof cause?.message === 'string'
          ? cause.message
          : 'no connection';
  }
}

/** The faults of any call made with a terminal's token, as the terminal names them. */
export type TerminalFault = {
  ok: false;
  reason: 'offline' | 'unauthorized' | 'revoked' | 'rate_limited' | 'server_error';
  retryAfterMs?: number;
};

/**
 * A fault in the terminal's words (the upload, the config poll, the heartbeat): 403 is how
 * central-api.md says "revoked" to a terminal; a redirect, a refusal of another kind or an
 * answer that cannot be used is the server's fault, since the terminal's request was its own.
 */
export function terminalFault(fault: CentralFault): TerminalFault {
  switch (fault.reason) {
    case 'unreachable':
      return { ok: false, reason: 'offline' };
    case 'unauthorized':
      return { ok: false, reason: 'unauthorized' };
    case 'forbidden':
      return { ok: false, reason: 'revoked' };
    case 'rate_limited':
    case 'refused':
    case 'server_error':
      return {
        ok: false,
        reason: fault.reason === 'rate_limited' ? 'rate_limited' : 'server_error',
        ...(fault.retryAfterMs === undefined ? {} : { retryAfterMs: fault.retryAfterMs }),
      };
    case 'redirected':
    case 'unusable':
      return { ok: false, reason: 'server_error' };
  }
}

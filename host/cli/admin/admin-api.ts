import { API_PREFIX, ApiErrorSchema } from '../../../core/central-api';
import { readCapped } from '../../read-capped';

/**
 * The admin calls of central-api.md as this tool makes them: one fetch with a timeout, the
 * answer read with a cap, every way it can go wrong a value. The token goes only to `api`:
 * redirects are reported, not followed.
 */

export const ADMIN_TIMEOUT_MS = 10_000;
/** The template list is the largest answer, a few KiB; a config is at most 256 KiB. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const MAX_ERROR_BYTES = 16 * 1024;

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

/** `{api}/v1/…`, whether or not `api` ends with a slash. */
export function adminEndpoint(api: string, path: string): string {
  return new URL(`${API_PREFIX.slice(1)}${path}`, api.endsWith('/') ? api : `${api}/`).href;
}

export async function adminCall(
  target: AdminTarget,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<AdminOutcome> {
  const signal = AbortSignal.timeout(target.timeoutMs);
  let response: globalThis.Response;
  try {
    response = await fetch(adminEndpoint(target.api, path), {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: whyUnreachable(error, target.timeoutMs) };
  }
  const { status } = response;
  if (status === 401 || status === 403) {
    await discard(response);
    return { ok: false, reason: 'unauthorized', status };
  }
  if (status >= 200 && status < 300) {
    const read = await readJson(response, MAX_ANSWER_BYTES, target.timeoutMs);
    return read.ok ? { ok: true, status, body: read.value } : read.outcome;
  }
  if (status >= 300 && status < 400) {
    await discard(response);
    const location = response.headers.get('location');
    return {
      ok: false,
      reason: 'failed',
      detail: location
        ? `it answered with a redirect to ${location}; give that address with --api`
        : `it answered with a redirect (HTTP ${status})`,
    };
  }
  if (status === 429) {
    await discard(response);
    const wait = response.headers.get('retry-after');
    return {
      ok: false,
      reason: 'failed',
      detail: `it asks to wait before trying again${wait && /^\d+$/.test(wait) ? ` (${wait} s)` : ''}`,
    };
  }
  const read = await readJson(response, MAX_ERROR_BYTES, target.timeoutMs);
  const error = read.ok ? ApiErrorSchema.safeParse(read.value) : null;
  if (status < 500 && error?.success) {
    return { ok: false, reason: 'refused', status, ...error.data.error };
  }
  return {
    ok: false,
    reason: 'failed',
    detail:
      status >= 500
        ? `it failed (HTTP ${status}${error?.success ? ` ${error.data.error.code}` : ''}); try again later`
        : `it answered HTTP ${status} without an error of central-api.md; is --api the central API's base URL?`,
  };
}

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

type JsonRead = { ok: true; value: unknown } | { ok: false; outcome: AdminOutcome & { ok: false } };

/** The body as JSON, read as a stream and cancelled at the cap: a hostile server cannot flood us. */
async function readJson(
  response: globalThis.Response,
  maxBytes: number,
  timeoutMs: number,
): Promise<JsonRead> {
  let text: string | null;
  try {
    text = await readCapped(response, maxBytes);
  } catch (error) {
    return {
      ok: false,
      outcome: { ok: false, reason: 'unreachable', detail: whyUnreachable(error, timeoutMs) },
    };
  }
  if (text === null) {
    return {
      ok: false,
      outcome: { ok: false, reason: 'failed', detail: 'its answer is too large' },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      outcome: { ok: false, reason: 'failed', detail: 'its answer is not JSON' },
    };
  }
}

async function discard(response: globalThis.Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

import { UploadAnswerSchema, type Response, type UploadOutcome } from '../core';
import { readCapped } from './read-capped';

/**
 * The host's half of sync: one batch to `POST {api}/v1/terminal/responses` with the terminal's
 * token, which never reaches the renderer. The server's answer is untrusted input: anything
 * but a well-formed answer about this batch counts as a server fault, never as delivered.
 */

export const UPLOAD_TIMEOUT_MS = 30_000;
/** A 500-id answer is ~60 KiB; anything far larger is not an answer to our batch. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** `Retry-After` above an hour is taken as an hour: a terminal must not fall silent for days. */
const MAX_RETRY_AFTER_MS = 3_600_000;

export type TransportTarget = { apiUrl: string; token: string };

export type Fetch = typeof fetch;

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

/** `{api}/<path>`, whether the configured API base ends with '/' or not. */
export function apiEndpoint(apiUrl: string, path: string): string {
  return new URL(path, apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`).href;
}

export function responsesUrl(apiUrl: string): string {
  return apiEndpoint(apiUrl, 'v1/terminal/responses');
}

export async function uploadBatch(
  target: TransportTarget,
  responses: Response[],
  fetchImpl: Fetch = fetch,
): Promise<UploadOutcome> {
  let answer: globalThis.Response;
  try {
    answer = await fetchImpl(responsesUrl(target.apiUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${target.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ responses }),
      redirect: 'error',
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, reason: 'offline' };
  }
  const retryAfter = retryAfterMs(answer.headers.get('retry-after'));
  const withRetry = retryAfter === undefined ? {} : { retryAfterMs: retryAfter };
  if (answer.status === 401) {
    return { ok: false, reason: 'unauthorized' };
  }
  if (answer.status === 403) {
    return { ok: false, reason: 'revoked' };
  }
  if (answer.status === 429) {
    return { ok: false, reason: 'rate_limited', ...withRetry };
  }
  if (answer.status !== 200) {
    await answer.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'server_error', ...withRetry };
  }
  let body: unknown;
  try {
    const text = await readCapped(answer, MAX_ANSWER_BYTES);
    body = text === null ? null : JSON.parse(text);
  } catch {
    return { ok: false, reason: 'server_error' };
  }
  const parsed = UploadAnswerSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, reason: 'server_error' };
  }
  // Only ids of this batch count: a server cannot mark answers it was never sent.
  const sent = new Set(responses.map((response) => response.id));
  return {
    ok: true,
    accepted: parsed.data.accepted.filter((id) => sent.has(id)),
    duplicate: parsed.data.duplicate.filter((id) => sent.has(id)),
    rejected: parsed.data.rejected.filter((item) => sent.has(item.id)),
  };
}

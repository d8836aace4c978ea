import { UploadAnswerSchema, type Response, type UploadOutcome } from '../core';
import {
  CENTRAL_TIMEOUT_MS,
  centralCall,
  terminalFault,
  type Fetch,
  type TransportTarget,
} from './central-http';

/**
 * The host's half of sync: one batch to `POST {api}/v1/terminal/responses` with the terminal's
 * token, which never reaches the renderer. The server's answer is untrusted input: anything
 * but a well-formed answer about this batch counts as a server fault, never as delivered.
 */

/** A 500-id answer is ~60 KiB; anything far larger is not an answer to our batch. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export async function uploadBatch(
  target: TransportTarget,
  responses: Response[],
  fetchImpl: Fetch = fetch,
): Promise<UploadOutcome> {
  const outcome = await centralCall({
    apiUrl: target.apiUrl,
    path: '/terminal/responses',
    method: 'POST',
    token: target.token,
    json: { responses },
    timeoutMs: CENTRAL_TIMEOUT_MS.upload,
    maxBytes: MAX_ANSWER_BYTES,
    fetchImpl,
  });
  if (!outcome.ok) {
    return terminalFault(outcome);
  }
  const parsed = UploadAnswerSchema.safeParse(outcome.body);
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

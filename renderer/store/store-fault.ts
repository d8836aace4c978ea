import type { RendererStatus } from '../../core';

/** The expected ways a write can fail, as the renderer reports them to the host. */
export type StoreFaultCode = Extract<RendererStatus['store'], { ok: false }>['code'];

function nameOf(error: unknown): string | undefined {
  return error !== null && typeof error === 'object' && 'name' in error
    ? String(error.name)
    : undefined;
}

function innerOf(error: unknown): unknown {
  return error !== null && typeof error === 'object' && 'inner' in error ? error.inner : undefined;
}

/**
 * What a failed write means for the terminal. A full disk aborts the whole transaction, so the
 * quota error may sit inside Dexie's AbortError (`inner`), possibly more than one level deep.
 */
export function storeFaultCode(error: unknown): StoreFaultCode {
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 4; depth += 1) {
    const name = nameOf(current);
    if (name === 'QuotaExceededError') {
      return 'quota_exceeded';
    }
    if (name === 'DatabaseClosedError') {
      return 'database_closed';
    }
    current = innerOf(current);
  }
  return 'write_failed';
}

/** Retry waits after a failed upload (DESIGN.md, "Sync"): exponential with full jitter. */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60 * 1000;

/**
 * Full jitter: anywhere between 0 and the exponential ceiling, so a county's terminals that lost
 * the network together do not all come back in the same second.
 */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

/** The server's `Retry-After` wins over our own guess when it asks for longer. */
export function nextAttemptDelay(
  failures: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const own = retryDelay(failures, random);
  return retryAfterMs !== undefined && retryAfterMs > own
    ? Math.min(retryAfterMs, BACKOFF_CAP_MS * 12)
    : own;
}

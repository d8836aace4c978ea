import type { Timers } from '../../core/timers';

/** How long a durable write may take before the patient is asked to try again (default). */
export const WRITE_DEADLINE_MS = 5_000;

/** What a write came to by its deadline: its value, or `late` (it goes on, unheard). */
export type ByDeadline<T> = { late: false; value: T } | { late: true };

/**
 * Waits for `work` until `ms` have passed on `timers`, no longer. On a full disk Chromium may
 * never settle an IndexedDB transaction, and the thank-you must not wait for it forever; the
 * work is not stopped (it cannot be), so the caller decides what a late outcome means.
 * `work` should not reject; if it does within the deadline, so does this.
 */
export function byDeadline<T>(
  work: Promise<T>,
  ms: number,
  timers: Timers,
): Promise<ByDeadline<T>> {
  return new Promise((resolve, reject) => {
    const timer = timers.setTimeout(() => resolve({ late: true }), ms);
    work.then(
      (value) => {
        timers.clearTimeout(timer);
        resolve({ late: false, value });
      },
      (error: unknown) => {
        timers.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

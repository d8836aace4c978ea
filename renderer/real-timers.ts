import type { Timers } from '../core/timers';

/**
 * The page's own clock and timers behind core's scheduling seam (host/real-timers.ts is Node's).
 * Code that waits takes a `Timers` and defaults to these; tests hand in a `manualClock()`.
 */
export const pageTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

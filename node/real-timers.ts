import type { Timers } from '../core/timers';

/** Node's own timers behind core's scheduling seam, for every Node room (host, server, electron). */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

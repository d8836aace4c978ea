import type { Timers } from '../core/timers';

/**
 * `setInterval` over the one scheduling seam: runs `run` every `ms` until the returned function
 * is called. Each run is set after the previous one ran, so a manual clock in a test sees one
 * pending timer, as the driver has one interval.
 */
export function repeat(timers: Timers, ms: number, run: () => void): () => void {
  let stopped = false;
  let handle: unknown = null;
  const next = (): void => {
    handle = timers.setTimeout(() => {
      if (stopped) {
        return;
      }
      next();
      run();
    }, ms);
  };
  next();
  return () => {
    stopped = true;
    timers.clearTimeout(handle);
  };
}

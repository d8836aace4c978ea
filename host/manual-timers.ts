import type { Timers } from './central-client';

/**
 * Timers a test drives by hand, for the config poller and the heartbeat: nothing runs until the
 * test fires it, so a test of "every minute" takes no minute and no sleep.
 */
export type ManualTimers = {
  timers: Timers;
  /** The delays of the timers now pending, in the order they were set. */
  pending(): number[];
  /** Runs the earliest-set pending timer; throws if none is pending. */
  fire(): void;
};

export function manualTimers(): ManualTimers {
  const waiting = new Map<number, { run: () => void; ms: number }>();
  let nextId = 1;
  return {
    timers: {
      setTimeout(run, ms) {
        const id = nextId;
        nextId += 1;
        waiting.set(id, { run, ms });
        return id;
      },
      clearTimeout(handle) {
        waiting.delete(handle as number);
      },
    },
    pending: () => [...waiting.values()].map((timer) => timer.ms),
    fire() {
      const first = waiting.entries().next();
      if (first.done) {
        throw new Error('no timer is pending');
      }
      const [id, timer] = first.value;
      waiting.delete(id);
      timer.run();
    },
  };
}

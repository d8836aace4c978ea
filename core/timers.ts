/**
 * The one scheduling seam of the project: everything that waits (the sync engine, the config
 * poller, the heartbeat, the service session, the box's watch and ping, the storage watch) takes
 * a `Timers`, and every test that drives time hands it a `manualClock()`. The real one lives with
 * each platform's globals (`node/real-timers.ts` for Node (host, server, electron), `renderer/real-timers.ts` for the page);
 * core itself touches no global.
 */
export type Timers = {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type ManualClock = {
  timers: Timers;
  now(): number;
  /** The delays of the timers now pending, in the order they were set. */
  pending(): number[];
  /** Milliseconds until the earliest-due pending timer, or null if none is pending. */
  nextDue(): number | null;
  /** Runs the earliest-set pending timer at once (time does not move); throws if none is pending. */
  fire(): void;
  /**
   * Moves time on by `ms`, running every timer that falls due in the order they fall due (a timer
   * set by one that ran is run too if it falls due in the window), and lets the callers' promise
   * chains settle after each one.
   */
  advance(ms: number): Promise<void>;
  /** Moves time on to the earliest-due timer and runs it; throws if none is pending. */
  runNext(): Promise<void>;
};

export type ManualClockOptions = {
  /** Epoch ms the clock starts at; default 2026-11-23T10:00:00Z. */
  start?: number;
  /**
   * How to let the code under test reach its next stop after a timer ran: by default a few
   * microtask turns; tests of code that awaits real I/O pass a macrotask-based settle.
   */
  settle?: () => Promise<void>;
};

const microtasks = async (): Promise<void> => {
  for (let i = 0; i < 20; i += 1) {
    await Promise.resolve();
  }
};

export function manualClock(options: ManualClockOptions = {}): ManualClock {
  let now = options.start ?? Date.UTC(2026, 10, 23, 10);
  const settle = options.settle ?? microtasks;
  let nextId = 1;
  const waiting = new Map<number, { run: () => void; ms: number; at: number }>();

  const earliestDue = (): [number, { run: () => void; at: number }] | undefined => {
    let best: [number, { run: () => void; at: number }] | undefined;
    for (const entry of waiting) {
      if (!best || entry[1].at < best[1].at) {
        best = entry;
      }
    }
    return best;
  };

  const timers: Timers = {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId;
      nextId += 1;
      const delay = Math.max(0, ms);
      waiting.set(id, { run, ms: delay, at: now + delay });
      return id;
    },
    clearTimeout(handle) {
      waiting.delete(handle as number);
    },
  };

  return {
    timers,
    now: () => now,
    pending: () => [...waiting.values()].map((timer) => timer.ms),
    nextDue() {
      const due = earliestDue();
      return due ? due[1].at - now : null;
    },
    fire() {
      const first = waiting.entries().next();
      if (first.done) {
        throw new Error('no timer is pending');
      }
      const [id, timer] = first.value;
      waiting.delete(id);
      timer.run();
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = earliestDue();
        if (!due || due[1].at > until) {
          break;
        }
        waiting.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].run();
        await settle();
      }
      now = until;
      await settle();
    },
    async runNext() {
      const due = earliestDue();
      if (!due) {
        throw new Error('no timer is pending');
      }
      waiting.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].run();
      await settle();
    },
  };
}

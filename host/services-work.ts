/**
 * The host's two rules for work that outlives a call: steps that touch the config, the settings
 * or the enrollment run one after another, and work started without being awaited (an old link
 * stopping, an abandoned export) is still awaited by `close()`, so nothing is written after it.
 */
export type Work = {
  /** Runs async steps one after another: config, settings and enrollment never interleave. */
  inOrder: <T>(step: () => Promise<T>) => Promise<T>;
  /** Work started and not awaited where it began: `settle()` waits for it. */
  track: (work: Promise<unknown>) => void;
  /** Resolves once the queue is empty and every tracked piece of work has settled. */
  settle: () => Promise<void>;
};

export function createWork(): Work {
  let tail: Promise<unknown> = Promise.resolve();
  const unsettled = new Set<Promise<void>>();

  const inOrder = <T>(step: () => Promise<T>): Promise<T> => {
    const run = tail.then(step);
    tail = run.catch(() => undefined);
    return run;
  };

  return {
    inOrder,
    track(work) {
      const done = (): void => {
        unsettled.delete(settled);
      };
      const settled = work.then(done, done);
      unsettled.add(settled);
    },
    async settle() {
      // Settling work may start more (an enrollment in the queue stops the link it replaces).
      do {
        await Promise.all([...unsettled, inOrder(() => Promise.resolve())]);
      } while (unsettled.size > 0);
    },
  };
}

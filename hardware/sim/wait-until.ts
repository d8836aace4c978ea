/**
 * Resolves once `ready()` holds, re-checking whenever `subscribe`'s event fires; rejects after
 * `timeoutMs` with `describe()`, which is built late so it can say how far things got.
 */
export async function waitUntil(
  subscribe: (wake: () => void) => () => void,
  ready: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  if (ready()) {
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const unsubscribe = subscribe(() => {
      if (ready()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(describe()));
    }, timeoutMs);
  });
}

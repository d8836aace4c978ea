import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KioskPage } from './kiosk-page';

/** Whether socat (the pseudo-terminal maker behind the virtual box) is installed. */
export const HAS_SOCAT = (() => {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export function reportMissingSocat(what: string): void {
  if (!HAS_SOCAT) {
    process.stderr.write(`${what} skipped: socat not installed (apt-get install socat)\n`);
  }
}

/** Buttons 1, 2, 3, 4, 1, …: the same button comes back only every fourth press. */
export function buttonSequence(count: number, buttons = 4): number[] {
  return Array.from({ length: count }, (_, i) => (i % buttons) + 1);
}

/** How many of each value, for comparing what was pressed, lit and stored. */
export function tally(values: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const value of values) {
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

/**
 * Holds a read-write transaction on the answers table open from inside the page, so that the
 * kiosk's own write waits behind it: while it is held, nothing can have been committed.
 */
export async function holdStore(kiosk: KioskPage): Promise<{ release(): Promise<void> }> {
  await kiosk.page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hymy');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('responses', 'readwrite');
          const store = tx.objectStore('responses');
          const w = window as unknown as {
            __hymyHold?: { released: boolean; done: Promise<void> };
          };
          const hold = { released: false, done: Promise.resolve() };
          hold.done = new Promise<void>((done) => {
            tx.oncomplete = () => {
              db.close();
              done();
            };
          });
          w.__hymyHold = hold;
          // A transaction stays open only while it has requests: each answer asks again at
          // once (a timer in between would let it commit), until released.
          const spin = (): void => {
            if (!hold.released) {
              store.count().onsuccess = spin;
            }
          };
          store.count().onsuccess = () => {
            resolve();
            spin();
          };
        };
      }),
  );
  return {
    release: () =>
      kiosk.page.evaluate(async () => {
        const w = window as unknown as { __hymyHold?: { released: boolean; done: Promise<void> } };
        if (w.__hymyHold) {
          w.__hymyHold.released = true;
          await w.__hymyHold.done;
        }
      }),
  };
}

/**
 * How many box answers the host's journal (`journal.jsonl` in the data dir) holds. The page
 * writes each answer to the journal and to its store together, so a press found here has
 * reached the page and is being written down: a light not yet lit then is waiting for the store.
 */
export async function buttonAnswersInJournal(dataDir: string): Promise<number> {
  const text = await readFile(path.join(dataDir, 'journal.jsonl'), 'utf8').catch(() => '');
  return text.match(/"source":"button"/g)?.length ?? 0;
}

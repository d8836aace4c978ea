import type { HymyDb } from '../store/db';

/**
 * Counting the pending answers without holding up a tap. One IDBIndex.count() over 100,000
 * pending keys reads them all in one transaction (~1 s measured), and a patient's write to the
 * same store waits for it. Here the count goes a slice of keys per transaction, with a task
 * between slices, so a tap waits behind one slice at most.
 */

/** Keys per slice: each transaction walks about twice this many index entries. */
export const COUNT_SLICE = 250;

const INDEX = '[syncState+answeredAt]';
// Dexie's bounds: every answeredAt string sorts between these.
const LOWEST = Number.NEGATIVE_INFINITY;
const HIGHEST: unknown[] = [];

/** Where the next slice starts: at `from`, or just past it. */
type Position = { from: string | number; open: boolean };

type Slice = { counted: number; next: Position | null; answeredUnmarked: number };

/**
 * One slice: the cursor jumps `size` keys ahead to find where the slice ends, and the range up
 * to that answeredAt (not including it) is counted. Ranges are bounded by answeredAt, so answers
 * made in the same millisecond are never split between slices. The last slice also reads the
 * recorded server answers, in the same transaction, as the rows they name still look pending.
 */
function countSlice(db: HymyDb, at: Position, size: number): Promise<Slice> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction(['responses', 'marks'], 'readonly');
    const index = tx.objectStore('responses').index(INDEX);
    const rest = IDBKeyRange.bound(['pending', at.from], ['pending', HIGHEST], at.open, true);
    let result: Slice | null = null;
    const finish = (counted: number): void => {
      const marks = tx.objectStore('marks').getAll();
      marks.onsuccess = () => {
        const recorded = marks.result as { sent: string[]; rejected: unknown[] }[];
        const answeredUnmarked = recorded.reduce(
          (sum, row) => sum + row.sent.length + row.rejected.length,
          0,
        );
        result = { counted, next: null, answeredUnmarked };
      };
    };
    const cursor = index.openKeyCursor(rest);
    let jumped = false;
    cursor.onsuccess = () => {
      const here = cursor.result;
      if (!here) {
        // Fewer than `size` keys were left (or none): count them all.
        const count = index.count(rest);
        count.onsuccess = () => finish(count.result);
        return;
      }
      if (!jumped) {
        jumped = true;
        here.advance(size);
        return;
      }
      const end = (here.key as [string, string])[1];
      const sameMoment = end === at.from;
      // Over `size` answers in one millisecond: count that moment alone, then move past it.
      const range = sameMoment
        ? IDBKeyRange.only(['pending', end])
        : IDBKeyRange.bound(['pending', at.from], ['pending', end], at.open, true);
      const count = index.count(range);
      count.onsuccess = () => {
        result = {
          counted: count.result,
          next: { from: end, open: sameMoment },
          answeredUnmarked: 0,
        };
      };
    };
    tx.oncomplete = () =>
      result ? resolve(result) : reject(new Error('the pending count did not finish'));
    tx.onerror = () => reject(tx.error ?? new Error('the pending count failed'));
    tx.onabort = () => reject(tx.error ?? new Error('the pending count was aborted'));
  });
}

/**
 * How many answers wait to be sent: the pending rows less those the server has already
 * answered whose marks are not applied yet. Answers added meanwhile are counted (they join
 * the index at its end, ahead of the slices); the caller must not apply marks meanwhile.
 */
export async function countPending(db: HymyDb, size = COUNT_SLICE): Promise<number> {
  if (!db.isOpen()) {
    await db.open();
  }
  let at: Position | null = { from: LOWEST, open: false };
  let total = 0;
  while (at) {
    // A tap waiting as a task gets its transaction queued before the next slice's.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const slice = await countSlice(db, at, size);
    total += slice.counted - slice.answeredUnmarked;
    at = slice.next;
  }
  return Math.max(0, total);
}

import { describe, expect, it } from 'vitest';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { manualClock } from '../../core/timers';
import { later, memoryJournal } from '../testing/memory-journal';
import { throwawayDbs } from '../testing/stores';
import { createJournaledStore } from './journaled-store';
import { createResponseStore, type LocalResponseStore, type SaveResult } from './response-store';

const freshDb = throwawayDbs('hymy-deadline');

/** Lets every promise and fake-indexeddb's own events run (they use real timers). */
const drain = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/** The real store, whose next save waits until the test lets it through (a hung transaction). */
function stalledStore(local: LocalResponseStore) {
  const gate = later<void>();
  let stalled = true;
  const store: LocalResponseStore = {
    ...local,
    async save(response): Promise<SaveResult> {
      if (stalled) {
        stalled = false;
        await gate.promise;
      }
      return local.save(response);
    },
  };
  return { store, release: () => gate.settle() };
}

/** A journaled store with a 5 s deadline on a manual clock; its page store stalled if asked. */
function rig(stallStore: boolean) {
  const clock = manualClock();
  const db = freshDb();
  const local = stalledStore(createResponseStore(db));
  const journal = memoryJournal();
  const store = createJournaledStore(
    stallStore ? local.store : createResponseStore(db),
    journal.port,
    { deadlineMs: 5_000, timers: clock.timers },
  );
  return { clock, db, journal, store, releaseStore: local.release };
}

describe('a durable write has a deadline', () => {
  it('a tap whose store never answers is not thanked: it fails at the deadline', async () => {
    const { clock, journal, store } = rig(true);
    let result: SaveResult | 'waiting' = 'waiting';
    void store.save(sampleResponse()).then((saved) => {
      result = saved;
    });
    await drain();
    await clock.advance(4_999);
    expect(result).toBe('waiting');
    await clock.advance(1);
    await drain();
    expect(result).toEqual({ ok: false, code: 'write_failed' });
    // Never thanked, so not kept for a restore either.
    expect(journal.held.size).toBe(0);
  });

  it('a write that lands after the deadline is taken back, so the retry is the only copy', async () => {
    const { clock, db, journal, store, releaseStore } = rig(true);
    const first = store.save(sampleResponse());
    await drain();
    await clock.advance(5_000);
    await expect(first).resolves.toEqual({ ok: false, code: 'write_failed' });

    // The patient tries again: a new answer, with its own id.
    const retry = sampleResponse({ id: sampleResponseId(1) });
    await expect(store.save(retry)).resolves.toEqual({ ok: true });
    // The first one's transaction commits at last.
    releaseStore();
    await drain();
    expect((await db.responses.toArray()).map((row) => row.id)).toEqual([retry.id]);
    expect([...journal.held.keys()]).toEqual([retry.id]);
  });

  it('a journal that never answers: the store gives its copy back at the deadline', async () => {
    const { clock, db, journal, store } = rig(false);
    const late = journal.stall();
    const saved = store.save(sampleResponse());
    await drain();
    await clock.advance(5_000);
    await expect(saved).resolves.toEqual({ ok: false, code: 'journal_failed' });
    await drain();
    expect(await db.responses.count()).toBe(0);

    // The host's fsync finishes after all: the line it wrote is withdrawn.
    late.settle({ ok: true });
    await drain();
    expect(journal.calls).toEqual([
      `append ${sampleResponseId(0)}`,
      `withdraw ${sampleResponseId(0)}`,
    ]);
    expect(journal.held.size).toBe(0);
  });

  it('a write in time is thanked and leaves no timer waiting', async () => {
    const { clock, db, store } = rig(false);
    await expect(store.save(sampleResponse())).resolves.toEqual({ ok: true });
    expect(clock.pending()).toEqual([]);
    expect(await db.responses.count()).toBe(1);
  });
});

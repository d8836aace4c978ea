import { describe, expect, it } from 'vitest';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { createJournaledStore } from './journaled-store';
import { memoryJournal } from '../testing/memory-journal';
import { throwawayDbs } from '../testing/stores';
import { createResponseStore } from './response-store';

const freshDb = throwawayDbs('hymy-journaled');

describe('every answer twice: the page store and the host journal', () => {
  it('an answer is stored only when both the store and the journal kept it', async () => {
    const db = freshDb();
    const journal = memoryJournal();
    const store = createJournaledStore(createResponseStore(db), journal.port);
    await expect(store.save(sampleResponse())).resolves.toEqual({ ok: true });
    expect(await db.responses.get(sampleResponseId(0))).toMatchObject({ syncState: 'pending' });
    expect(journal.held.get(sampleResponseId(0))).toEqual(sampleResponse());
  });

  it('an answer the journal could not keep (a full disk) is taken out of the store again', async () => {
    const db = freshDb();
    const journal = memoryJournal();
    journal.answer({ ok: false, reason: 'disk_full' });
    const store = createJournaledStore(createResponseStore(db), journal.port);
    await expect(store.save(sampleResponse())).resolves.toEqual({
      ok: false,
      code: 'journal_failed',
    });
    expect(await db.responses.count()).toBe(0);
  });

  it('a host that cannot be reached keeps nothing, so the answer is not stored either', async () => {
    const db = freshDb();
    const journal = memoryJournal();
    journal.answer('down');
    const store = createJournaledStore(createResponseStore(db), journal.port);
    await expect(store.save(sampleResponse())).resolves.toEqual({
      ok: false,
      code: 'journal_failed',
    });
    expect(await db.responses.count()).toBe(0);
  });

  it('an answer the store could not keep is withdrawn from the journal', async () => {
    const db = freshDb();
    const journal = memoryJournal();
    const store = createJournaledStore(createResponseStore(db), journal.port);
    // Closed under it, as Chromium closes a store after an I/O error.
    db.close();
    await expect(store.save(sampleResponse())).resolves.toEqual({
      ok: false,
      code: 'database_closed',
    });
    expect(journal.calls).toEqual([
      `append ${sampleResponseId(0)}`,
      `withdraw ${sampleResponseId(0)}`,
    ]);
    expect(journal.held.size).toBe(0);
  });

  it('an amendment goes to the journal as the whole answer, after the store took it', async () => {
    const db = freshDb();
    const journal = memoryJournal();
    const store = createJournaledStore(createResponseStore(db), journal.port);
    await store.save(sampleResponse());
    const followUp = { questionId: 'reason', value: 'waiting-time' };
    await expect(store.amend(sampleResponseId(0), { followUp })).resolves.toEqual({ ok: true });
    expect(journal.held.get(sampleResponseId(0))).toEqual({ ...sampleResponse(), followUp });
  });

  it('an amendment the journal could not keep is taken back from the store', async () => {
    const db = freshDb();
    const journal = memoryJournal();
    const store = createJournaledStore(createResponseStore(db), journal.port);
    await store.save(sampleResponse());
    journal.answer({ ok: false, reason: 'io_error' });
    await expect(store.amend(sampleResponseId(0), { comment: 'hyvä' })).resolves.toEqual({
      ok: false,
      code: 'journal_failed',
    });
    const row = await db.responses.get(sampleResponseId(0));
    expect(row).toEqual({ ...sampleResponse(), syncState: 'pending' });
    expect(journal.held.get(sampleResponseId(0))).toEqual(sampleResponse());
  });
});

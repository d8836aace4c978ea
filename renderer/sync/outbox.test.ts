import { afterEach, describe, expect, it } from 'vitest';
import type { Response } from '../../core';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { HymyDb, type StoredResponse } from '../store/db';
import { createOutbox } from './outbox';

let count = 0;
const opened: HymyDb[] = [];

function freshDb(): HymyDb {
  count += 1;
  const db = new HymyDb(`hymy-outbox-${count}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

function row(n: number, overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    ...sampleResponse({
      id: sampleResponseId(n),
      value: (n % 4) + 1,
      source: 'button',
      answeredAt: new Date(Date.UTC(2026, 10, 1, 8, 0, n)).toISOString(),
    }),
    syncState: 'pending',
    ...overrides,
  };
}

describe('the outbox', () => {
  it("keeps the open visit's answers back until its hold moves on, then sends them", async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1), row(2), row(3), row(4)]);
    let heldFrom: string | null = row(3).answeredAt;
    const outbox = createOutbox(db, { heldFrom: () => heldFrom });
    const before = await outbox.pendingBatch();
    expect(before.map((r) => r.id)).toEqual([row(1).id, row(2).id]);
    await outbox.markOutcome(
      { ok: true, accepted: before.map((r) => r.id), duplicate: [], rejected: [] },
      '2026-11-23T10:00:00.000Z',
    );
    // Still held: nothing more to send, though two answers wait.
    expect(await outbox.pendingBatch()).toEqual([]);
    expect(await outbox.stats()).toMatchObject({ queued: 2 });
    heldFrom = null;
    expect((await outbox.pendingBatch()).map((r) => r.id)).toEqual([row(3).id, row(4).id]);
  });

  it('hands out the oldest pending answers first, at most a batch, without outbox fields', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(3), row(1), row(2, { syncState: 'sent' }), row(0)]);
    const batch = await createOutbox(db).pendingBatch(2);
    expect(batch.map((r: Response) => r.id.slice(-1))).toEqual(['0', '1']);
    expect(Object.keys(batch[0]!)).not.toContain('syncState');
  });

  it('marks accepted and duplicate answers sent and rejected ones rejected, keeping the rest pending', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1), row(2), row(3), row(4)]);
    const [a, b, c] = [row(1).id, row(2).id, row(3).id];
    const outbox = createOutbox(db);
    await outbox.pendingBatch(3);
    await outbox.markOutcome(
      {
        ok: true,
        accepted: [a],
        duplicate: [b],
        rejected: [{ id: c, code: 'unknown_survey', message: 'no such survey' }],
      },
      '2026-11-23T10:00:00.000Z',
    );
    // Recorded in one write; the rows carry their marks once applied.
    expect((await db.responses.get(a))?.syncState).toBe('pending');
    expect(await outbox.stats()).toMatchObject({ queued: 1 });
    await outbox.applyMarks();
    expect(await db.marks.count()).toBe(0);
    const states = Object.fromEntries(
      (await db.responses.toArray()).map((r) => [r.id.slice(-1), [r.syncState, r.rejectCode]]),
    );
    expect(states).toEqual({
      '1': ['sent', undefined],
      '2': ['sent', undefined],
      '3': ['rejected', 'unknown_survey'],
      '4': ['pending', undefined],
    });
    expect((await createOutbox(db).stats()).queued).toBe(1);
  });

  it('takes a row that no longer parses out of the queue instead of blocking it', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1, { value: 99, scale: 'nps11' }), row(2)]);
    const batch = await createOutbox(db).pendingBatch();
    expect(batch.map((r) => r.id)).toEqual([row(2).id]);
    expect((await db.responses.get(row(1).id))?.syncState).toBe('rejected');
  });

  it('purges across many chunks, answers of the same moment included, and at most once an hour', async () => {
    const db = freshDb();
    const moment = '2026-10-02T08:00:00.000Z';
    const old = { syncState: 'sent' as const, syncedAt: '2026-10-03T00:00:00.000Z' };
    await db.responses.bulkAdd([
      // 450 answers of one millisecond, more than two chunks of them, and 300 others.
      ...Array.from({ length: 450 }, (_, n) => row(1000 + n, { ...old, answeredAt: moment })),
      ...Array.from({ length: 300 }, (_, n) =>
        row(2000 + n, {
          ...old,
          answeredAt: new Date(Date.UTC(2026, 9, 1) + n * 60_000).toISOString(),
        }),
      ),
      row(1, { syncState: 'sent', syncedAt: '2026-11-20T00:00:00.000Z' }),
      row(2),
    ]);
    const outbox = createOutbox(db);
    expect(await outbox.purgeSent('2026-10-24T00:00:00.000Z')).toBe(750);
    expect(await db.responses.count()).toBe(2);
    await db.responses.add(row(3, old));
    // Within the hour: nothing is looked at again.
    expect(await outbox.purgeSent('2026-10-24T00:00:00.000Z')).toBe(0);
    expect(await db.responses.count()).toBe(3);
  });

  it('purges sent answers after retention and never pending or rejected ones', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([
      row(1, { syncState: 'sent', syncedAt: '2026-10-01T00:00:00.000Z' }),
      row(2, { syncState: 'sent', syncedAt: '2026-11-20T00:00:00.000Z' }),
      row(3, { syncState: 'rejected', syncedAt: '2026-10-01T00:00:00.000Z' }),
      row(4),
    ]);
    expect(await createOutbox(db).purgeSent('2026-10-24T00:00:00.000Z')).toBe(1);
    expect((await db.responses.toArray()).map((r) => r.id.slice(-1)).sort()).toEqual([
      '2',
      '3',
      '4',
    ]);
  });

  it('reports the queue depth and the oldest unsent answer', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(5), row(2), row(1, { syncState: 'sent' })]);
    expect(await createOutbox(db).stats()).toEqual({
      queued: 2,
      oldestQueuedAt: row(2).answeredAt,
    });
  });

  it('keeps the queue depth right after new answers and marks without counting again', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1), row(2), row(3)]);
    const outbox = createOutbox(db);
    expect((await outbox.stats()).queued).toBe(3);
    await outbox.pendingBatch();
    await db.responses.bulkAdd([row(4), row(5)]);
    outbox.noteAdded(2);
    await outbox.markOutcome(
      {
        ok: true,
        accepted: [row(1).id, row(2).id],
        duplicate: [],
        rejected: [{ id: row(3).id, code: 'unknown_survey', message: 'no such survey' }],
      },
      '2026-11-23T10:00:00.000Z',
    );
    // Marking a row again (an answer repeated by the server) does not count it twice.
    await outbox.markOutcome(
      { ok: true, accepted: [], duplicate: [row(1).id], rejected: [] },
      '2026-11-23T10:00:01.000Z',
    );
    expect(await outbox.stats()).toEqual({ queued: 2, oldestQueuedAt: row(4).answeredAt });
    await outbox.applyMarks();
    expect((await createOutbox(db).stats()).queued).toBe(2);
  });

  it('sends a batch again when its upload failed, and goes on past it once it is marked', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([1, 2, 3, 4, 5].map((n) => row(n)));
    const outbox = createOutbox(db);
    const first = await outbox.pendingBatch(2);
    // The upload failed: nothing marked, so the same two come again.
    expect((await outbox.pendingBatch(2)).map((r) => r.id)).toEqual(first.map((r) => r.id));
    await outbox.markOutcome(
      { ok: true, accepted: first.map((r) => r.id), duplicate: [], rejected: [] },
      '2026-11-23T10:00:00.000Z',
    );
    expect((await outbox.pendingBatch(2)).map((r) => r.id)).toEqual([row(3).id, row(4).id]);
  });

  it('finds an answer stored behind its cursor (a clock set back) once it looks from the start', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(10), row(11)]);
    const outbox = createOutbox(db);
    const batch = await outbox.pendingBatch();
    await outbox.markOutcome(
      { ok: true, accepted: batch.map((r) => r.id), duplicate: [], rejected: [] },
      '2026-11-23T10:00:00.000Z',
    );
    await db.responses.add(row(1));
    outbox.rewind();
    // The look from the start marks the answered rows first, so they are not sent again.
    expect((await outbox.pendingBatch()).map((r) => r.id)).toEqual([row(1).id]);
  });

  it('a terminal restarted before its marks were applied does not send those answers again', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1), row(2), row(3)]);
    const before = createOutbox(db);
    const batch = await before.pendingBatch(2);
    await before.markOutcome(
      { ok: true, accepted: batch.map((r) => r.id), duplicate: [], rejected: [] },
      '2026-11-23T10:00:00.000Z',
    );
    // A new page: a new outbox over the same store, with the answer recorded but not applied.
    const after = createOutbox(db);
    expect((await after.pendingBatch()).map((r) => r.id)).toEqual([row(3).id]);
    expect((await db.responses.get(row(1).id))?.syncState).toBe('sent');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Response, UploadOutcome } from '../../core';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { HymyDb, type StoredResponse } from '../store/db';
import {
  OUTBOX_START,
  createOutbox,
  fromStart,
  type Outbox,
  type OutboxBatch,
  type OutboxCursor,
} from './outbox';

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

const NOW = Date.parse('2026-11-23T10:00:00.000Z');

/**
 * A read as the sync engine makes it: past a cursor, or from the start once the marks recorded
 * so far are applied (they would still look pending from there).
 */
async function read(
  outbox: Outbox,
  cursor: OutboxCursor = OUTBOX_START,
  limit?: number,
): Promise<{ batch: OutboxBatch; cursor: OutboxCursor; ids: string[] }> {
  let result;
  if (cursor.from === null) {
    await outbox.applyMarks();
    result = await outbox.next(fromStart(NOW), limit);
  } else {
    result = await outbox.next(cursor, limit);
  }
  return { ...result, ids: result.batch.responses.map((r) => r.id) };
}

/** The server took every answer of the batch. */
const acceptAll = (ids: string[]): Extract<UploadOutcome, { ok: true }> => ({
  ok: true,
  accepted: ids,
  duplicate: [],
  rejected: [],
});

describe('the outbox', () => {
  it("keeps the open visit's answers back until its hold moves on, then sends them", async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1), row(2), row(3), row(4)]);
    let heldFrom: string | null = row(3).answeredAt;
    const outbox = createOutbox(db, { heldFrom: () => heldFrom });
    const before = await read(outbox);
    expect(before.ids).toEqual([row(1).id, row(2).id]);
    await outbox.markOutcome(before.batch, acceptAll(before.ids), '2026-11-23T10:00:00.000Z');
    // Still held: nothing more to send, though two answers wait.
    expect((await read(outbox, before.cursor)).ids).toEqual([]);
    expect(await outbox.stats(before.cursor)).toMatchObject({ queued: 2 });
    heldFrom = null;
    expect((await read(outbox, before.cursor)).ids).toEqual([row(3).id, row(4).id]);
  });

  it('hands out the oldest pending answers first, at most a batch, without outbox fields', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(3), row(1), row(2, { syncState: 'sent' }), row(0)]);
    const { batch } = await read(createOutbox(db), OUTBOX_START, 2);
    expect(batch.responses.map((r: Response) => r.id.slice(-1))).toEqual(['0', '1']);
    expect(Object.keys(batch.responses[0]!)).not.toContain('syncState');
  });

  it('reads without writing: the same batch comes again until it is marked', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1), row(2, { value: 99, scale: 'nps11' })]);
    const outbox = createOutbox(db);
    const first = await read(outbox);
    const again = await read(outbox);
    expect(again.batch).toEqual(first.batch);
    expect((await db.responses.toArray()).map((r) => r.syncState)).toEqual(['pending', 'pending']);
    expect(await db.marks.count()).toBe(0);
  });

  it('marks accepted and duplicate answers sent and rejected ones rejected, keeping the rest pending', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1), row(2), row(3), row(4)]);
    const [a, b, c] = [row(1).id, row(2).id, row(3).id];
    const outbox = createOutbox(db);
    const { batch, cursor } = await read(outbox, OUTBOX_START, 3);
    await outbox.markOutcome(
      batch,
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
    expect(await outbox.stats(cursor)).toMatchObject({ queued: 1 });
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
    const outbox = createOutbox(db);
    const { batch, ids } = await read(outbox);
    expect(ids).toEqual([row(2).id]);
    expect(batch.unreadable).toEqual([row(1).id]);
    // Marked with the batch's answer, as the server would have rejected it.
    await outbox.markOutcome(batch, acceptAll(ids), '2026-11-23T10:00:00.000Z');
    await outbox.applyMarks();
    expect(await db.responses.get(row(1).id)).toMatchObject({
      syncState: 'rejected',
      rejectCode: 'unreadable_locally',
    });
    expect((await read(outbox)).batch).toEqual({ responses: [], unreadable: [] });
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
    expect(await outbox.purgeSent('2026-10-24T00:00:00.000Z', NOW)).toBe(750);
    expect(await db.responses.count()).toBe(2);
    await db.responses.add(row(3, old));
    // Within the hour (by the engine's clock): nothing is looked at again; after it, it is.
    expect(await outbox.purgeSent('2026-10-24T00:00:00.000Z', NOW + 3_599_999)).toBe(0);
    expect(await db.responses.count()).toBe(3);
    expect(await outbox.purgeSent('2026-10-24T00:00:00.000Z', NOW + 3_600_000)).toBe(1);
  });

  it('purges sent answers after retention and never pending or rejected ones', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([
      row(1, { syncState: 'sent', syncedAt: '2026-10-01T00:00:00.000Z' }),
      row(2, { syncState: 'sent', syncedAt: '2026-11-20T00:00:00.000Z' }),
      row(3, { syncState: 'rejected', syncedAt: '2026-10-01T00:00:00.000Z' }),
      row(4),
    ]);
    expect(await createOutbox(db).purgeSent('2026-10-24T00:00:00.000Z', NOW)).toBe(1);
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
    const { batch, cursor } = await read(outbox);
    await db.responses.bulkAdd([row(4), row(5)]);
    outbox.noteAdded(2);
    await outbox.markOutcome(
      batch,
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
      batch,
      { ok: true, accepted: [], duplicate: [row(1).id], rejected: [] },
      '2026-11-23T10:00:01.000Z',
    );
    expect(await outbox.stats(cursor)).toEqual({ queued: 2, oldestQueuedAt: row(4).answeredAt });
    await outbox.applyMarks();
    expect((await createOutbox(db).stats()).queued).toBe(2);
  });

  it('sends a batch again when its upload failed, and goes on past it once it is marked', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([1, 2, 3, 4, 5].map((n) => row(n)));
    const outbox = createOutbox(db);
    const first = await read(outbox, OUTBOX_START, 2);
    // The upload failed: nothing marked, and the engine keeps its cursor, so the same two come.
    expect((await read(outbox, OUTBOX_START, 2)).ids).toEqual(first.ids);
    await outbox.markOutcome(first.batch, acceptAll(first.ids), '2026-11-23T10:00:00.000Z');
    expect((await read(outbox, first.cursor, 2)).ids).toEqual([row(3).id, row(4).id]);
  });

  it('finds an answer stored behind its cursor (a clock set back) once it looks from the start', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(10), row(11)]);
    const outbox = createOutbox(db);
    const first = await read(outbox);
    await outbox.markOutcome(first.batch, acceptAll(first.ids), '2026-11-23T10:00:00.000Z');
    await db.responses.add(row(1));
    expect((await read(outbox, first.cursor)).ids).toEqual([]);
    // The look from the start marks the answered rows first, so they are not sent again.
    expect((await read(outbox, OUTBOX_START)).ids).toEqual([row(1).id]);
  });

  it('a terminal restarted before its marks were applied does not send those answers again', async () => {
    const db = freshDb();
    await db.responses.bulkAdd([row(1), row(2), row(3)]);
    const before = createOutbox(db);
    const first = await read(before, OUTBOX_START, 2);
    await before.markOutcome(first.batch, acceptAll(first.ids), '2026-11-23T10:00:00.000Z');
    // A new page: a new outbox over the same store, with the answer recorded but not applied.
    const after = createOutbox(db);
    expect((await read(after)).ids).toEqual([row(3).id]);
    expect((await db.responses.get(row(1).id))?.syncState).toBe('sent');
  });

  it('leaves out the answered rows of the same moment as its cursor, however many batches share it', async () => {
    const db = freshDb();
    const moment = '2026-11-01T08:00:00.000Z';
    await db.responses.bulkAdd([1, 2, 3, 4, 5].map((n) => row(n, { answeredAt: moment })));
    const outbox = createOutbox(db);
    let cursor: OutboxCursor = OUTBOX_START;
    const sent: string[] = [];
    for (let step = 0; step < 4; step += 1) {
      const next = await read(outbox, cursor, 2);
      await outbox.markOutcome(next.batch, acceptAll(next.ids), '2026-11-23T10:00:00.000Z');
      sent.push(...next.ids);
      cursor = next.cursor;
    }
    expect(sent.sort()).toEqual([1, 2, 3, 4, 5].map((n) => row(n).id).sort());
  });
});

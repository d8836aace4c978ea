import { afterEach, describe, expect, it } from 'vitest';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { HymyDb, type StoredResponse } from '../store/db';
import { countPending } from './pending-count';

const opened: HymyDb[] = [];

function freshDb(): HymyDb {
  const db = new HymyDb(`hymy-count-${opened.length}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** Answer n, made at second `second` of a November morning. */
function row(n: number, second: number, syncState: StoredResponse['syncState']): StoredResponse {
  return {
    ...sampleResponse({
      id: sampleResponseId(n),
      source: 'button',
      answeredAt: new Date(Date.UTC(2026, 10, 1, 8, 0, 0) + second * 1000).toISOString(),
    }),
    syncState,
  };
}

describe('counting the pending answers a slice at a time', () => {
  it('counts every pending answer once, across slices, and no sent or rejected ones', async () => {
    const db = freshDb();
    const rows = Array.from({ length: 1234 }, (_, n) =>
      row(n, n, n % 10 === 0 ? 'sent' : n % 17 === 0 ? 'rejected' : 'pending'),
    );
    await db.responses.bulkAdd(rows);
    const pending = rows.filter((r) => r.syncState === 'pending').length;
    expect(await countPending(db, 100)).toBe(pending);
    expect(await countPending(db, 7)).toBe(pending);
    expect(await countPending(db, 5000)).toBe(pending);
  });

  it('never splits or doubles answers made in the same moment, even more of them than a slice', async () => {
    const db = freshDb();
    // Runs of 1, 3 and 25 answers sharing one answeredAt, around slice edges of 10.
    const rows = [
      ...Array.from({ length: 9 }, (_, n) => row(n, n, 'pending')),
      ...Array.from({ length: 3 }, (_, n) => row(100 + n, 9, 'pending')),
      ...Array.from({ length: 25 }, (_, n) => row(200 + n, 10, 'pending')),
      ...Array.from({ length: 11 }, (_, n) => row(300 + n, 11 + n, 'pending')),
    ];
    await db.responses.bulkAdd(rows);
    expect(await countPending(db, 10)).toBe(48);
    expect(await countPending(db, 1)).toBe(48);
  });

  it('is zero for an empty store', async () => {
    expect(await countPending(freshDb(), 10)).toBe(0);
  });

  it('leaves out answers the server has taken whose rows are not marked yet', async () => {
    const db = freshDb();
    await db.responses.bulkAdd(Array.from({ length: 50 }, (_, n) => row(n, n, 'pending')));
    await db.marks.add({
      syncedAt: '2026-11-23T10:00:00.000Z',
      sent: [sampleResponseId(0), sampleResponseId(1), sampleResponseId(2)],
      rejected: [{ id: sampleResponseId(3), code: 'unknown_survey' }],
    });
    expect(await countPending(db, 8)).toBe(46);
  });
});

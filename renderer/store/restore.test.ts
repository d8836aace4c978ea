import { describe, expect, it } from 'vitest';
import type { BridgeCallName, BridgeCalls, Response } from '../../core';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { restoreFromJournal, type JournalReader } from './restore';
import { throwawayDbs } from '../testing/stores';

const freshDb = throwawayDbs('hymy-restore');

const answer = (n: number): Response =>
  sampleResponse({
    id: sampleResponseId(n),
    answeredAt: new Date(Date.UTC(2026, 10, 1, 8, 0, n)).toISOString(),
  });

/** The host's side: a journal holding `held`, and what the page told it. */
function hostJournal(held: Response[]) {
  const settled: string[] = [];
  const restored: number[] = [];
  const reader: JournalReader = {
    call<K extends BridgeCallName>(name: K, args: BridgeCalls[K]['args']) {
      const answerOf = (): unknown => {
        if (name === 'journal:unconfirmed') {
          return { ids: held.map((response) => response.id) };
        }
        if (name === 'journal:read') {
          const ids = new Set((args as { ids: string[] }).ids);
          return { responses: held.filter((response) => ids.has(response.id)) };
        }
        if (name === 'journal:restored') {
          const report = args as { restored: number; settled: string[] };
          settled.push(...report.settled);
          if (report.restored > 0) {
            restored.push(report.restored);
          }
          return undefined;
        }
        throw new Error(`unexpected call ${name}`);
      };
      return Promise.resolve(answerOf() as BridgeCalls[K]['result']);
    },
  };
  return { reader, settled, restored };
}

describe('putting back what the store lost', () => {
  it('answers missing from the store come back pending with the same ids and content', async () => {
    const db = freshDb();
    const held = Array.from({ length: 1_203 }, (_, n) => answer(n));
    await db.responses.add({ ...held[5]!, syncState: 'pending' });
    await db.responses.add({
      ...held[6]!,
      syncState: 'sent',
      syncedAt: '2026-11-01T09:00:00.000Z',
    });
    const host = hostJournal(held);
    await expect(restoreFromJournal(db, host.reader)).resolves.toEqual({
      restored: 1_201,
      settled: 1,
    });
    const rows = await db.responses.orderBy('answeredAt').toArray();
    expect(rows).toHaveLength(1_203);
    const { syncState, ...first } = rows[0]!;
    expect(first).toEqual(held[0]);
    expect(syncState).toBe('pending');
    expect(rows[6]?.syncState).toBe('sent');
    // The host hears the count once, and the sent answer leaves its journal.
    expect(host.restored).toEqual([1_201]);
    expect(host.settled).toEqual([held[6]!.id]);
  });

  it('a second restore finds nothing to put back', async () => {
    const db = freshDb();
    const host = hostJournal([answer(1), answer(2)]);
    await restoreFromJournal(db, host.reader);
    await expect(restoreFromJournal(db, host.reader)).resolves.toEqual({
      restored: 0,
      settled: 0,
    });
    expect(await db.responses.count()).toBe(2);
    expect(host.restored).toEqual([2]);
  });

  it('an answer the store holds with more in it than the journal is never written over', async () => {
    const db = freshDb();
    await db.responses.add({ ...answer(1), comment: 'pidempi', syncState: 'pending' });
    await restoreFromJournal(db, hostJournal([answer(1)]).reader);
    expect((await db.responses.get(answer(1).id))?.comment).toBe('pidempi');
  });
});

import { MAX_BATCH_RESPONSES, type Bridge } from '../../core';
import type { HymyDb, StoredResponse } from './db';

/** The journal's side of a restore, as the bridge offers it. */
export type JournalReader = Pick<Bridge, 'call'>;

export type RestoreOutcome = { restored: number; settled: number };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(items.slice(start, start + size));
  }
  return out;
}

/**
 * Puts back into the page's store every answer the host's journal holds unconfirmed that the
 * store has lost (Chromium discarded the database, or its folder was deleted): same ids, same
 * content, pending again, so they reach the central API. Answers the store holds as already
 * sent or refused are reported back as settled, and leave the journal. Safe to run any number
 * of times: an answer the store has is never written over.
 */
export async function restoreFromJournal(
  db: HymyDb,
  journal: JournalReader,
): Promise<RestoreOutcome> {
  const { ids } = await journal.call('journal:unconfirmed', null);
  let restored = 0;
  let settled = 0;
  for (const chunk of chunks(ids, MAX_BATCH_RESPONSES)) {
    const rows = await db.responses.bulkGet(chunk);
    const missing = chunk.filter((_, index) => rows[index] === undefined);
    const done = rows
      .filter((row): row is StoredResponse => row !== undefined && row.syncState !== 'pending')
      .map((row) => row.id);
    if (missing.length > 0) {
      const { responses } = await journal.call('journal:read', { ids: missing });
      restored += await db.transaction('rw', db.responses, async () => {
        // Looked at again inside the write: a row that came back meanwhile stays as it is.
        const now = await db.responses.bulkGet(responses.map((response) => response.id));
        const lost = responses.filter((_, index) => now[index] === undefined);
        await db.responses.bulkAdd(lost.map((response) => ({ ...response, syncState: 'pending' })));
        return lost.length;
      });
    }
    if (done.length > 0) {
      await journal.call('journal:restored', { restored: 0, settled: done });
      settled += done.length;
    }
  }
  // One report of the whole count: the status screen, the log and the heartbeat say it once.
  if (restored > 0) {
    await journal.call('journal:restored', { restored, settled: [] });
  }
  return { restored, settled };
}

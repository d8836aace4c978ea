import type { Response } from '../../core';
import type { HymyDb, StoredResponse } from './db';
import { storeFaultCode, type StoreFaultCode } from './store-fault';

export type SaveResult = { ok: true } | { ok: false; code: StoreFaultCode };

/** What the kiosk needs of the store; tests hand in the real one over fake-indexeddb or a fake. */
export type ResponseStore = {
  /** Resolves once the answer is committed (or says why it is not); never throws. */
  save(response: Response): Promise<SaveResult>;
  /** When the latest stored answer was made (epoch ms), for the repeat flag across restarts. */
  lastAnsweredAt(): Promise<number | undefined>;
};

/**
 * Writes one answer in its own transaction and waits for the transaction, not the single add:
 * a full disk aborts the transaction and the add's own promise may never settle. Resolving here
 * is the promise the thank-you and the box's light rely on: the answer is durably stored.
 */
export async function saveResponse(db: HymyDb, row: StoredResponse): Promise<SaveResult> {
  try {
    await db.transaction('rw', db.responses, (tx) => {
      const added = db.responses.add(row);
      // The add is the whole transaction: commit now rather than after its success event has
      // made the round trip to the page and back (measured: the slowest taps gain most).
      tx.idbtrans.commit();
      return added;
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, code: storeFaultCode(error) };
  }
}

export async function lastAnsweredAt(db: HymyDb): Promise<number | undefined> {
  try {
    const latest = await db.responses.orderBy('answeredAt').last();
    const at = latest ? Date.parse(latest.answeredAt) : Number.NaN;
    return Number.isFinite(at) ? at : undefined;
  } catch {
    // Unreadable: the next answer simply carries no repeat flag.
    return undefined;
  }
}

/** The Dexie store as the kiosk sees it: every new answer enters the outbox as pending. */
export function createResponseStore(db: HymyDb): ResponseStore {
  return {
    save: (response) => saveResponse(db, { ...response, syncState: 'pending' }),
    lastAnsweredAt: () => lastAnsweredAt(db),
  };
}

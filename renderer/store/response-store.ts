import { ResponseSchema, type Response } from '../../core';
import type { HymyDb, StoredResponse } from './db';
import { storeFaultCode, type StoreFaultCode } from './store-fault';

/**
 * `journal_failed`: the page's store took the answer but the host could not keep its second
 * copy (renderer/store/journaled-store.ts), so it was taken back; nothing is wrong with the store.
 */
export type SaveFaultCode = StoreFaultCode | 'journal_failed';
export type SaveResult = { ok: true } | { ok: false; code: SaveFaultCode };

/** What a later screen of the visit adds to an answer already stored. */
export type ResponseAmendment = Partial<Pick<Response, 'followUp' | 'comment' | 'contactSealed'>>;

/**
 * `refused`: the answer was already sent (or is gone), or the addition would make it invalid.
 * Nothing is wrong with the store then, unlike the fault codes.
 */
export type AmendResult = SaveResult | { ok: false; code: 'refused' };

/** What the kiosk needs of the store; tests hand in the real one over fake-indexeddb or a fake. */
export type ResponseStore = {
  /** Resolves once the answer is committed (or says why it is not); never throws. */
  save(response: Response): Promise<SaveResult>;
  /** When the latest stored answer was made (epoch ms), for the repeat flag across restarts. */
  lastAnsweredAt(): Promise<number | undefined>;
  /**
   * Adds a follow-up or a comment to a stored answer that has not been sent yet. Resolves once
   * committed; an answer already sent (or gone) is left as it is, and says `refused`.
   */
  amend(id: string, amendment: ResponseAmendment): Promise<AmendResult>;
  /**
   * Answers made from `fromIso` on stay out of the outbox until the hold moves or is lifted
   * (null): the open visit may still add a follow-up or a comment to them, and the server must
   * never get an answer before what belongs to it. One hold at a time, the open visit's.
   */
  hold(fromIso: string | null): void;
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

/** An amendment as stored: the answer as it is now, and the row as it was (to put back). */
export type AmendedRow = { ok: true; response: Response; before: StoredResponse };

/** The Response inside a stored row, without its place in the outbox. */
export function responseOf(row: StoredResponse): Response {
  const { syncState: _state, syncedAt: _at, rejectCode: _code, ...response } = row;
  return response;
}

/**
 * Adds to a pending row in one strict transaction, checked against the Response schema first: a
 * comment over the limit or a malformed follow-up would make the row unsendable.
 */
export async function amendResponse(
  db: HymyDb,
  id: string,
  amendment: ResponseAmendment,
): Promise<AmendedRow | Exclude<AmendResult, { ok: true }>> {
  try {
    return await db.transaction('rw', db.responses, async () => {
      const row = await db.responses.get(id);
      if (row?.syncState !== 'pending') {
        return { ok: false, code: 'refused' } as const;
      }
      const amended = { ...row, ...amendment };
      const parsed = ResponseSchema.safeParse(responseOf(amended));
      if (!parsed.success) {
        return { ok: false, code: 'refused' } as const;
      }
      await db.responses.put(amended);
      return { ok: true, response: parsed.data, before: row } as const;
    });
  } catch (error) {
    return { ok: false, code: storeFaultCode(error) };
  }
}

/**
 * Takes back what a write did, when the host could not keep the answer's second copy: a new
 * answer is deleted, an amended one put back as it was. The patient was not thanked for it.
 */
export async function undoWrite(
  db: HymyDb,
  id: string,
  before: StoredResponse | null,
): Promise<SaveResult> {
  try {
    await db.transaction('rw', db.responses, async () => {
      const row = await db.responses.get(id);
      // Only a row still pending is ours to undo: one already sent is the server's.
      if (row?.syncState !== 'pending') {
        return;
      }
      await (before ? db.responses.put(before) : db.responses.delete(id));
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, code: storeFaultCode(error) };
  }
}

/** The local store: the kiosk's ResponseStore, and the hold the outbox reads. */
export type LocalResponseStore = Omit<ResponseStore, 'amend'> & {
  /** As ResponseStore's, telling the answer as amended and the row as it was. */
  amend(
    id: string,
    amendment: ResponseAmendment,
  ): Promise<AmendedRow | Exclude<AmendResult, { ok: true }>>;
  /** Takes a write back (see undoWrite). */
  undo(id: string, before: StoredResponse | null): Promise<SaveResult>;
  /** Where the open visit's answers begin (they are not to be sent yet), or null. */
  heldFrom(): string | null;
};

/** The Dexie store as the kiosk sees it: every new answer enters the outbox as pending. */
export function createResponseStore(db: HymyDb): LocalResponseStore {
  let heldFrom: string | null = null;
  return {
    save: (response) => saveResponse(db, { ...response, syncState: 'pending' }),
    lastAnsweredAt: () => lastAnsweredAt(db),
    amend: (id, amendment) => amendResponse(db, id, amendment),
    undo: (id, before) => undoWrite(db, id, before),
    hold(fromIso) {
      heldFrom = fromIso;
    },
    heldFrom: () => heldFrom,
  };
}

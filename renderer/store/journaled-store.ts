import type { JournalWriteResult, Response } from '../../core';
import type {
  AmendResult,
  LocalResponseStore,
  ResponseAmendment,
  ResponseStore,
  SaveResult,
} from './response-store';

/** The host's journal as the page uses it (over the bridge in the app, a fake in unit tests). */
export type JournalPort = {
  append(response: Response): Promise<JournalWriteResult>;
  withdraw(id: string): Promise<JournalWriteResult>;
};

/** A journal the page cannot reach (the bridge is down) keeps nothing. */
async function kept(write: Promise<JournalWriteResult>): Promise<boolean> {
  try {
    return (await write).ok;
  } catch {
    return false;
  }
}

/**
 * Every answer twice: in the page's store (IndexedDB, which Chromium may discard after I/O
 * errors) and in the host's journal (host/journal.ts), before the patient is thanked or the
 * box's button is lit. The product's promise: nothing thanked or lit exists only once.
 *
 * A new answer goes to both at once (the thank-you waits for the slower, not for the sum); if
 * either fails, the other is taken back and the patient is asked to try again. An amendment
 * goes to the store first, which tells the answer as amended, then to the journal.
 */
export function createJournaledStore(
  local: LocalResponseStore,
  journal: JournalPort,
): ResponseStore {
  return {
    async save(response): Promise<SaveResult> {
      // The journal's leg is the longer (a bridge round trip, then the host's fsync): it goes
      // first, and the store's transaction starts while its frame is on the way.
      const journaled = kept(journal.append(response));
      const [stored, journaledOk] = await Promise.all([local.save(response), journaled]);
      if (stored.ok && journaledOk) {
        return stored;
      }
      if (stored.ok) {
        await local.undo(response.id, null);
        return { ok: false, code: 'journal_failed' };
      }
      if (journaledOk) {
        // Never thanked: a restore must not bring it back.
        await kept(journal.withdraw(response.id));
      }
      return stored;
    },
    async amend(id: string, amendment: ResponseAmendment): Promise<AmendResult> {
      const amended = await local.amend(id, amendment);
      if (!amended.ok) {
        return amended;
      }
      if (await kept(journal.append(amended.response))) {
        return { ok: true };
      }
      await local.undo(id, amended.before);
      return { ok: false, code: 'journal_failed' };
    },
    lastAnsweredAt: () => local.lastAnsweredAt(),
    hold: (fromIso) => local.hold(fromIso),
  };
}

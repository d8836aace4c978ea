import type { JournalWriteResult, Response } from '../../core';
import type { Timers } from '../../core/timers';
import { pageTimers } from '../real-timers';
import { byDeadline, WRITE_DEADLINE_MS } from './deadline';
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

export type JournaledStoreOptions = {
  /** How long each write may take before the answer counts as not stored (default 5 s). */
  deadlineMs?: number;
  /** What the deadline runs on; the page's own timers unless a test drives a clock. */
  timers?: Timers;
};

/**
 * What the journal said: `unknown` when the bridge failed (a timeout, a dropped socket) after
 * the call may have reached the host, which may then have written the line after all.
 */
type JournalOutcome = 'kept' | 'refused' | 'unknown';

async function outcomeOf(write: Promise<JournalWriteResult>): Promise<JournalOutcome> {
  try {
    return (await write).ok ? 'kept' : 'refused';
  } catch {
    return 'unknown';
  }
}

/** A journal the page cannot reach (the bridge is down) keeps nothing. */
async function kept(write: Promise<JournalWriteResult>): Promise<boolean> {
  return (await outcomeOf(write)) === 'kept';
}

/**
 * Every answer twice: in the page's store (IndexedDB, which Chromium may discard after I/O
 * errors) and in the host's journal (host/journal.ts), before the patient is thanked or the
 * box's button is lit. The product's promise: nothing thanked or lit exists only once.
 *
 * A new answer goes to both at once (the thank-you waits for the slower, not for the sum); if
 * either fails, or both have not answered by the deadline, the other is taken back and the
 * patient is asked to try again. An amendment goes to the store first, which tells the answer as
 * amended, then to the journal.
 */
export function createJournaledStore(
  local: LocalResponseStore,
  journal: JournalPort,
  { deadlineMs = WRITE_DEADLINE_MS, timers = pageTimers }: JournaledStoreOptions = {},
): ResponseStore {
  /** Takes back a write of the store, waiting no longer than a write may. */
  const undo = async (...args: Parameters<LocalResponseStore['undo']>): Promise<void> => {
    await byDeadline(local.undo(...args), deadlineMs, timers);
  };
  /** An answer never thanked leaves the journal, if the journal may hold it. */
  const withdraw = async (id: string, outcome: JournalOutcome): Promise<void> => {
    if (outcome !== 'refused') {
      await byDeadline(kept(journal.withdraw(id)), deadlineMs, timers);
    }
  };

  return {
    /**
     * Resolves ok only once both copies are durable, and always by the deadline: a write that
     * has not settled by then (Chromium may never settle one on a full disk) is not thanked, and
     * whichever copy lands later is taken back, since the patient's retry is a new answer (a new
     * id) that the server would count besides it.
     */
    async save(response): Promise<SaveResult> {
      // The journal's leg is the longer (a bridge round trip, then the host's fsync): it goes
      // first, and the store's transaction starts while its frame is on the way.
      const journaled = outcomeOf(journal.append(response));
      const stored = local.save(response);
      const inTime: { stored?: SaveResult } = {};
      void stored.then((result) => {
        inTime.stored = result;
      });
      const both = await byDeadline(Promise.all([stored, journaled]), deadlineMs, timers);
      if (both.late) {
        void stored.then((result) => (result.ok ? undo(response.id, null) : undefined));
        void journaled.then((outcome) => withdraw(response.id, outcome));
        // The store's own fault when it answered in time; a store that did not is faulty too.
        if (!inTime.stored) {
          return { ok: false, code: 'write_failed' };
        }
        return inTime.stored.ok ? { ok: false, code: 'journal_failed' } : inTime.stored;
      }
      const [storedResult, journalOutcome] = both.value;
      if (storedResult.ok && journalOutcome === 'kept') {
        return storedResult;
      }
      // Never thanked: a restore must not bring it back.
      await withdraw(response.id, journalOutcome);
      if (storedResult.ok) {
        await undo(response.id, null);
        return { ok: false, code: 'journal_failed' };
      }
      return storedResult;
    },
    /**
     * As a save, by the deadline. An amendment the journal keeps only after its deadline stays
     * there while the store has it taken back: the journal then holds more of the answer than
     * the store, never less.
     */
    async amend(id: string, amendment: ResponseAmendment): Promise<AmendResult> {
      const amending = local.amend(id, amendment);
      const amended = await byDeadline(amending, deadlineMs, timers);
      if (amended.late) {
        void amending.then((result) => (result.ok ? undo(id, result.before) : undefined));
        return { ok: false, code: 'write_failed' };
      }
      if (!amended.value.ok) {
        return amended.value;
      }
      const journaled = await byDeadline(
        kept(journal.append(amended.value.response)),
        deadlineMs,
        timers,
      );
      if (!journaled.late && journaled.value) {
        return { ok: true };
      }
      await undo(id, amended.value.before);
      return { ok: false, code: 'journal_failed' };
    },
    lastAnsweredAt: () => local.lastAnsweredAt(),
    hold: (fromIso) => local.hold(fromIso),
  };
}

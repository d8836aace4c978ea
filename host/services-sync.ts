import type { BridgeHandlers } from '../core';
import type { JournalStatus, JournalWriteResult } from '../core/durability';
import type { Journal } from './journal';
import type { Logger } from './log';
import type { TransportTarget } from './central-http';
import { uploadBatch } from './sync-transport';

export type SyncDomainOptions = {
  /** The journal, opened before the page can ask what its store has lost. */
  journal: Journal;
  logger: Logger;
  say: (line: string) => void;
  /** Where answers go now; null while the terminal is not enrolled (or has no token). */
  target: () => TransportTarget | null;
  /** The token is sealed by a keystore this machine no longer opens. */
  tokenUnopenable: () => boolean;
  /** Measures the free space again (a full disk is news for the storage row too). */
  checkStorage: () => Promise<void>;
  changed: () => void;
  /** Work the caller does not wait for (confirming uploaded answers): close() still does. */
  track: (work: Promise<unknown>) => void;
};

/**
 * The answers' way out: the second copy of each answer on the host's disk (the journal), and the
 * upload of the page's batches with the token only the host holds.
 */
export type SyncDomain = {
  journal: () => JournalStatus;
  handlers: Pick<
    BridgeHandlers,
    | 'sync:upload'
    | 'journal:append'
    | 'journal:withdraw'
    | 'journal:unconfirmed'
    | 'journal:read'
    | 'journal:restored'
  >;
  /** Empties the journal (a factory reset). */
  forget: () => Promise<JournalWriteResult>;
  close: () => Promise<void>;
};

export function createSyncDomain(options: SyncDomainOptions): SyncDomain {
  const { journal } = options;

  /** A journal write's result; the status is news when the journal's health changed. */
  const journaled = async (write: Promise<JournalWriteResult>): Promise<JournalWriteResult> => {
    const before = journal.status().problem;
    const result = await write;
    if (journal.status().problem !== before) {
      // A full disk is news for the storage row too, not only in 30 s.
      await options.checkStorage().catch(() => undefined);
      options.changed();
    }
    return result;
  };

  return {
    journal: () => journal.status(),
    handlers: {
      // The token stays here in the host; the page hands over answers and hears the outcome.
      // A token the keystore no longer opens is as good as refused: `unauthorized` stops the UI's
      // retries and turns its sync light red until the technician re-enrolls (not_enrolled would
      // look like a terminal that was never set up, and be retried forever).
      'sync:upload': async ({ responses }) => {
        const target = options.target();
        if (!target) {
          return {
            ok: false,
            reason: options.tokenUnopenable() ? 'unauthorized' : 'not_enrolled',
          };
        }
        const outcome = await uploadBatch(target, responses);
        if (outcome.ok) {
          // The server holds them now (or never will): they leave the journal.
          options.track(
            journal.confirm([
              ...outcome.accepted,
              ...outcome.duplicate,
              ...outcome.rejected.map((item) => item.id),
            ]),
          );
        }
        return outcome;
      },
      // The promise of the thank-you and the box's light: the answer is on the disk twice.
      'journal:append': ({ response }) => journaled(journal.append(response)),
      'journal:withdraw': ({ id }) => journaled(journal.withdraw(id)),
      'journal:unconfirmed': () => ({ ids: journal.unconfirmedIds() }),
      'journal:read': ({ ids }) => ({ responses: journal.read(ids) }),
      'journal:restored': async ({ restored, settled }) => {
        if (restored > 0) {
          journal.noteRestored(restored);
          options.say(`store restored: ${restored} answers`);
          options.changed();
        }
        await journal.confirm(settled);
      },
    },
    forget: () => journal.forget(),
    close: () => journal.close(),
  };
}

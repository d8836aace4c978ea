import { CONTACT_KEEP_DAYS } from '../../core/feedback-api';
import type { Timers } from '../../core/timers';
import type { Executor } from '../store/executor';
import type { Database } from '../database';
import { errorCode, type Logger } from '../log';

/**
 * The promise of central-reports.md: a sealed contact is deleted 30 days after its answer at the
 * latest. Checked at start and then every hour: a query over `delete_after_ms`, so a server that
 * was down past the day catches up at its next start and no deletion is ever skipped.
 */

export const CONTACT_KEEP_MS = CONTACT_KEEP_DAYS * 24 * 60 * 60 * 1000;
export const EXPIRY_EVERY_MS = 60 * 60 * 1000;

/**
 * Deletes every sealed contact due by `now` and marks its item's `contact_deleted_at`, in one
 * transaction. Returns how many were deleted.
 */
export async function expireContacts(db: Executor, now: Date): Promise<number> {
  const nowMs = now.getTime();
  const due = db
    .selectFrom('contact_requests')
    .select('response_id')
    .where('delete_after_ms', '<=', nowMs);
  await db
    .updateTable('feedback_items')
    .set({ contact_deleted_at: now.toISOString() })
    .where('response_id', 'in', due)
    .execute();
  const deleted = await db
    .deleteFrom('contact_requests')
    .where('delete_after_ms', '<=', nowMs)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

export type ContactExpiry = {
  /** One run now (the start's, and tests'); never two at once. */
  run(): Promise<void>;
  /** No more runs; waits for one in progress. */
  stop(): Promise<void>;
};

/**
 * Runs `expireContacts` every `everyMs` (the first `run()` is the caller's, at start) until
 * stopped. A failed run is logged, and the next tries again.
 */
export function startContactExpiry(
  database: Database,
  options: { now: () => Date; logger: Logger; timers: Timers; everyMs?: number },
): ContactExpiry {
  const { timers } = options;
  const everyMs = options.everyMs ?? EXPIRY_EVERY_MS;
  let running: Promise<void> | undefined;
  let stopped = false;
  let handle: unknown;
  const run = (): Promise<void> => {
    if (stopped) {
      return Promise.resolve();
    }
    running ??= (async () => {
      try {
        const deleted = await database.db
          .transaction()
          .execute((trx) => expireContacts(trx, options.now()));
        if (deleted > 0) {
          options.logger.info('contacts_expired', { deleted });
        }
      } catch (error) {
        options.logger.warn('contact_expiry_failed', { error: errorCode(error) });
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const schedule = (): void => {
    handle = timers.setTimeout(() => {
      void run().then(() => {
        if (!stopped) {
          schedule();
        }
      });
    }, everyMs);
  };
  schedule();
  return {
    run,
    stop: async () => {
      stopped = true;
      timers.clearTimeout(handle);
      await running;
    },
  };
}

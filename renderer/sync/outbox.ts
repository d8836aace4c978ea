import Dexie from 'dexie';
import { ResponseSchema, type Response, type UploadOutcome } from '../../core';
import type { HymyDb, StoredResponse } from '../store/db';

/**
 * The responses table as the sync engine's outbox: the oldest pending answers first, marked
 * from the server's three lists in one transaction, and sent ones purged after retention.
 */

export const MAX_BATCH = 500;
/** Sent answers stay this long for the technician's export, then go. */
export const DEFAULT_RETENTION_MS = 30 * 24 * 3600 * 1000;

export type Outbox = {
  /** Up to `limit` pending answers, oldest first, parsed as Responses. */
  pendingBatch(limit?: number): Promise<Response[]>;
  /** Marks a batch from the server's answer; ids in none of the lists stay pending. */
  markOutcome(outcome: Extract<UploadOutcome, { ok: true }>, nowIso: string): Promise<void>;
  purgeSent(cutoffIso: string): Promise<number>;
  stats(): Promise<{ queued: number; oldestQueuedAt: string | null }>;
};

const pendingRange = (db: HymyDb) =>
  db.responses
    .where('[syncState+answeredAt]')
    .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);

/** A stored row back to the Response the API takes: the outbox's own fields stay home. */
function toResponse(row: StoredResponse): Response | null {
  const { syncState: _state, syncedAt: _at, rejectCode: _code, ...response } = row;
  const parsed = ResponseSchema.safeParse(response);
  return parsed.success ? parsed.data : null;
}

export function createOutbox(db: HymyDb): Outbox {
  return {
    async pendingBatch(limit = MAX_BATCH) {
      const rows = await pendingRange(db).limit(limit).toArray();
      const responses: Response[] = [];
      const unreadable: string[] = [];
      for (const row of rows) {
        const response = toResponse(row);
        if (response) {
          responses.push(response);
        } else {
          unreadable.push(row.id);
        }
      }
      if (unreadable.length > 0) {
        // A row that no longer parses would block the queue for ever: keep it for export,
        // out of the outbox, as the server would have rejected it.
        await db.responses
          .where('id')
          .anyOf(unreadable)
          .modify({ syncState: 'rejected', rejectCode: 'unreadable_locally' });
      }
      return responses;
    },

    async markOutcome(outcome, nowIso) {
      await db.transaction('rw', db.responses, async () => {
        const sent = [...outcome.accepted, ...outcome.duplicate];
        await db.responses.where('id').anyOf(sent).modify({ syncState: 'sent', syncedAt: nowIso });
        for (const rejected of outcome.rejected) {
          await db.responses.update(rejected.id, {
            syncState: 'rejected',
            syncedAt: nowIso,
            rejectCode: rejected.code.slice(0, 100),
          });
        }
      });
    },

    async purgeSent(cutoffIso) {
      return db.responses
        .where('[syncState+answeredAt]')
        .between(['sent', Dexie.minKey], ['sent', Dexie.maxKey])
        .filter((row) => row.syncedAt !== undefined && row.syncedAt < cutoffIso)
        .delete();
    },

    async stats() {
      // Two collections: Dexie's first() narrows the collection it is called on.
      const [queued, oldest] = await Promise.all([
        pendingRange(db).count(),
        pendingRange(db).first(),
      ]);
      return { queued, oldestQueuedAt: oldest?.answeredAt ?? null };
    },
  };
}

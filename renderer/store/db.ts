import Dexie, { type Table } from 'dexie';
import type { Response } from '../../core';

export const DB_NAME = 'hymy';

/** Where a stored answer is on its way to the central API. */
export type SyncState = 'pending' | 'sent' | 'rejected';

/** One answer as the terminal keeps it: the Response of core plus its place in the outbox. */
export type StoredResponse = Response & {
  syncState: SyncState;
  /** When the central API accepted (or refused) it, ISO UTC. */
  syncedAt?: string;
  /** The server's code for a rejected answer; kept for export, never sent again. */
  rejectCode?: string;
};

/**
 * A server's answer to one uploaded batch, kept until its marks are applied to the rows: one
 * small write during the drain instead of one per answer (renderer/sync/outbox.ts).
 */
export type PendingMarks = {
  seq?: number;
  syncedAt: string;
  sent: string[];
  rejected: { id: string; code: string }[];
};

/**
 * The terminal's local store. The responses table is also the sync outbox: its compound index
 * on [syncState+answeredAt] hands the sync engine the oldest pending answers first.
 * Schema changes get a new version() with an upgrade; version 1 is never edited.
 */
export class HymyDb extends Dexie {
  // `declare`: a class field would overwrite the table Dexie sets up in its constructor.
  declare responses: Table<StoredResponse, string>;
  declare marks: Table<PendingMarks, number>;
  declare probe: Table<{ id: number; at: number }, number>;

  constructor(name: string = DB_NAME) {
    // 'strict': a commit is reported only once the answer is on disk, not in the OS cache.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ responses: 'id, answeredAt, [syncState+answeredAt]' });
    // 2: server answers waiting to be applied to their rows (the sync outbox's marks).
    this.version(2).stores({
      responses: 'id, answeredAt, [syncState+answeredAt]',
      marks: '++seq',
    });
    // 3: one row the page writes to learn whether the store takes writes again (healing-store).
    this.version(3).stores({
      responses: 'id, answeredAt, [syncState+answeredAt]',
      marks: '++seq',
      probe: 'id',
    });
  }
}

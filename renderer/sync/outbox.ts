import Dexie from 'dexie';
import { ResponseSchema, type Response, type UploadOutcome } from '../../core';
import type { HymyDb, PendingMarks, StoredResponse } from '../store/db';
import { countPending } from './pending-count';

/**
 * The responses table as the sync engine's outbox: the oldest pending answers first, marked
 * from the server's three lists in one transaction, and sent ones purged after retention.
 */

export const MAX_BATCH = 500;
/** How often the outbox looks for pending rows behind its cursor (see createOutbox). */
const FULL_LOOK_MS = 10 * 60 * 1000;
/** Rows marked per transaction (see markOutcome). */
const MARK_CHUNK = 25;
/** Rows read, and parsed, per step of a batch (see readRows). */
const READ_CHUNK = 100;
/** Sent rows looked at per step of a purge, and the least time between two purges. */
const PURGE_CHUNK = 200;
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Sent answers stay this long for the technician's export, then go. */
export const DEFAULT_RETENTION_MS = 30 * 24 * 3600 * 1000;

export type Outbox = {
  /** Up to `limit` pending answers, oldest first, parsed as Responses. */
  pendingBatch(limit?: number): Promise<Response[]>;
  /** The next pendingBatch looks from the oldest pending answer again. */
  rewind(): void;
  /**
   * Records the server's answer to the batch just read, in one small write, and moves past it;
   * ids in none of the lists stay pending. The rows themselves are marked by `applyMarks`.
   */
  markOutcome(outcome: Extract<UploadOutcome, { ok: true }>, nowIso: string): Promise<void>;
  /** Marks the rows of every recorded answer (sent, rejected), a chunk at a time. */
  applyMarks(): Promise<void>;
  /**
   * Deletes sent answers synced before `cutoffIso`, a chunk at a time, at most once an hour
   * (a retention of days needs no more); how many went.
   */
  purgeSent(cutoffIso: string): Promise<number>;
  /**
   * How many answers wait, and the oldest. The count over the index is taken once, a slice at
   * a time (pending-count.ts), then kept by bookkeeping.
   */
  stats(): Promise<{ queued: number; oldestQueuedAt: string | null }>;
  /** A new answer was committed as pending. */
  noteAdded(count?: number): void;
  /**
   * Answers were written back from the host's journal into a store that had lost them: they
   * may be older than the drain's cursor, and the count kept so far no longer holds.
   */
  restored(): void;
};

/**
 * Pending rows from `from` (an answeredAt) on. Starting past the rows a drain already marked
 * matters: their old index entries linger as LevelDB tombstones until compaction, and a read
 * from the start of the range walks every one of them (measured: 0.67 s a batch, 273 s in all,
 * for a 100,000-answer drain that way).
 */
const pendingRange = (db: HymyDb, from: string | null = null) =>
  db.responses
    .where('[syncState+answeredAt]')
    .between(['pending', from ?? Dexie.minKey], ['pending', Dexie.maxKey]);

/**
 * The pending rows that may be sent: those before the open visit's hold stay out, since the
 * visit may still add a follow-up or a comment to them (renderer/store/response-store.ts).
 */
const sendableRange = (db: HymyDb, from: string | null, heldFrom: string | null) =>
  heldFrom === null
    ? pendingRange(db, from)
    : db.responses
        .where('[syncState+answeredAt]')
        .between(['pending', from ?? Dexie.minKey], ['pending', heldFrom], true, false);

export type OutboxOptions = {
  /** Where the open visit's answers begin, or null: see sendableRange. */
  heldFrom?: () => string | null;
};

/** A stored row back to the Response the API takes: the outbox's own fields stay home. */
function toResponse(row: StoredResponse): Response | null {
  const { syncState: _state, syncedAt: _at, rejectCode: _code, ...response } = row;
  const parsed = ResponseSchema.safeParse(response);
  return parsed.success ? parsed.data : null;
}

/**
 * One chunk of marks, in a raw IndexedDB transaction with relaxed durability: a mark lost to a
 * power cut only means the row is sent again and the server answers `duplicate`, so marking
 * need not wait for the disk the way an answer's own write does (renderer/store). Measured on
 * a 100,000-answer drain: Dexie's modify() held the store ~370 ms per batch of 500, stalling
 * taps; chunks of 100 here take ~40 ms each, and a tap waits behind at most one of them.
 */
function markRows(
  db: HymyDb,
  changes: ReadonlyMap<string, Partial<StoredResponse>>,
  ids: readonly string[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction('responses', 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('responses');
    for (const id of ids) {
      const read = store.get(id);
      read.onsuccess = () => {
        const row = read.result as StoredResponse | undefined;
        if (row) {
          store.put({ ...row, ...changes.get(id) });
        }
      };
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('mark failed'));
    tx.onabort = () => reject(tx.error ?? new Error('mark aborted'));
  });
}

/**
 * The pending rows of `ids`, in that order, a chunk per transaction with a task between them:
 * reading and parsing 500 rows at once held the store (and the page) ~30–40 ms, and a tap
 * waited behind it. A row marked or purged since its key was read is left out.
 */
async function readRows(db: HymyDb, ids: readonly string[]): Promise<StoredResponse[]> {
  const rows: StoredResponse[] = [];
  for (let at = 0; at < ids.length; at += READ_CHUNK) {
    if (at > 0) {
      await yieldToInput();
    }
    for (const row of await db.responses.bulkGet(ids.slice(at, at + READ_CHUNK))) {
      if (row?.syncState === 'pending') {
        rows.push(row);
      }
    }
  }
  return rows;
}

function changesOf(marks: PendingMarks): Map<string, Partial<StoredResponse>> {
  const changes = new Map<string, Partial<StoredResponse>>();
  for (const id of marks.sent) {
    changes.set(id, { syncState: 'sent', syncedAt: marks.syncedAt });
  }
  for (const rejected of marks.rejected) {
    changes.set(rejected.id, {
      syncState: 'rejected',
      syncedAt: marks.syncedAt,
      rejectCode: rejected.code,
    });
  }
  return changes;
}

/** Lets tasks already queued (a patient's tap among them) run before the next transaction. */
function yieldToInput(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createOutbox(db: HymyDb, { heldFrom = () => null }: OutboxOptions = {}): Outbox {
  // Pending rows, once counted; null until then.
  let queued: number | null = null;
  // How far the outbox has been sent: the answeredAt of the last batch's newest row. Rows
  // behind it are pending only when a server left them out or the clock was set back; a full
  // look from the start (through any tombstones) finds them, at most every FULL_LOOK_MS.
  let cursor: string | null = null;
  let lastFullLook = Number.NEGATIVE_INFINITY;
  let batchEnd: string | null = null;
  // The ids of the batch last read, not yet answered: the bookkeeping counts each once.
  let batchIds = new Set<string>();
  // The answered ids whose answeredAt is the cursor itself (still pending until marked).
  let batchAtEnd: string[] = [];
  let atCursor = new Set<string>();
  let applying: Promise<void> | null = null;
  let lastPurge = Number.NEGATIVE_INFINITY;
  let counting: Promise<number> | null = null;
  // Marking and counting take turns: a count must not see rows marked halfway through it.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(job: () => Promise<T>): Promise<T> => {
    const run = turn.then(job, job);
    turn = run.catch(() => undefined);
    return run;
  };
  const markAll = async (): Promise<void> => {
    for (;;) {
      const marks = await db.marks.orderBy(':id').first();
      if (!marks || marks.seq === undefined) {
        return;
      }
      const changes = changesOf(marks);
      const ids = [...changes.keys()];
      // Short transactions, so a tap's write never waits long behind the marking.
      for (let at = 0; at < ids.length; at += MARK_CHUNK) {
        // A tap waiting as a task gets its transaction queued before our next one.
        await yieldToInput();
        await markRows(db, changes, ids.slice(at, at + MARK_CHUNK));
      }
      await db.marks.delete(marks.seq);
    }
  };
  const less = (count: number): void => {
    if (queued !== null) {
      queued = Math.max(0, queued - count);
    }
  };

  return {
    rewind() {
      cursor = null;
      batchEnd = null;
      atCursor = new Set();
    },

    async pendingBatch(limit = MAX_BATCH) {
      await yieldToInput();
      // From the cursor, inclusive (answers made in the same ms), less the answered ones there.
      // Keys first (one quick look at the index), then the rows themselves a chunk at a time.
      let ids =
        cursor === null
          ? []
          : (
              await sendableRange(db, cursor, heldFrom())
                .limit(limit + atCursor.size)
                .primaryKeys()
            )
              .filter((id) => !atCursor.has(id))
              .slice(0, limit);
      const fullLook =
        cursor === null || (ids.length === 0 && Date.now() - lastFullLook > FULL_LOOK_MS);
      if (fullLook) {
        // Rows answered but not yet marked still look pending: mark them before looking.
        await this.applyMarks();
        lastFullLook = Date.now();
        ids = await sendableRange(db, null, heldFrom()).limit(limit).primaryKeys();
        cursor = null;
      }
      const rows = await readRows(db, ids);
      // The cursor moves on only once this batch is answered (a failed upload sends it again).
      batchEnd = rows.at(-1)?.answeredAt ?? null;
      batchIds = new Set(rows.map((row) => row.id));
      batchAtEnd = rows.filter((row) => row.answeredAt === batchEnd).map((row) => row.id);
      const responses: Response[] = [];
      const unreadable: string[] = [];
      for (const [index, row] of rows.entries()) {
        if (index > 0 && index % READ_CHUNK === 0) {
          // Parsing is the page's own time too: a tap's handler runs in between.
          await yieldToInput();
        }
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
        less(unreadable.length);
      }
      if (rows.length === 0 && fullLook) {
        queued = 0;
      }
      return responses;
    },

    async markOutcome(outcome, nowIso) {
      const marks: PendingMarks = {
        syncedAt: nowIso,
        sent: [...outcome.accepted, ...outcome.duplicate],
        rejected: outcome.rejected.map(({ id, code }) => ({ id, code: code.slice(0, 100) })),
      };
      // One write a batch, however many answers: the drain stays off the kiosk's way.
      await db.marks.add(marks);
      let answered = 0;
      for (const id of [...marks.sent, ...marks.rejected.map((rejected) => rejected.id)]) {
        if (batchIds.delete(id)) {
          answered += 1;
        }
      }
      less(answered);
      if (batchEnd !== null) {
        // Inclusive: rows at exactly this time that were not in the batch are still found.
        cursor = batchEnd;
        atCursor = new Set(batchAtEnd);
      }
    },

    applyMarks() {
      applying ??= inTurn(markAll).finally(() => {
        applying = null;
      });
      return applying;
    },

    async purgeSent(cutoffIso) {
      if (Date.now() - lastPurge < PURGE_EVERY_MS) {
        return 0;
      }
      lastPurge = Date.now();
      // A chunk of sent rows at a time, from where the last chunk ended (answers made in the
      // same millisecond are told apart by id): one transaction over every sent row held the
      // store ~2.4 s after a 100,000-answer drain, and a tap waited for it.
      let from: string | null = null;
      let seenAtFrom = new Set<string>();
      let purged = 0;
      for (;;) {
        await yieldToInput();
        const rows: StoredResponse[] = (
          await db.responses
            .where('[syncState+answeredAt]')
            .between(['sent', from ?? Dexie.minKey], ['sent', Dexie.maxKey])
            .limit(PURGE_CHUNK + seenAtFrom.size)
            .toArray()
        ).filter((row) => !seenAtFrom.has(row.id));
        if (rows.length === 0) {
          return purged;
        }
        const expired = rows
          .filter((row) => row.syncedAt !== undefined && row.syncedAt < cutoffIso)
          .map((row) => row.id);
        if (expired.length > 0) {
          await db.responses.bulkDelete(expired);
          purged += expired.length;
        }
        const last: string | null = rows.at(-1)?.answeredAt ?? null;
        seenAtFrom = new Set([
          ...(last === from ? seenAtFrom : []),
          ...rows.filter((row) => row.answeredAt === last).map((row) => row.id),
        ]);
        from = last;
      }
    },

    async stats() {
      if (queued === null) {
        // Rows marked halfway (a page closed mid-marking) are finished first, then counted.
        counting ??= inTurn(async () => {
          await markAll();
          return countPending(db);
        }).finally(() => {
          counting = null;
        });
        const counted = await counting;
        queued ??= counted;
      }
      // From the drain's cursor, for the tombstones' sake: rows before it that are still
      // pending are only those a server left out of its answer, until the next drain.
      const oldest = (
        await pendingRange(db, cursor)
          .limit(atCursor.size + 1)
          .toArray()
      ).find((row) => !atCursor.has(row.id));
      if (!oldest && cursor === null) {
        queued = 0;
      }
      return { queued, oldestQueuedAt: oldest?.answeredAt ?? null };
    },

    noteAdded(count = 1) {
      if (queued !== null) {
        queued += count;
      }
    },

    restored() {
      this.rewind();
      queued = null;
    },
  };
}

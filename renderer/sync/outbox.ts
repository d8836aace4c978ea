import Dexie from 'dexie';
import { MAX_BATCH_RESPONSES, ResponseSchema, type Response, type UploadOutcome } from '../../core';
import type { HymyDb, PendingMarks, StoredResponse } from '../store/db';
import { countPending } from './pending-count';

/**
 * The responses table as the sync engine's outbox: the oldest pending answers first, marked
 * from the server's three lists in one small write, and sent ones purged after retention.
 * Reading, marking and purging are apart: `next` reads and writes nothing, `markOutcome` and
 * `applyMarks` mark, `purgeSent` purges. Where a drain has got to is a value (`OutboxCursor`)
 * the engine keeps and hands back, and every time the outbox needs comes from the engine's clock.
 */

/** How often a drain looks for pending rows behind its cursor (see lookFromStartDue). */
const FULL_LOOK_MS = 10 * 60 * 1000;
/** Rows marked per transaction (see applyMarks). */
const MARK_CHUNK = 25;
/** Rows read, and parsed, per step of a batch (see readRows). */
const READ_CHUNK = 100;
/** Sent rows looked at per step of a purge, and the least time between two purges. */
const PURGE_CHUNK = 200;
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Sent answers stay this long for the technician's export, then go. */
export const DEFAULT_RETENTION_MS = 30 * 24 * 3600 * 1000;

/**
 * Where a drain has got to. Rows behind `from` are pending only when a server left them out or
 * the clock was set back; a look from the start (through any tombstones) finds them.
 */
export type OutboxCursor = {
  /** The answeredAt of the last answered batch's newest row; null: from the oldest answer. */
  readonly from: string | null;
  /** The answered ids whose answeredAt is `from` itself (still pending until marked). */
  readonly answeredAtFrom: ReadonlySet<string>;
  /** When the outbox was last read from its oldest pending answer, by the engine's clock. */
  readonly lookedFromStartAt: number;
};

/** Before any drain: from the oldest pending answer. */
export const OUTBOX_START: OutboxCursor = {
  from: null,
  answeredAtFrom: new Set(),
  lookedFromStartAt: Number.NEGATIVE_INFINITY,
};

/** A look from the oldest pending answer, made at `nowMs`. */
export function fromStart(nowMs: number): OutboxCursor {
  return { ...OUTBOX_START, lookedFromStartAt: nowMs };
}

/**
 * Whether to look from the oldest pending answer after nothing was found past `cursor`: always
 * without a cursor, else at most every FULL_LOOK_MS (the tombstones make that look slow).
 * Answers recorded but not yet marked still look pending from there: `applyMarks` first.
 */
export function lookFromStartDue(cursor: OutboxCursor, nowMs: number): boolean {
  return cursor.from === null || nowMs - cursor.lookedFromStartAt > FULL_LOOK_MS;
}

/** What one read of the outbox found. */
export type OutboxBatch = {
  /** Up to a batch of pending answers, oldest first, parsed as Responses. */
  responses: Response[];
  /**
   * Rows read that no longer parse: a row like that would block the queue for ever, so its
   * `markOutcome` marks it rejected (kept for export, out of the outbox), as a server would.
   */
  unreadable: string[];
};

export type OutboxRead = {
  batch: OutboxBatch;
  /** Where to read next once this batch is answered; a failed upload reads the same again. */
  cursor: OutboxCursor;
};

export type Outbox = {
  /** The next batch past `cursor` and the cursor past it; reads only, writes nothing. */
  next(cursor: OutboxCursor, limit?: number): Promise<OutboxRead>;
  /**
   * Records the server's answer to `batch` (and its unreadable rows) in one small write; ids in
   * none of the lists stay pending. The rows themselves are marked by `applyMarks`.
   */
  markOutcome(
    batch: OutboxBatch,
    outcome: Extract<UploadOutcome, { ok: true }>,
    nowIso: string,
  ): Promise<void>;
  /** Marks the rows of every recorded answer (sent, rejected), a chunk at a time. */
  applyMarks(): Promise<void>;
  /**
   * Deletes sent answers synced before `cutoffIso`, a chunk at a time, at most once an hour by
   * `nowMs` (a retention of days needs no more); how many went.
   */
  purgeSent(cutoffIso: string, nowMs: number): Promise<number>;
  /**
   * How many answers wait, and the oldest (looked for from the drain's `cursor`, for the
   * tombstones' sake). The count over the index is taken once, a slice at a time
   * (pending-count.ts), then kept by bookkeeping.
   */
  stats(cursor?: OutboxCursor): Promise<{ queued: number; oldestQueuedAt: string | null }>;
  /** A new answer was committed as pending. */
  noteAdded(count?: number): void;
  /**
   * Answers were written back from the host's journal into a store that had lost them: the
   * count kept so far no longer holds (and a drain's cursor may be past them: the engine's
   * `restored` looks from the start again).
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
  // The ids of each batch already counted as answered: the bookkeeping counts each once.
  const counted = new WeakMap<OutboxBatch, Set<string>>();
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
    async next(cursor, limit = MAX_BATCH_RESPONSES) {
      await yieldToInput();
      // From the cursor, inclusive (answers made in the same ms), less the answered ones there.
      // Keys first (one quick look at the index), then the rows themselves a chunk at a time.
      const held = heldFrom();
      const skip = cursor.answeredAtFrom;
      const ids = (
        await sendableRange(db, cursor.from, held)
          .limit(limit + skip.size)
          .primaryKeys()
      )
        .filter((id) => !skip.has(id))
        .slice(0, limit);
      const rows = await readRows(db, ids);
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
      const end = rows.at(-1)?.answeredAt;
      if (end === undefined) {
        if (cursor.from === null && held === null) {
          // Nothing pending at all: the count is known without counting.
          queued = 0;
        }
        return { batch: { responses, unreadable }, cursor };
      }
      // Inclusive: rows at exactly this time that were not in the batch are still found.
      const atEnd = rows.filter((row) => row.answeredAt === end).map((row) => row.id);
      const answeredAtFrom = new Set(end === cursor.from ? [...skip, ...atEnd] : atEnd);
      return {
        batch: { responses, unreadable },
        cursor: { from: end, answeredAtFrom, lookedFromStartAt: cursor.lookedFromStartAt },
      };
    },

    async markOutcome(batch, outcome, nowIso) {
      const marks: PendingMarks = {
        syncedAt: nowIso,
        sent: [...outcome.accepted, ...outcome.duplicate],
        rejected: [
          ...outcome.rejected.map(({ id, code }) => ({ id, code: code.slice(0, 100) })),
          ...batch.unreadable.map((id) => ({ id, code: 'unreadable_locally' })),
        ],
      };
      // One write a batch, however many answers: the drain stays off the kiosk's way.
      await db.marks.add(marks);
      const inBatch = new Set([...batch.responses.map((r) => r.id), ...batch.unreadable]);
      const done = counted.get(batch) ?? new Set<string>();
      counted.set(batch, done);
      let answered = 0;
      for (const id of [...marks.sent, ...marks.rejected.map((rejected) => rejected.id)]) {
        if (inBatch.has(id) && !done.has(id)) {
          done.add(id);
          answered += 1;
        }
      }
      less(answered);
    },

    applyMarks() {
      applying ??= inTurn(markAll).finally(() => {
        applying = null;
      });
      return applying;
    },

    async purgeSent(cutoffIso, nowMs) {
      if (nowMs - lastPurge < PURGE_EVERY_MS) {
        return 0;
      }
      lastPurge = nowMs;
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

    async stats(cursor = OUTBOX_START) {
      if (queued === null) {
        // Rows marked halfway (a page closed mid-marking) are finished first, then counted.
        counting ??= inTurn(async () => {
          await markAll();
          return countPending(db);
        }).finally(() => {
          counting = null;
        });
        const total = await counting;
        queued ??= total;
      }
      // From the drain's cursor, for the tombstones' sake: rows before it that are still
      // pending are only those a server left out of its answer, until the next drain.
      const skip = cursor.answeredAtFrom;
      const oldest = (
        await pendingRange(db, cursor.from)
          .limit(skip.size + 1)
          .toArray()
      ).find((row) => !skip.has(row.id));
      if (!oldest && cursor.from === null) {
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
      queued = null;
    },
  };
}

import type { Response, UploadOutcome } from '../../core';
import type { Timers } from '../../core/timers';
import { pageTimers } from '../real-timers';
import { nextAttemptDelay } from './backoff';
import {
  DEFAULT_RETENTION_MS,
  OUTBOX_START,
  fromStart,
  lookFromStartDue,
  type Outbox,
  type OutboxCursor,
  type OutboxRead,
} from './outbox';

/**
 * Sends the outbox to the central API in the background, at least once per answer (the server
 * counts each id once, so the total is exactly once). One batch in flight; triggered by a commit
 * (debounced), by coming online and by a timer; failures back off with full jitter and honour
 * `Retry-After`; a refused token stops sync until the terminal is enrolled again. Rows are
 * marked only from the server's lists, so an answer the server never confirmed is sent again.
 */

export type SyncState =
  | 'idle'
  | 'syncing'
  | 'waiting' // backing off after a failure
  | 'not_enrolled'
  | 'stopped'; // the server refused the token (401/403): a technician must act

export type SyncStatus = {
  state: SyncState;
  lastSyncAt: string | null;
  lastError: string | null;
  /** When the next attempt after a failure is due (epoch ms), while waiting. */
  retryAt: number | null;
};

export type SyncEngineOptions = {
  outbox: Outbox;
  upload(responses: Response[]): Promise<UploadOutcome>;
  onStatus?(status: SyncStatus): void;
  /** The engine's clock and timers (the page's own by default); the outbox's time is theirs too. */
  timers?: Timers;
  random?: () => number;
  /** The timer trigger, and how long after a commit the debounced trigger fires. */
  intervalMs?: number;
  debounceMs?: number;
  retentionMs?: number;
};

export type SyncEngine = {
  /** An answer was committed: sync soon (debounced). */
  committed(): void;
  /** The network is back: try now, even while backing off. */
  online(): void;
  /** Runs a sync now and resolves when it is done (the technician's "sync now"). */
  syncNow(): Promise<SyncStatus>;
  /** After re-enrollment: sync may run again after a refused token. */
  resume(): void;
  /**
   * Answers were written back from the host's journal: they may lie behind the drain's cursor
   * and the outbox's count no longer holds, so look from the start again, and sync soon.
   */
  restored(): void;
  /** How many answers wait, and the oldest (outbox.stats from where the drain has got to). */
  queue(): ReturnType<Outbox['stats']>;
  status(): SyncStatus;
  stop(): void;
};

/** The answer to a batch that sent nothing (only rows that no longer parse, to be marked). */
const NOTHING_SENT: UploadOutcome = { ok: true, accepted: [], duplicate: [], rejected: [] };

const isEmpty = ({ batch }: OutboxRead): boolean =>
  batch.responses.length === 0 && batch.unreadable.length === 0;

/** User Timing for the benchmark's drain (bench/drain-bench.ts); never in the way. */
function measureStep(name: string, start: number): number {
  const end = performance.now();
  try {
    performance.measure(name, { start, end });
  } catch {
    // Timing is for the benchmark only.
  }
  return end;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const timers = options.timers ?? pageTimers;
  const random = options.random ?? Math.random;
  const intervalMs = options.intervalMs ?? 60_000;
  const debounceMs = options.debounceMs ?? 2000;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;

  let status: SyncStatus = { state: 'idle', lastSyncAt: null, lastError: null, retryAt: null };
  let failures = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let disposed = false;
  let timer: unknown = null;
  // Where the drain has got to in the outbox; `restored` starts it again (a new generation, so
  // a batch answered meanwhile does not move the new cursor past the restored answers).
  let cursor: OutboxCursor = OUTBOX_START;
  let generation = 0;

  const setStatus = (next: Partial<SyncStatus>): void => {
    status = { ...status, ...next };
    options.onStatus?.(status);
  };

  const schedule = (ms: number): void => {
    if (timer !== null) {
      timers.clearTimeout(timer);
    }
    timer = stopped || disposed ? null : timers.setTimeout(() => void trigger(), ms);
  };

  /**
   * The next batch past the cursor. When nothing is left there, now and then the outbox is read
   * from its oldest answer (answers a server left out, a clock set back); answers recorded but
   * not yet marked still look pending from there, so their marks are applied first.
   */
  async function readNext(): Promise<OutboxRead> {
    const { outbox } = options;
    if (cursor.from !== null) {
      const read = await outbox.next(cursor);
      if (!isEmpty(read) || !lookFromStartDue(cursor, timers.now())) {
        return read;
      }
    }
    await outbox.applyMarks();
    return outbox.next(fromStart(timers.now()));
  }

  /** One pass: batches until the outbox is empty or a batch fails. */
  async function drain(): Promise<void> {
    const { outbox } = options;
    setStatus({ state: 'syncing' });
    for (;;) {
      const readIn = generation;
      let mark = performance.now();
      const read = await readNext();
      const { batch } = read;
      mark = measureStep('hymy:sync-read', mark);
      if (isEmpty(read)) {
        break;
      }
      let outcome: UploadOutcome;
      try {
        // A batch of rows that no longer parse only needs marking: nothing goes out.
        outcome = batch.responses.length > 0 ? await options.upload(batch.responses) : NOTHING_SENT;
      } catch {
        // The bridge itself failed (host restarting): like being offline.
        outcome = { ok: false, reason: 'offline' };
      }
      mark = measureStep('hymy:sync-upload', mark);
      if (!outcome.ok) {
        // The cursor stays: the same batch goes again.
        fail(outcome);
        return;
      }
      const nowIso = new Date(timers.now()).toISOString();
      await outbox.markOutcome(batch, outcome, nowIso);
      measureStep('hymy:sync-mark', mark);
      const answered = new Set([
        ...outcome.accepted,
        ...outcome.duplicate,
        ...outcome.rejected.map((rejected) => rejected.id),
      ]);
      if (batch.responses.some((response) => !answered.has(response.id))) {
        // The contract lists every id once. Ids left out stay pending; sending them straight
        // back would loop against a server that keeps leaving them out, so back off instead,
        // and look for them from the start of the outbox next time.
        cursor = OUTBOX_START;
        fail({ ok: false, reason: 'server_error' });
        setStatus({ lastError: 'incomplete_answer' });
        return;
      }
      if (readIn === generation) {
        cursor = read.cursor;
      }
      failures = 0;
      setStatus({ lastSyncAt: nowIso, lastError: null });
    }
    // All sent: now the rows themselves are marked, a chunk at a time, then old ones purged.
    await outbox.applyMarks();
    const now = timers.now();
    await outbox.purgeSent(new Date(now - retentionMs).toISOString(), now);
    setStatus({ state: 'idle', retryAt: null });
    schedule(intervalMs);
  }

  function fail(outcome: Extract<UploadOutcome, { ok: false }>): void {
    if (outcome.reason === 'unauthorized' || outcome.reason === 'revoked') {
      // Retrying a refused token only hammers the server; the technician re-enrolls.
      setStatus({ state: 'stopped', lastError: outcome.reason, retryAt: null });
      stopped = true;
      return;
    }
    if (outcome.reason === 'not_enrolled') {
      setStatus({ state: 'not_enrolled', lastError: null, retryAt: null });
      schedule(intervalMs);
      return;
    }
    failures += 1;
    const delay = nextAttemptDelay(failures, outcome.retryAfterMs, random);
    setStatus({ state: 'waiting', lastError: outcome.reason, retryAt: timers.now() + delay });
    schedule(delay);
  }

  function trigger(): Promise<void> {
    if (stopped || disposed) {
      return Promise.resolve();
    }
    if (running) {
      again = true;
      return running;
    }
    timer = null;
    running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again && !stopped && !disposed && status.state === 'idle');
      } catch {
        // The local store failed (closed, quota): try again later, as after a network fault.
        fail({ ok: false, reason: 'server_error' });
        setStatus({ lastError: 'local_store' });
      } finally {
        running = null;
      }
    })();
    return running;
  }

  schedule(0);

  return {
    committed() {
      if (status.state === 'waiting' || stopped || disposed) {
        // Backing off: the new answer waits for the retry like the rest.
        return;
      }
      if (running) {
        again = true;
        return;
      }
      schedule(debounceMs);
    },
    online() {
      if (stopped || disposed) {
        return;
      }
      failures = 0;
      schedule(0);
    },
    async syncNow() {
      await trigger();
      return status;
    },
    resume() {
      if (stopped && !disposed) {
        stopped = false;
        failures = 0;
        setStatus({ state: 'idle', lastError: null });
        schedule(0);
      }
    },
    restored() {
      generation += 1;
      cursor = OUTBOX_START;
      options.outbox.restored();
      this.committed();
    },
    queue: () => options.outbox.stats(cursor),
    status: () => status,
    stop() {
      disposed = true;
      if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
    },
  };
}

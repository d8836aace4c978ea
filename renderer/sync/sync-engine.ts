import type { Response, UploadOutcome } from '../../core';
import { nextAttemptDelay } from './backoff';
import { DEFAULT_RETENTION_MS, type Outbox } from './outbox';

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

export type SyncTimers = {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type SyncEngineOptions = {
  outbox: Outbox;
  upload(responses: Response[]): Promise<UploadOutcome>;
  onStatus?(status: SyncStatus): void;
  timers?: SyncTimers;
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
  status(): SyncStatus;
  stop(): void;
};

/** The browser's own clock and timers (tests pass their own). */
export const realTimers: SyncTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

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
  const timers = options.timers ?? realTimers;
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

  /** One pass: batches until the outbox is empty or a batch fails. */
  async function drain(): Promise<void> {
    setStatus({ state: 'syncing' });
    for (;;) {
      let mark = performance.now();
      const batch = await options.outbox.pendingBatch();
      mark = measureStep('hymy:sync-read', mark);
      if (batch.length === 0) {
        break;
      }
      let outcome: UploadOutcome;
      try {
        outcome = await options.upload(batch);
      } catch {
        // The bridge itself failed (host restarting): like being offline.
        outcome = { ok: false, reason: 'offline' };
      }
      mark = measureStep('hymy:sync-upload', mark);
      if (!outcome.ok) {
        fail(outcome);
        return;
      }
      const nowIso = new Date(timers.now()).toISOString();
      await options.outbox.markOutcome(outcome, nowIso);
      measureStep('hymy:sync-mark', mark);
      const answered = new Set([
        ...outcome.accepted,
        ...outcome.duplicate,
        ...outcome.rejected.map((rejected) => rejected.id),
      ]);
      if (batch.some((response) => !answered.has(response.id))) {
        // The contract lists every id once. Ids left out stay pending; sending them straight
        // back would loop against a server that keeps leaving them out, so back off instead,
        // and look for them from the start of the outbox next time.
        options.outbox.rewind();
        fail({ ok: false, reason: 'server_error' });
        setStatus({ lastError: 'incomplete_answer' });
        return;
      }
      failures = 0;
      setStatus({ lastSyncAt: nowIso, lastError: null });
    }
    // All sent: now the rows themselves are marked, a chunk at a time, then old ones purged.
    await options.outbox.applyMarks();
    await options.outbox.purgeSent(new Date(timers.now() - retentionMs).toISOString());
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

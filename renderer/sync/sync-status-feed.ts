import type { RendererSyncStatus } from '../../core';
import type { Timers } from '../../core/timers';
import { pageTimers } from '../real-timers';
import type { SyncStatus } from './sync-engine';

export type SyncStatusFeedOptions = {
  engineStatus(): SyncStatus;
  /** The outbox's depth and oldest answer (the engine's `queue`). */
  stats(): Promise<{ queued: number; oldestQueuedAt: string | null }>;
  report(status: RendererSyncStatus): void;
  timers?: Timers;
  /** At most one outbox count per this long: a drain changes the engine's status every batch. */
  minIntervalMs?: number;
  /** Answers committed while nothing else changes (offline) still show up this often. */
  refreshMs?: number;
};

export type SyncStatusFeed = {
  /** The engine's status changed: report it (with a fresh outbox count) soon. */
  changed(): void;
  stop(): void;
};

/**
 * Feeds the host the outbox's depth and the engine's state, for the heartbeat and the
 * technician's status screen. Counting the outbox reads IndexedDB, so it runs at most once per
 * `minIntervalMs` and never on the tap's path: a change waits for the next slot.
 */
export function createSyncStatusFeed(options: SyncStatusFeedOptions): SyncStatusFeed {
  const timers = options.timers ?? pageTimers;
  const minIntervalMs = options.minIntervalMs ?? 2000;
  const refreshMs = options.refreshMs ?? 30_000;
  let lastAt = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  let counting = false;
  let pending = false;
  let stopped = false;

  const plan = (ms: number): void => {
    if (timer !== null) {
      timers.clearTimeout(timer);
    }
    timer = stopped ? null : timers.setTimeout(() => void publish(), ms);
  };

  async function publish(): Promise<void> {
    timer = null;
    if (counting) {
      pending = true;
      return;
    }
    counting = true;
    lastAt = timers.now();
    try {
      const queue = await options.stats();
      const engine = options.engineStatus();
      if (!stopped) {
        options.report({
          state: engine.state,
          queued: queue.queued,
          oldestQueuedAt: queue.oldestQueuedAt,
          lastSyncAt: engine.lastSyncAt,
          lastError: engine.lastError,
        });
      }
    } catch {
      // The store could not be read: the store's own status says so; try again on schedule.
    } finally {
      counting = false;
    }
    if (pending) {
      pending = false;
      plan(minIntervalMs);
    } else {
      plan(refreshMs);
    }
  }

  plan(0);

  return {
    changed() {
      if (stopped) {
        return;
      }
      if (counting) {
        pending = true;
        return;
      }
      plan(Math.max(0, lastAt + minIntervalMs - timers.now()));
    },
    stop() {
      stopped = true;
      if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
    },
  };
}

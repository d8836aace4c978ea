import type { Bridge, RendererStatus, RendererSyncStatus } from '../../core';
import type { Timers } from '../../core/timers';
import { pageTimers } from '../real-timers';

export type StoreStatus = RendererStatus['store'];

export type StatusReporter = {
  /** Tells the host how the store is doing; says nothing when that has not changed. */
  report(store: StoreStatus): void;
  /** Tells the host how sync and the outbox are doing (for its heartbeat and status screen). */
  reportSync(sync: RendererSyncStatus): void;
};

const RETRY_MS = 5000;

function sameStore(a: StoreStatus, b: StoreStatus): boolean {
  if (a.ok || b.ok) {
    return a.ok === b.ok;
  }
  return a.code === b.code && a.reopenFailures === b.reopenFailures;
}

function sameSync(a: RendererSyncStatus | null, b: RendererSyncStatus): boolean {
  return (
    a !== null &&
    a.state === b.state &&
    a.queued === b.queued &&
    a.oldestQueuedAt === b.oldestQueuedAt &&
    a.lastSyncAt === b.lastSyncAt &&
    a.lastError === b.lastError
  );
}

/**
 * The renderer has no log of its own: what a technician should see (a full disk, a closed
 * database, storage that may be evicted, answers waiting to be sent) goes to the host with
 * `status:report`. Nothing is sent before the store has said whether it opened; after that,
 * every change is sent, and a report the host did not get (not connected yet) is sent again
 * until it arrives or a newer one replaces it. `timers` waits between tries (a test's clock).
 */
export function createStatusReporter(
  bridge: Bridge,
  persisted: Promise<boolean | null>,
  timers: Timers = pageTimers,
): StatusReporter {
  let store: StoreStatus | undefined;
  let sync: RendererSyncStatus | null = null;
  let generation = 0;

  const send = (): void => {
    if (store === undefined) {
      return;
    }
    generation += 1;
    const mine = generation;
    const report = { store, sync };
    void persisted
      .then((value) => bridge.call('status:report', { ...report, persisted: value }))
      .catch(() => {
        timers.setTimeout(() => {
          if (mine === generation) {
            send();
          }
        }, RETRY_MS);
      });
  };

  return {
    report(next) {
      if (store && sameStore(store, next)) {
        return;
      }
      store = next;
      send();
    },
    reportSync(next) {
      if (sameSync(sync, next)) {
        return;
      }
      sync = next;
      send();
    },
  };
}

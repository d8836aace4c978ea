import type { Bridge, RendererStatus } from '../../core';

export type StoreStatus = RendererStatus['store'];

export type StatusReporter = {
  /** Tells the host how the store is doing; says nothing when that has not changed. */
  report(store: StoreStatus): void;
};

const RETRY_MS = 5000;

function same(a: StoreStatus, b: StoreStatus): boolean {
  return a.ok === b.ok && (a.ok || b.ok || a.code === b.code);
}

/**
 * The renderer has no log of its own: what a technician should see (a full disk, a closed
 * database, storage that may be evicted) goes to the host with `status:report`. A report the
 * host did not get (not connected yet) is sent again until it arrives or a newer one replaces it.
 */
export function createStatusReporter(
  bridge: Bridge,
  persisted: Promise<boolean | null>,
): StatusReporter {
  let last: StoreStatus | undefined;

  const send = (store: StoreStatus): void => {
    void persisted
      .then((value) => bridge.call('status:report', { store, persisted: value }))
      .catch(() => {
        setTimeout(() => {
          if (last === store) {
            send(store);
          }
        }, RETRY_MS);
      });
  };

  return {
    report(store) {
      if (last && same(last, store)) {
        return;
      }
      last = store;
      send(store);
    },
  };
}

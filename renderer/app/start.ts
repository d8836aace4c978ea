import type { Bridge, RendererSyncStatus } from '../../core';
import { createI18n } from '../i18n/i18n';
import { buildTimeMs } from '../kiosk/answer';
import { HymyDb } from '../store/db';
import { requestPersistence } from '../store/persistence';
import { createResponseStore } from '../store/response-store';
import { storeFaultCode } from '../store/store-fault';
import { createOutbox } from '../sync/outbox';
import { createSyncEngine } from '../sync/sync-engine';
import { createSyncStatusFeed } from '../sync/sync-status-feed';
import type { AppDeps } from './App';
import { createStatusReporter } from './status-reporter';

/**
 * The real dependencies of the page: the Dexie store, the host's bridge, the system clock, and
 * the sync engine that sends the store's outbox through the bridge. Asks for persistent storage
 * at once and tells the host whether the store opened.
 */
export function createAppDeps(bridge: Bridge): AppDeps {
  const persisted = requestPersistence(navigator.storage);
  const reporter = createStatusReporter(bridge, persisted);
  const db = new HymyDb();
  db.open().then(
    () => reporter.report({ ok: true }),
    (error: unknown) => reporter.report({ ok: false, code: storeFaultCode(error) }),
  );
  const responses = createResponseStore(db);
  const outbox = createOutbox(db, { heldFrom: () => responses.heldFrom() });
  const sync = createSyncEngine({
    outbox,
    upload: (responses) => bridge.call('sync:upload', { responses }),
    onStatus: () => feed.changed(),
  });
  // The host's heartbeat and status screen hear how many answers wait, and why.
  let lastSync: RendererSyncStatus | null = null;
  const syncListeners = new Set<() => void>();
  const feed = createSyncStatusFeed({
    engineStatus: () => sync.status(),
    stats: () => outbox.stats(),
    report: (status) => {
      lastSync = status;
      reporter.reportSync(status);
      for (const listener of syncListeners) {
        listener();
      }
    },
  });
  window.addEventListener('online', () => sync.online());
  // Enrolled (first run, or again after a revocation): sync starts at once, not at the next timer.
  let terminalId: string | null = null;
  bridge.on('config:changed', (config) => {
    if (config.terminalId !== terminalId) {
      terminalId = config.terminalId;
      sync.resume();
      sync.online();
    }
  });
  return {
    bridge,
    store: {
      ...responses,
      async save(response) {
        const saved = await responses.save(response);
        if (saved.ok) {
          // Committed: it is in the outbox, and will reach the central API soon.
          outbox.noteAdded();
          sync.committed();
        }
        return saved;
      },
      hold(fromIso) {
        const before = responses.heldFrom();
        responses.hold(fromIso);
        if (before !== null) {
          // Answers the hold kept back may go now; a hold that was not there freed nothing.
          sync.committed();
        }
      },
    },
    reporter,
    i18n: createI18n(),
    clock: Date,
    buildTimeMs: buildTimeMs(),
    service: {
      bridge,
      db,
      sync: {
        async syncNow() {
          await sync.syncNow();
          feed.changed();
        },
        status: () => lastSync,
        onChange(listener) {
          syncListeners.add(listener);
          return () => {
            syncListeners.delete(listener);
          };
        },
      },
      async storage() {
        const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
        return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
      },
      now: () => Date.now(),
    },
    reload: () => window.location.reload(),
  };
}

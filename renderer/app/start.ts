import type { Bridge, RendererSyncStatus } from '../../core';
import { createI18n } from '../i18n/i18n';
import { buildTimeMs } from '../kiosk/answer';
import { HymyDb } from '../store/db';
import { requestPersistence } from '../store/persistence';
import { createHealingStore } from '../store/healing-store';
import { createJournaledStore } from '../store/journaled-store';
import { reopenStore } from '../store/reopen';
import { createResponseStore } from '../store/response-store';
import { restoreFromJournal } from '../store/restore';
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
  const responses = createResponseStore(db);
  const outbox = createOutbox(db, { heldFrom: () => responses.heldFrom() });
  // Every start and every re-open: what the store lost, the host's journal puts back.
  const restore = (): void => {
    restoreFromJournal(db, bridge).then(
      ({ restored }) => {
        if (restored > 0) {
          sync.restored();
          feed.changed();
        }
      },
      // The host is not there yet, or the store failed again: the next open tries again.
      () => undefined,
    );
  };
  const healing = createHealingStore({
    inner: createJournaledStore(responses, {
      append: (response) => bridge.call('journal:append', { response }),
      withdraw: (id) => bridge.call('journal:withdraw', { id }),
    }),
    reopen: () => reopenStore(db),
    report: (store) => reporter.report(store),
    onReopened: restore,
  });
  db.open().then(
    () => {
      reporter.report({ ok: true });
      restore();
    },
    (error: unknown) => healing.fault(storeFaultCode(error)),
  );
  // The host asks when this page could not re-open its store: loading again is the cure.
  bridge.on('page:reload', () => window.location.reload());
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
    stats: () => sync.queue(),
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
      ...healing,
      async save(response) {
        const saved = await healing.save(response);
        if (saved.ok) {
          // Committed: it is in the outbox, and will reach the central API soon.
          outbox.noteAdded();
          sync.committed();
        }
        return saved;
      },
      hold(fromIso) {
        const before = responses.heldFrom();
        healing.hold(fromIso);
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

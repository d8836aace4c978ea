import type { Bridge } from '../../core';
import { createI18n } from '../i18n/i18n';
import { buildTimeMs } from '../kiosk/answer';
import { HymyDb } from '../store/db';
import { requestPersistence } from '../store/persistence';
import { createResponseStore } from '../store/response-store';
import { storeFaultCode } from '../store/store-fault';
import type { AppDeps } from './App';
import { createStatusReporter } from './status-reporter';

/**
 * The real dependencies of the page: the Dexie store, the host's bridge, the system clock.
 * Asks for persistent storage at once and tells the host whether the store opened.
 */
export function createAppDeps(bridge: Bridge): AppDeps {
  const persisted = requestPersistence(navigator.storage);
  const reporter = createStatusReporter(bridge, persisted);
  const db = new HymyDb();
  db.open().then(
    () => reporter.report({ ok: true }),
    (error: unknown) => reporter.report({ ok: false, code: storeFaultCode(error) }),
  );
  return {
    bridge,
    store: createResponseStore(db),
    reporter,
    i18n: createI18n(),
    clock: Date,
    buildTimeMs: buildTimeMs(),
  };
}

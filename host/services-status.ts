import type { BridgeHandlers, RendererStatus, ShellStatus, StorageStatus } from '../core';
import type { Logger } from './log';
import { startStorageWatch, terminalPlaces } from './storage-watch';

/** Failed re-opens of the page's store (1 + 2 + 4 + 8 + 16 s of trying) before the host reloads it. */
export const RELOAD_AFTER_REOPEN_FAILURES = 5;
/** A page that still cannot open its store is reloaded again no sooner than this. */
export const RELOAD_EVERY_MS = 60_000;

export type StatusDomainOptions = {
  dataDir: string;
  profileDir?: string | undefined;
  /** The reserve for answers as the config has it now. */
  reserveBytes: () => number;
  logger: Logger;
  /** Epoch ms, for the reload's once-a-minute limit. */
  now: () => number;
  /** Something the status shows has changed (`status:changed`). */
  changed: () => void;
  /** The page is to load again (`page:reload`). */
  reload: () => void;
};

/**
 * What the host hears of the terminal's health from elsewhere: the page's report on its store
 * and sync, the Electron shell's healing, and the free space of the places it writes.
 */
export type StatusDomain = {
  renderer: () => RendererStatus | null;
  shell: () => ShellStatus | null;
  setShell: (next: ShellStatus) => void;
  storage: () => StorageStatus | null;
  /** Measures the free space now (a full disk, a new reserve); news if it moved. */
  checkStorage: () => Promise<void>;
  handlers: Pick<BridgeHandlers, 'status:report'>;
  close: () => Promise<void>;
};

export function createStatusDomain(options: StatusDomainOptions): StatusDomain {
  const { logger } = options;
  let renderer: RendererStatus | null = null;
  let shell: ShellStatus | null = null;
  let lastReloadAt: number | null = null;

  // Room to work: the data dir (journal, logs) and the profile (IndexedDB) against the reserve.
  const storage = startStorageWatch({
    places: terminalPlaces(options.dataDir, options.profileDir),
    reserveBytes: options.reserveBytes,
    logger,
  });
  const stopStorageNews = storage.onChange(options.changed);

  /**
   * A page whose store keeps failing to re-open (Chromium may have closed or discarded it) is
   * loaded again, which is what a technician would otherwise do by hand; at most once a minute.
   */
  const reloadIfStuck = (report: RendererStatus): void => {
    if (report.store.ok || report.store.reopenFailures < RELOAD_AFTER_REOPEN_FAILURES) {
      return;
    }
    const at = options.now();
    if (lastReloadAt !== null && at - lastReloadAt < RELOAD_EVERY_MS) {
      return;
    }
    lastReloadAt = at;
    logger.warn('page_reload', { code: report.store.code, failures: report.store.reopenFailures });
    options.reload();
  };

  return {
    renderer: () => renderer,
    shell: () => shell,
    setShell(next) {
      shell = next;
      options.changed();
    },
    storage: () => storage.status(),
    checkStorage: async () => {
      await storage.check();
    },
    handlers: {
      'status:report': (report) => {
        if (JSON.stringify(renderer) === JSON.stringify(report)) {
          // The UI may report on a timer; only a change is news for the log and the listeners.
          return;
        }
        const wasFailing = renderer !== null && !renderer.store.ok ? renderer.store.code : null;
        renderer = report;
        if (!report.store.ok && report.store.code !== wasFailing) {
          logger.error('renderer_store_failed', { code: report.store.code });
        }
        if (report.store.ok && wasFailing !== null) {
          logger.info('renderer_store_recovered');
        }
        options.changed();
        reloadIfStuck(report);
      },
    },
    async close() {
      stopStorageNews();
      await storage.stop();
    },
  };
}

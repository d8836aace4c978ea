import type { BridgeHandlers } from '../core';
import type { LastExport } from '../core/technician';
import { listExportTargets } from './export-targets';
import { createExportWriter } from './export-writer';
import type { Logger } from './log';
import type { SessionDomain } from './services-session';
import type { HostServicesOptions } from './services-types';
import type { SettingsStore } from './services-settings';
import type { TerminalSettings } from './terminal-files';

export type ExportDomainOptions = Pick<HostServicesOptions, 'exportRoots' | 'isMountPoint'> & {
  dataDir: string;
  settings: SettingsStore;
  /** The device's hardware id: the file names' stem before the terminal is enrolled. */
  hardwareId: string | null;
  /** Where the terminal writes (data dir, profile): an export there leaves the reserve alone. */
  places: readonly string[];
  reserveBytes: () => number;
  logger: Logger;
  /** Every export call runs inside an open service session. */
  guard: SessionDomain['guard'];
  /** Settings changes wait their turn behind the config and the enrollment. */
  inOrder: <T>(step: () => Promise<T>) => Promise<T>;
  changed: () => void;
};

/**
 * The technician's export of the answers to a disk, and the record of the last one, which the
 * factory reset's guard reads: a reset must never lose an answer no export holds.
 */
export type ExportDomain = {
  /** The last finished export; kept in the settings across restarts. */
  last: () => LastExport | null;
  /** After an enrollment: the settings read back may hold a last export. */
  adopt: (settings: TerminalSettings) => void;
  /** The terminal was reset: no export is remembered. */
  forget: () => void;
  /** Removes every export still open (the session closed under it, the host is stopping). */
  abandonAll: () => Promise<void>;
  handlers: Pick<
    BridgeHandlers,
    | 'service:export-targets'
    | 'service:export-open'
    | 'service:export-append'
    | 'service:export-close'
  >;
};

export function createExportDomain(options: ExportDomainOptions): ExportDomain {
  const { guard } = options;
  let lastExport = options.settings.current().lastExport ?? null;

  const exports = createExportWriter({
    fileStem: () =>
      `hymy-${options.settings.current().terminalId ?? options.hardwareId ?? 'terminal'}`,
    logger: options.logger,
    // An export to the terminal's own disk leaves the reserve for answers.
    reserve: { places: options.places, reserveBytes: options.reserveBytes },
  });

  return {
    last: () => lastExport,
    adopt(settings) {
      lastExport = settings.lastExport ?? lastExport;
    },
    forget() {
      lastExport = null;
    },
    abandonAll: () => exports.abandonAll(),
    handlers: {
      'service:export-targets': () =>
        guard(async () => ({
          ok: true as const,
          targets: await listExportTargets({
            dataDir: options.dataDir,
            ...(options.exportRoots ? { removableRoots: options.exportRoots } : {}),
            ...(options.isMountPoint ? { isMountPoint: options.isMountPoint } : {}),
          }),
          last: lastExport,
        })),
      'service:export-open': ({ dir }) => guard(() => exports.open(dir)),
      'service:export-append': ({ exportId, file, text }) =>
        guard(async () => {
          const appended = await exports.append(exportId, file, text);
          return appended.ok ? { ok: true as const, files: [] } : appended;
        }),
      'service:export-close': ({ exportId, summary }) =>
        guard(async () => {
          const done = await exports.close(exportId, summary);
          if (!done.ok) {
            return done;
          }
          lastExport = done.lastExport;
          // Kept in the settings: the factory reset's guard must hold after a restart too.
          await options.inOrder(() => options.settings.save({ lastExport: done.lastExport }));
          options.changed();
          return { ok: true as const, files: done.lastExport.files };
        }),
    },
  };
}

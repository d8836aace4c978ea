import { errorCode, type Logger } from './log';
import { updateSettings, type TerminalSettings } from './terminal-files';

/**
 * The terminal's own settings (`settings.json`) as the host last read or wrote them. Several
 * domains read them (the link its API and token, the session its PIN hash, the export its last
 * export); each change goes through here so memory and disk agree.
 */
export type SettingsStore = {
  current: () => TerminalSettings;
  /** Keeps a change in memory at once, and on the disk when it can. */
  save: (change: Partial<TerminalSettings>) => Promise<void>;
  /** What the disk holds now (read back after an enrollment, emptied by a reset). */
  replace: (next: TerminalSettings) => void;
};

export function createSettingsStore(
  dataDir: string,
  initial: TerminalSettings,
  logger: Logger,
): SettingsStore {
  let settings = initial;
  return {
    current: () => settings,
    async save(change) {
      settings = { ...settings, ...change };
      try {
        settings = await updateSettings(dataDir, change);
      } catch (error) {
        // In memory it still holds; only a restart would forget it.
        logger.error('settings_not_saved', { code: errorCode(error) });
      }
    },
    replace(next) {
      settings = next;
    },
  };
}

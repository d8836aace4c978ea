import type { HostStatus, TerminalConfig } from '../core';
import { DEMO_CONFIG } from '../core/demo';
import { TerminalConfigSchema } from '../core/terminal-config';
import { parseWith } from '../core/validation';
import { dataDirPaths } from './data-dir';
import type { Logger } from './log';
import { isEnrolled, readConfig, type readSettings } from './terminal-files';

export type SettingsRead = Awaited<ReturnType<typeof readSettings>>;

export type LoadedConfig = { config: TerminalConfig | null; source: HostStatus['configSource'] };

/**
 * Decides which config the terminal runs on at start:
 * - `config.json` valid → it (from the central API);
 * - never enrolled (no `settings.json`, or one with only local choices) and no `config.json` →
 *   no config (`none`): the UI shows the first-run screen; with `demo`, the built-in demo unit;
 * - `config.json` invalid or unreadable → no config: the UI shows "not ready" rather than
 *   collect answers under a unit or survey that may be wrong;
 * - enrolled (or settings that cannot be read) but no config yet → no config until the poller
 *   brings one. An enrolled terminal never falls back to the demo or the first-run screen: its
 *   answers would count for the wrong unit, or a passer-by could enroll it elsewhere.
 */
export async function loadConfig(
  dataDir: string,
  settingsRead: SettingsRead,
  demo: boolean,
  logger: Logger,
  say: (line: string) => void,
): Promise<LoadedConfig> {
  const configRead = await readConfig(dataDir);
  const configPath = dataDirPaths(dataDir).config;

  if (configRead.ok) {
    return { config: configRead.value, source: 'central' };
  }
  if (configRead.reason === 'invalid') {
    logger.error('config_invalid', { field: configRead.field, problem: configRead.message });
    say(
      `the terminal config ${configPath} is not valid (field "${configRead.field}": ` +
        `${configRead.message}); the kiosk shows "not ready" until a valid config arrives.`,
    );
    return { config: null, source: 'central' };
  }
  if (configRead.reason === 'unreadable') {
    logger.error('config_unreadable', { code: configRead.code });
    say(
      `the terminal config ${configPath} cannot be read (${configRead.code}); ` +
        'the kiosk shows "not ready" until it can.',
    );
    return { config: null, source: 'central' };
  }

  const notSetUp = settingsRead.ok
    ? !isEnrolled(settingsRead.value)
    : settingsRead.reason === 'missing';
  if (notSetUp && !demo) {
    logger.info('config_none');
    return { config: null, source: 'none' };
  }
  if (notSetUp) {
    const parsed = parseWith(TerminalConfigSchema, DEMO_CONFIG);
    if (!parsed.ok) {
      // The demo is ours and covered by tests; failing here is a bug, not an operator fault.
      throw new Error(`DEMO_CONFIG is invalid at ${parsed.field}: ${parsed.message}`);
    }
    logger.info('config_demo');
    return { config: parsed.value, source: 'demo' };
  }
  if (!settingsRead.ok && settingsRead.reason !== 'missing') {
    const fields =
      settingsRead.reason === 'invalid'
        ? { field: settingsRead.field, problem: settingsRead.message }
        : { code: settingsRead.code };
    logger.error(`settings_${settingsRead.reason}`, fields);
  }
  logger.info('config_awaiting_central');
  return { config: null, source: 'central' };
}

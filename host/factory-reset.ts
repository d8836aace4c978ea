import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_ETAG_FILE } from './config-poller';
import { dataDirPaths } from './data-dir';
import { errorCode } from './log';
import { PIN_LOCK_FILE } from './service-session';

/**
 * Forgetting the enrollment: the terminal's config, its settings (API, token, PIN hash, the
 * technician's choices) and the PIN lock go; the hardware id and the `exports/` folder stay, so
 * the terminal keeps its identity and the exports a technician made remain on it. The config goes
 * first and the settings after it: a removal that stops halfway leaves an enrolled terminal that
 * fetches its config again, never a config without the enrollment it belongs to.
 */
export async function forgetEnrollment(
  dataDir: string,
): Promise<{ ok: true } | { ok: false; code: string }> {
  const paths = dataDirPaths(dataDir);
  // The settings go last: whenever a removal fails, the terminal is still enrolled.
  const files = [
    paths.config,
    join(dataDir, CONFIG_ETAG_FILE),
    join(dataDir, PIN_LOCK_FILE),
    paths.settings,
  ];
  for (const file of files) {
    try {
      await rm(file, { force: true });
    } catch (error) {
      return { ok: false, code: errorCode(error) };
    }
  }
  return { ok: true };
}

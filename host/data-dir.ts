import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { parseWith } from '../core/validation';

/**
 * The terminal's data dir: all it keeps outside IndexedDB (operator-interface.md). The host owns
 * it. Files that hold a token are readable by the owner only, and every write is atomic, so a
 * power cut mid-write leaves the old file or the new one, never half of each.
 *
 * What the files hold (and their schemas) is in terminal-files.ts: this module loads no zod, so
 * the kiosk can create its dir and start serving before the schemas are loaded.
 */

export const SETTINGS_FILE = 'settings.json';
export const CONFIG_FILE = 'config.json';
export const CHROMIUM_PROFILE_DIR = 'chromium-profile';
export const JOURNAL_FILE = 'journal.jsonl';

export type DataDirPaths = {
  root: string;
  settings: string;
  config: string;
  chromiumProfile: string;
  /** The host's append-only journal of answers (host/journal.ts). */
  journal: string;
};

export function dataDirPaths(root: string): DataDirPaths {
  return {
    root,
    settings: join(root, SETTINGS_FILE),
    config: join(root, CONFIG_FILE),
    chromiumProfile: join(root, CHROMIUM_PROFILE_DIR),
    journal: join(root, JOURNAL_FILE),
  };
}

/** Creates the data dir (owner only) when it is missing; an existing dir is left as it is. */
export async function ensureDataDir(root: string): Promise<DataDirPaths> {
  const created = await mkdir(root, { recursive: true, mode: 0o700 });
  if (created !== undefined) {
    // mkdir's mode is filtered by the umask; say 0700 explicitly for the dir we made.
    await chmod(root, 0o700);
  }
  return dataDirPaths(root);
}

/** Reading a data-dir file: the value, or the expected fault that stopped it. */
export type ReadJsonResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'unreadable'; code: string }
  | { ok: false; reason: 'invalid'; field: string; message: string };

/**
 * Writes JSON so that a reader (or a power cut) sees the old file or the new one: write a temp
 * file beside it, fsync, rename over, then fsync the dir so the rename itself is durable.
 * The file is created with `mode` (owner-only by default, since settings hold the token).
 */
export async function writeJsonAtomic(
  file: string,
  value: unknown,
  options: { mode?: number } = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      // The umask may have taken bits off; a looser mode is never wanted, so set it exactly.
      await handle.chmod(mode);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is as durable as they allow.
    return;
  }
  try {
    await handle.sync();
  } catch {
    // Same: fsync on a directory handle is not supported everywhere.
  } finally {
    await handle.close();
  }
}

/** Reads and validates a JSON file; every way it can fail is a value. */
export async function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
): Promise<ReadJsonResult<z.infer<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') {
      return { ok: false, reason: 'missing' };
    }
    return { ok: false, reason: 'unreadable', code: typeof code === 'string' ? code : 'unknown' };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'invalid', field: '(root)', message: 'not valid JSON' };
  }
  const parsed = parseWith(schema, data);
  if (!parsed.ok) {
    return { ok: false, reason: 'invalid', field: parsed.field, message: parsed.message };
  }
  return { ok: true, value: parsed.value };
}

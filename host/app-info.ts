import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the checkout is and what it is, for the Node entry points run from it (tsx). The
 * Electron build gets the same facts from Electron's app object instead.
 */

/** The repository root: this file lives in `<root>/host/`. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The built UI both hosts serve (vite.config.ts `build.outDir`). */
export const DEFAULT_RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');

/** The version in package.json, or `0.0.0` if it cannot be read (a status screen, not a fault). */
export function readAppVersion(root: string = REPO_ROOT): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed) {
      return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
    }
  } catch {
    // Fall through: an unknown version does not stop a kiosk.
  }
  return '0.0.0';
}

/** `npm start`'s data dir when none is given: `$XDG_DATA_HOME/hymy`, else `~/.local/share/hymy`. */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  const xdg = env['XDG_DATA_HOME'];
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  if (xdg && xdg.startsWith('/')) {
    return join(xdg, 'hymy');
  }
  return join(homedir(), '.local', 'share', 'hymy');
}

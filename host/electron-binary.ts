import { accessSync, constants, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/**
 * Where the Electron binary is, if it is installed, found the way the `electron` package itself
 * finds it (`node_modules/electron/path.txt` names the executable inside `dist/`), but without
 * loading that package: its index.js downloads the binary when it is missing, and throws offline.
 */

export type ElectronBinary =
  { ok: true; path: string } | { ok: false; reason: 'not_installed' | 'binary_missing' };

type Env = Record<string, string | undefined>;

export function findElectronBinary(repoRoot: string, env: Env = process.env): ElectronBinary {
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  let relative: string;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    // path.txt is written by the package's install step once the binary is in place.
    return { ok: false, reason: 'not_installed' };
  }
  if (relative.length === 0) {
    return { ok: false, reason: 'not_installed' };
  }
  // The package's own override for a binary kept elsewhere (same meaning as in its index.js).
  const distDir = resolve(env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist'));
  const binary = resolve(distDir, relative);
  if (!binary.startsWith(distDir + sep)) {
    return { ok: false, reason: 'binary_missing' };
  }
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { ok: false, reason: 'binary_missing' };
  }
  return { ok: true, path: binary };
}

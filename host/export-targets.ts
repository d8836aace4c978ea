import { mkdir, readdir, stat, statfs } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { ExportTarget } from '../core/technician';

/**
 * Where the technician may put an export: the removable disks mounted now (a USB stick, found
 * where desktop automounters and people mount them), and the data dir's own `exports/` folder
 * for when no stick is at hand. The list is a suggestion; export-open checks the dir it gets.
 */

export const EXPORTS_DIR = 'exports';
/** The local folder's label; the UI shows its own words for kind `local`. */
export const LOCAL_LABEL = 'this terminal';

/** The folders whose subfolders may be mount points of removable disks. */
export function defaultRemovableRoots(): string[] {
  let user: string | null = null;
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the per-user folders are then unknown.
  }
  return [...(user ? [join('/media', user), join('/run/media', user)] : []), '/media', '/mnt'];
}

/** Whether `path` is a mount point: it lies on another device than its parent. */
export async function isMountPoint(path: string): Promise<boolean> {
  try {
    const [own, parent] = await Promise.all([stat(path), stat(dirname(path))]);
    return own.isDirectory() && own.dev !== parent.dev;
  } catch {
    return false;
  }
}

async function freeBytes(path: string): Promise<number | null> {
  try {
    const fs = await statfs(path);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

export type ExportTargetOptions = {
  dataDir: string;
  /** Where to look for mounted disks (tests pass their own). */
  removableRoots?: readonly string[];
  isMountPoint?: (path: string) => Promise<boolean>;
};

async function mountedDisks(
  roots: readonly string[],
  mounted: (path: string) => Promise<boolean>,
): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) {
    let entries;
    try {
      entries = await readdir(root, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(root, entry.name);
      if (entry.isDirectory() && !found.includes(path) && (await mounted(path))) {
        found.push(path);
      }
    }
  }
  return found;
}

/** The mounted removable disks, then the terminal's own exports folder (made when missing). */
export async function listExportTargets(options: ExportTargetOptions): Promise<ExportTarget[]> {
  const roots = options.removableRoots ?? defaultRemovableRoots();
  const disks = await mountedDisks(roots, options.isMountPoint ?? isMountPoint);
  const targets: ExportTarget[] = [];
  for (const path of disks) {
    targets.push({
      path,
      label: basename(path),
      kind: 'removable',
      freeBytes: await freeBytes(path),
    });
  }
  const local = join(options.dataDir, EXPORTS_DIR);
  try {
    await mkdir(local, { recursive: true, mode: 0o700 });
    targets.push({
      path: local,
      label: LOCAL_LABEL,
      kind: 'local',
      freeBytes: await freeBytes(local),
    });
  } catch {
    // A data dir that cannot hold the folder: the removable disks are still offered.
  }
  return targets;
}

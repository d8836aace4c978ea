import { statfsSync } from 'node:fs';
import { stat, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorCode } from './log';

/**
 * How much room a disk has left, and which disk a path is on: the measures behind the reserve of
 * free space kept for answers (storage-watch.ts, log-file.ts, export-writer.ts).
 */

/** What statfs tells of a file system: blocks free for this process, and their size. */
export type StatFs = (path: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>;

export const nodeStatfs: StatFs = (path) => statfs(path);

export type FreeSpace = { ok: true; bytes: number } | { ok: false; code: string };

/**
 * Bytes free for this process on the file system that holds `path`. A place not made yet (the
 * profile before Chromium's first start) will be on its parent's file system, so that is asked.
 */
export async function freeSpaceAt(path: string, ask: StatFs = nodeStatfs): Promise<FreeSpace> {
  let at = path;
  for (;;) {
    try {
      const fs = await ask(at);
      return { ok: true, bytes: Number(fs.bavail) * Number(fs.bsize) };
    } catch (error) {
      const code = errorCode(error);
      const up = dirname(at);
      if (code !== 'ENOENT' || up === at) {
        return { ok: false, code };
      }
      at = up;
    }
  }
}

/**
 * The id of the file system that holds `path` (`stat().dev`), or of the one it will be made on;
 * null when it cannot be asked.
 */
export async function deviceAt(path: string): Promise<number | null> {
  let at = path;
  for (;;) {
    try {
      return (await stat(at)).dev;
    } catch (error) {
      const up = dirname(at);
      if (errorCode(error) !== 'ENOENT' || up === at) {
        return null;
      }
      at = up;
    }
  }
}

/** Bytes free for this process on the file system of `dir`; null when it cannot be asked. */
export function statfsFreeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

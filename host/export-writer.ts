import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { ExportFailureReason, LastExport } from '../core/technician';
import { errorCode, silentLogger, type Logger } from './log';
import { deviceAt, freeSpaceAt } from './free-space';

/**
 * Writing an export (every local answer, as a CSV and a JSON file) onto a disk the technician
 * picked, for the day the network never comes back. The renderer sends the files in pieces; they
 * grow as `.part` files and get their final names only once both are whole on the disk. A failed
 * or abandoned export leaves nothing behind under a final name, so a file a person finds on the
 * stick is always complete. An export to the terminal's own disk stops short of the free space
 * kept for answers, as a full disk would stop it.
 */

export type ExportFile = 'csv' | 'json';

/** The part of a file handle an export uses: the seam where tests make a disk full. */
export type ExportFileHandle = {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
};

/** The terminal's own places and the free space they keep for answers. */
export type ExportReserve = {
  /** The data dir and the browser profile (where IndexedDB is). */
  places: readonly string[];
  reserveBytes: () => number;
  /** Bytes free on the disk of `path`; statfs by default (tests pass a disk of their own). */
  freeBytes?: (path: string) => Promise<number | null>;
  /** Which file system holds `path`; `stat().dev` by default. */
  deviceOf?: (path: string) => Promise<number | null>;
};

const statfsFree = async (path: string): Promise<number | null> => {
  const free = await freeSpaceAt(path);
  return free.ok ? free.bytes : null;
};

export type ExportWriterOptions = {
  /** The start of the file names, e.g. `hymy-t_01JD…` (made safe for any file system here). */
  fileStem(): string;
  now?: () => Date;
  /** Opens a new file for writing (`wx`); node's own by default. */
  openFile?: (path: string) => Promise<ExportFileHandle>;
  logger?: Logger;
  /** Left out, no folder is limited but by its disk (tests of other things). */
  reserve?: ExportReserve;
};

export type ExportSummary = { answers: number; unsent: number; newestUnsentAt: string | null };

type Failure = { ok: false; reason: ExportFailureReason };

export type ExportWriter = {
  open(dir: string): Promise<{ ok: true; exportId: string } | Failure>;
  append(exportId: string, file: ExportFile, text: string): Promise<{ ok: true } | Failure>;
  /** Flushes both files, gives them their final names, and says what was exported. */
  close(
    exportId: string,
    summary: ExportSummary,
  ): Promise<{ ok: true; lastExport: LastExport } | Failure>;
  /** Removes every export still open (the session closed under it). */
  abandonAll(): Promise<void>;
};

type OpenExport = {
  dir: string;
  /** On a disk the terminal keeps answers on: appends leave the reserve free. */
  guarded: boolean;
  parts: Record<ExportFile, string>;
  finals: Record<ExportFile, string>;
  handles: Record<ExportFile, ExportFileHandle>;
  /** Appends and the close run in order, one at a time. */
  tail: Promise<unknown>;
};

const FILES: readonly ExportFile[] = ['csv', 'json'];

/** `YYYYMMDD-HHMMSS` in the terminal's local time, as a person reading the stick expects. */
export function exportTimestamp(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-` +
    `${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`
  );
}

/** Letters, digits, `-` and `_` only: the name must be valid on a FAT-formatted stick. */
function safeStem(stem: string): string {
  return stem.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80) || 'hymy';
}

function failureOf(error: unknown): ExportFailureReason {
  const code = errorCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return 'disk_full';
  }
  return 'write_failed';
}

function openFailureOf(error: unknown): ExportFailureReason {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return 'not_writable';
  }
  return failureOf(error);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every file system lets a directory be fsynced (FAT on some kernels): the renames were
    // made, and the files themselves were fsynced.
  }
}

async function writeAll(handle: ExportFileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) {
      throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    }
    offset += bytesWritten;
  }
}

const nodeOpen = async (path: string): Promise<ExportFileHandle> => {
  const handle = await open(path, 'wx', 0o644);
  return {
    write: (buffer, offset, length) => handle.write(buffer, offset, length),
    sync: () => handle.sync(),
    close: () => handle.close(),
  };
};

export function createExportWriter(options: ExportWriterOptions): ExportWriter {
  const now = options.now ?? (() => new Date());
  const openFile = options.openFile ?? nodeOpen;
  const logger = (options.logger ?? silentLogger).with({ room: 'export' });
  const exports = new Map<string, OpenExport>();
  const reserve = options.reserve;
  const deviceOf = reserve?.deviceOf ?? deviceAt;
  const freeBytes = reserve?.freeBytes ?? statfsFree;

  /** Whether `dir` is on the disk of the data dir or the profile (a stick elsewhere is not). */
  const onTerminalDisk = async (dir: string): Promise<boolean> => {
    if (!reserve) {
      return false;
    }
    const [device, ...placeDevices] = await Promise.all(
      [dir, ...reserve.places].map((path) => deviceOf(path)),
    );
    return device !== null && device !== undefined && placeDevices.includes(device);
  };

  /** Whether `bytes` more in `dir` leave the reserve free; a disk that cannot be asked may try. */
  const leavesReserve = async (dir: string, bytes: number): Promise<boolean> => {
    const free = await freeBytes(dir);
    const kept = reserve?.reserveBytes() ?? 0;
    if (free === null || free - bytes >= kept) {
      return true;
    }
    logger.warn('export_stopped_at_reserve', { freeBytes: free, bytes, reserveBytes: kept });
    return false;
  };

  /** Closes the handles and removes whatever the export has written. */
  const discard = async (entry: OpenExport, finalsToo: boolean): Promise<void> => {
    for (const file of FILES) {
      await entry.handles[file].close().catch(() => undefined);
      await rm(entry.parts[file], { force: true }).catch(() => undefined);
      if (finalsToo) {
        await rm(entry.finals[file], { force: true }).catch(() => undefined);
      }
    }
  };

  /** An export that failed is over: it is forgotten, and whatever it wrote goes. */
  const end = async (exportId: string, entry: OpenExport): Promise<void> => {
    exports.delete(exportId);
    await discard(entry, true);
  };

  /** Two names not yet taken in `dir` (a second export in the same second gets `-2`). */
  const freeNames = async (dir: string): Promise<Record<ExportFile, string>> => {
    const base = `${safeStem(options.fileStem())}-${exportTimestamp(now())}`;
    for (let n = 1; ; n += 1) {
      const stem = join(dir, n === 1 ? base : `${base}-${n}`);
      const names = { csv: `${stem}.csv`, json: `${stem}.json` };
      const taken = await Promise.all(
        FILES.flatMap((file) => [exists(names[file]), exists(`${names[file]}.part`)]),
      );
      if (!taken.includes(true) || n >= 100) {
        return names;
      }
    }
  };

  /** Runs `step` after the export's earlier steps; a failure ends the export and cleans up. */
  const inTurn = async <T>(
    exportId: string,
    step: (entry: OpenExport) => Promise<T>,
  ): Promise<T | Failure> => {
    const entry = exports.get(exportId);
    if (!entry) {
      return { ok: false, reason: 'unknown_export' };
    }
    const run = entry.tail.then(async (): Promise<T | Failure> => {
      if (exports.get(exportId) !== entry) {
        return { ok: false, reason: 'unknown_export' };
      }
      try {
        return await step(entry);
      } catch (error) {
        const reason = failureOf(error);
        logger.error('export_failed', { reason, code: errorCode(error) });
        await end(exportId, entry);
        return { ok: false, reason };
      }
    });
    entry.tail = run.catch(() => undefined);
    return run;
  };

  return {
    async open(dir) {
      if (!isAbsolute(dir)) {
        return { ok: false, reason: 'not_a_directory' };
      }
      try {
        if (!(await stat(dir)).isDirectory()) {
          return { ok: false, reason: 'not_a_directory' };
        }
      } catch {
        return { ok: false, reason: 'not_a_directory' };
      }
      try {
        await access(dir, constants.W_OK | constants.X_OK);
      } catch {
        return { ok: false, reason: 'not_writable' };
      }
      const guarded = await onTerminalDisk(dir);
      if (guarded && !(await leavesReserve(dir, 0))) {
        return { ok: false, reason: 'disk_full' };
      }
      const finals = await freeNames(dir);
      const parts = { csv: `${finals.csv}.part`, json: `${finals.json}.part` };
      const handles: Partial<Record<ExportFile, ExportFileHandle>> = {};
      try {
        for (const file of FILES) {
          handles[file] = await openFile(parts[file]);
        }
      } catch (error) {
        const reason = openFailureOf(error);
        logger.error('export_open_failed', { reason, code: errorCode(error) });
        for (const file of FILES) {
          await handles[file]?.close().catch(() => undefined);
          if (handles[file]) {
            await rm(parts[file], { force: true }).catch(() => undefined);
          }
        }
        return { ok: false, reason };
      }
      const exportId = randomBytes(16).toString('hex');
      exports.set(exportId, {
        dir,
        guarded,
        parts,
        finals,
        handles: handles as Record<ExportFile, ExportFileHandle>,
        tail: Promise.resolve(),
      });
      logger.info('export_opened');
      return { ok: true, exportId };
    },

    append(exportId, file, text) {
      return inTurn(exportId, async (entry) => {
        if (entry.guarded && !(await leavesReserve(entry.dir, Buffer.byteLength(text, 'utf8')))) {
          // As a full disk ends it: the export stops and its files go.
          await end(exportId, entry);
          return { ok: false as const, reason: 'disk_full' as const };
        }
        await writeAll(entry.handles[file], text);
        return { ok: true as const };
      });
    },

    close(exportId, summary) {
      return inTurn(exportId, async (entry) => {
        // Durable before named: a final name always holds a whole file, even after a power cut.
        for (const file of FILES) {
          await entry.handles[file].sync();
        }
        for (const file of FILES) {
          await entry.handles[file].close();
        }
        for (const file of FILES) {
          await rename(entry.parts[file], entry.finals[file]);
        }
        await syncDir(dirname(entry.finals.csv));
        exports.delete(exportId);
        const files = FILES.map((file) => entry.finals[file]);
        logger.info('export_finished', { answers: summary.answers, unsent: summary.unsent });
        return {
          ok: true as const,
          lastExport: { at: now().toISOString(), ...summary, files },
        };
      });
    },

    async abandonAll() {
      const open = [...exports.entries()];
      exports.clear();
      for (const [, entry] of open) {
        // Wait for a write under way, then remove what it wrote.
        await entry.tail;
        await discard(entry, false);
      }
      if (open.length > 0) {
        logger.info('export_abandoned', { count: open.length });
      }
    },
  };
}

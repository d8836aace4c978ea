import nodeFs from 'node:fs';
import path from 'node:path';
import { DEFAULT_RESERVE_BYTES } from '../core/durability';
import { statfsFreeBytes } from './free-space';

/**
 * The log on the terminal's own disk, for a technician who comes weeks after the trouble:
 * JSON lines (host/log.ts) appended to DATA_DIR/logs/hymy.log, rotated past 1 MiB to
 * hymy.1.log … hymy.5.log. The kiosk must keep running when its disk is full, so no call here
 * ever throws: a line that cannot be written is dropped and counted, and the count is written
 * once writing works again. Nor does the log eat into the free space kept for answers (the
 * reserve): short of it, old files go first, oldest first, and then the log stops until there
 * is room again.
 */

export const LOG_DIR = 'logs';
export const LOG_FILE = 'hymy.log';
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEEP = 5;
/** Free space is measured at each rotation and after every this many bytes written. */
export const LOG_ROOM_CHECK_BYTES = 64 * 1024;

/** The few file calls the writer makes; tests swap in one that fails. */
export type LogFs = Pick<
  typeof nodeFs,
  | 'mkdirSync'
  | 'chmodSync'
  | 'openSync'
  | 'fchmodSync'
  | 'fstatSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'renameSync'
  | 'rmSync'
>;

export type LogFileOptions = {
  dataDir: string;
  maxBytes?: number;
  keep?: number;
  fs?: LogFs;
  /** Bytes free on the data dir's disk, null when it cannot be asked (statfs by default). */
  freeBytes?: () => number | null;
  /** The free space the log leaves to answers (the config's reserve; 50 MiB by default). */
  reserveBytes?: () => number;
  /** How many bytes may be written between two measures (LOG_ROOM_CHECK_BYTES; tests: 1). */
  roomCheckBytes?: number;
};

export type LogFile = {
  /** The `write` for createLogger: one finished line. Never throws. */
  write: (line: string) => void;
  /** Flushes to disk and closes; later lines are dropped. */
  close: () => void;
  /** Lines dropped so far because the disk would not take them. */
  dropped: () => number;
  readonly path: string;
};

/** `hymy.log` → `hymy.1.log`: the n-th older file. */
export function rotatedName(n: number): string {
  return n === 0 ? LOG_FILE : LOG_FILE.replace(/\.log$/, `.${n}.log`);
}

const noteLine = (event: string, fields: Record<string, number | string>): string =>
  `${JSON.stringify({ ts: new Date().toISOString(), level: 'warn', event, ...fields })}\n`;

export function openLogFile({
  dataDir,
  maxBytes = LOG_MAX_BYTES,
  keep = LOG_KEEP,
  fs = nodeFs,
  freeBytes = () => statfsFreeBytes(dataDir),
  reserveBytes = () => DEFAULT_RESERVE_BYTES,
  roomCheckBytes = LOG_ROOM_CHECK_BYTES,
}: LogFileOptions): LogFile {
  const dir = path.join(dataDir, LOG_DIR);
  const file = path.join(dir, LOG_FILE);
  let fd: number | null = null;
  let size = 0;
  let dropped = 0;
  /** Dropped lines not yet told in the file. */
  let untold = 0;
  let closed = false;
  /** Bytes written since free space was last measured (measured before the first line). */
  let unmeasured = Infinity;
  /** Short of room: lines are dropped until there is room above the reserve again. */
  let paused = false;

  const open = (): number => {
    // The log says when the kiosk was used; only the kiosk's own user may read it.
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    const opened = fs.openSync(file, 'a', 0o600);
    fs.fchmodSync(opened, 0o600);
    size = fs.fstatSync(opened).size;
    return opened;
  };

  const shut = (): void => {
    if (fd !== null) {
      const was = fd;
      fd = null;
      fs.closeSync(was);
    }
  };

  const rotate = (): void => {
    shut();
    fs.rmSync(path.join(dir, rotatedName(keep)), { force: true });
    for (let n = keep - 1; n >= 0; n -= 1) {
      try {
        fs.renameSync(path.join(dir, rotatedName(n)), path.join(dir, rotatedName(n + 1)));
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') {
          throw error;
        }
      }
    }
  };

  /** Removes the n-th old file; whether there was one. */
  const removeOld = (n: number): boolean => {
    try {
      fs.rmSync(path.join(dir, rotatedName(n)));
      return true;
    } catch {
      return false;
    }
  };

  /**
   * Whether `bytes` more leave the reserve whole. Short of room, the old files go, oldest first,
   * each measured again; the current file stays, for it holds the latest news.
   */
  const roomFor = (bytes: number): boolean => {
    if (!paused && unmeasured + bytes < roomCheckBytes) {
      unmeasured += bytes;
      return true;
    }
    unmeasured = bytes;
    const reserve = reserveBytes();
    let free = freeBytes();
    for (let n = keep; !paused && free !== null && free - bytes < reserve && n >= 1; n -= 1) {
      if (removeOld(n)) {
        free = freeBytes();
      }
    }
    // A disk that cannot be asked is written to: a full one still answers ENOSPC.
    return free === null || free - bytes >= reserve;
  };

  /** Writes `text` unless it would eat into the reserve (`force`: one short note may). */
  const append = (text: string, force = false): boolean => {
    const bytes = Buffer.from(text, 'utf8');
    fd ??= open();
    if (size > 0 && size + bytes.length > maxBytes) {
      rotate();
      fd = open();
      unmeasured = Infinity;
    }
    if (!force && !roomFor(bytes.length)) {
      return false;
    }
    let at = 0;
    while (at < bytes.length) {
      at += fs.writeSync(fd, bytes, at, bytes.length - at);
    }
    size += bytes.length;
    return true;
  };

  /** A line the reserve refused: counted, and the first of a run says why in one note. */
  const refuse = (): void => {
    if (!paused) {
      paused = true;
      // One short line, so whoever reads the log later knows why it has a gap. Should the disk
      // refuse even that, write() counts the line as dropped.
      append(noteLine('log_paused_storage_low', { reserveBytes: reserveBytes() }), true);
    }
    dropped += 1;
    untold += 1;
  };

  const drop = (): void => {
    dropped += 1;
    untold += 1;
    // A broken descriptor is given up, so the next line tries a fresh open.
    try {
      shut();
    } catch {
      // Nothing more to lose.
    }
  };

  return {
    path: file,
    write(line) {
      if (closed) {
        dropped += 1;
        return;
      }
      try {
        if (untold > 0) {
          if (!append(noteLine('log_lines_dropped', { count: untold }))) {
            refuse();
            return;
          }
          untold = 0;
        }
        if (!append(line)) {
          refuse();
          return;
        }
        paused = false;
      } catch {
        drop();
      }
    },
    close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (fd !== null) {
          fs.fsyncSync(fd);
        }
        shut();
      } catch {
        fd = null;
      }
    },
    dropped: () => dropped,
  };
}

/** A `write` that sends each line to every one of `writers` (stderr and the log file). */
export function teeWriter(...writers: ((line: string) => void)[]): (line: string) => void {
  return (line) => {
    for (const write of writers) {
      write(line);
    }
  };
}

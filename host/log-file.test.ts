import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './log';
import { LOG_ROOM_CHECK_BYTES, openLogFile, rotatedName, teeWriter, type LogFs } from './log-file';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hymy-log-'));
  dirs.push(dir);
  return dir;
}

const logs = (dir: string) => path.join(dir, 'logs');
const read = (dir: string, name: string) => fs.readFileSync(path.join(logs(dir), name), 'utf8');
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const events = (dir: string) =>
  read(dir, 'hymy.log')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { event: string; count?: number; n?: number });

/** A disk of `capacity` bytes that only the log folder fills: free is what the files leave. */
function smallDisk(dir: string, capacity: number) {
  let lowest = Infinity;
  let asked = 0;
  const used = () =>
    fs.existsSync(logs(dir))
      ? fs
          .readdirSync(logs(dir))
          .reduce((sum, name) => sum + fs.statSync(path.join(logs(dir), name)).size, 0)
      : 0;
  return {
    freeBytes: () => {
      asked += 1;
      const free = capacity - used();
      lowest = Math.min(lowest, free);
      return free;
    },
    /** The least free space any write left, measured after the last one too. */
    lowest: () => Math.min(lowest, capacity - used()),
    asked: () => asked,
  };
}

describe('the log file in the data dir', () => {
  it('appends JSON lines to logs/hymy.log, the folder 0700 and the file 0600', () => {
    const dir = dataDir();
    const file = openLogFile({ dataDir: dir });
    const logger = createLogger({ write: file.write });
    logger.info('kiosk_ready');
    logger.warn('renderer_reload', { reason: 'crashed' });
    file.close();
    const lines = read(dir, 'hymy.log').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual([
      'kiosk_ready',
      'renderer_reload',
    ]);
    expect(file.path).toBe(path.join(dir, 'logs', 'hymy.log'));
    expect(mode(logs(dir))).toBe(0o700);
    expect(mode(file.path)).toBe(0o600);
  });

  it('tightens a log folder and file that were left open to others', () => {
    const dir = dataDir();
    fs.mkdirSync(logs(dir), { mode: 0o755 });
    fs.chmodSync(logs(dir), 0o755);
    fs.writeFileSync(path.join(logs(dir), 'hymy.log'), '{"event":"old"}\n', { mode: 0o644 });
    const file = openLogFile({ dataDir: dir });
    file.write('{"event":"new"}\n');
    file.close();
    expect(mode(logs(dir))).toBe(0o700);
    expect(mode(file.path)).toBe(0o600);
    expect(read(dir, 'hymy.log')).toBe('{"event":"old"}\n{"event":"new"}\n');
  });

  it('rotates past the size limit to hymy.1.log … and keeps five old files', () => {
    const dir = dataDir();
    const file = openLogFile({ dataDir: dir, maxBytes: 160 });
    const line = (n: number) => `${JSON.stringify({ event: 'tick', n, pad: 'x'.repeat(40) })}\n`;
    for (let n = 0; n < 16; n += 1) {
      file.write(line(n));
    }
    file.close();
    const names = fs.readdirSync(logs(dir)).sort();
    expect(names).toEqual([
      'hymy.1.log',
      'hymy.2.log',
      'hymy.3.log',
      'hymy.4.log',
      'hymy.5.log',
      'hymy.log',
    ]);
    // Two lines fit a file; the newest are in hymy.log, older ones further down.
    expect(read(dir, 'hymy.log')).toBe(line(14) + line(15));
    expect(read(dir, 'hymy.1.log')).toBe(line(12) + line(13));
    expect(read(dir, 'hymy.5.log')).toBe(line(4) + line(5));
    for (const name of names) {
      expect(fs.statSync(path.join(logs(dir), name)).size).toBeLessThanOrEqual(160);
      expect(mode(path.join(logs(dir), name))).toBe(0o600);
    }
    expect(rotatedName(0)).toBe('hymy.log');
    expect(rotatedName(3)).toBe('hymy.3.log');
  });

  it('counts the lines a full disk refused without throwing, then says so when it can', () => {
    const dir = dataDir();
    let full = false;
    const failing: LogFs = {
      ...fs,
      writeSync: ((...args: Parameters<typeof fs.writeSync>) => {
        if (full) {
          throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
        }
        return (fs.writeSync as (...a: unknown[]) => number)(...args);
      }) as typeof fs.writeSync,
    };
    const file = openLogFile({ dataDir: dir, fs: failing });
    file.write('{"event":"one"}\n');
    full = true;
    expect(() => file.write('{"event":"two"}\n')).not.toThrow();
    expect(() => file.write('{"event":"three"}\n')).not.toThrow();
    expect(file.dropped()).toBe(2);
    full = false;
    file.write('{"event":"four"}\n');
    file.close();
    const events = read(dir, 'hymy.log')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; count?: number });
    expect(events.map((e) => e.event)).toEqual(['one', 'log_lines_dropped', 'four']);
    expect(events[1]?.count).toBe(2);
  });

  it('keeps fewer old files, oldest first, rather than eat into the reserve kept for answers', () => {
    const dir = dataDir();
    const disk = smallDisk(dir, 1000 + 500);
    const file = openLogFile({
      dataDir: dir,
      maxBytes: 160,
      freeBytes: disk.freeBytes,
      reserveBytes: () => 1000,
      roomCheckBytes: 1,
    });
    const line = (n: number) => `${JSON.stringify({ event: 'tick', n, pad: 'x'.repeat(40) })}\n`;
    for (let n = 0; n < 16; n += 1) {
      file.write(line(n));
    }
    file.close();
    // 72-byte lines, two a file: 500 bytes hold three files, so two old ones are kept.
    expect(fs.readdirSync(logs(dir)).sort()).toEqual(['hymy.1.log', 'hymy.2.log', 'hymy.log']);
    expect(read(dir, 'hymy.log')).toBe(line(14) + line(15));
    expect(read(dir, 'hymy.2.log')).toBe(line(10) + line(11));
    expect(disk.lowest()).toBeGreaterThanOrEqual(1000);
    expect(file.dropped()).toBe(0);
  });

  it('stops writing, with one warning, when the disk is short of room anyway, and counts the lines', () => {
    const dir = dataDir();
    let free = 10_000;
    const file = openLogFile({
      dataDir: dir,
      freeBytes: () => free,
      reserveBytes: () => 1000,
      roomCheckBytes: 1,
    });
    file.write('{"event":"one"}\n');
    free = 1010; // Something else filled the disk to just above the reserve.
    file.write('{"event":"two"}\n');
    file.write('{"event":"three"}\n');
    file.write('{"event":"four"}\n');
    expect(file.dropped()).toBe(3);
    expect(events(dir).map((e) => e.event)).toEqual(['one', 'log_paused_storage_low']);
    free = 5000;
    file.write('{"event":"five"}\n');
    file.close();
    const told = events(dir);
    expect(told.map((e) => e.event)).toEqual([
      'one',
      'log_paused_storage_low',
      'log_lines_dropped',
      'five',
    ]);
    expect(told[2]?.count).toBe(3);
  });

  it('measures free space once per 64 KiB written, not for every line', () => {
    const dir = dataDir();
    const disk = smallDisk(dir, 1e12);
    const file = openLogFile({ dataDir: dir, freeBytes: disk.freeBytes });
    const line = `${JSON.stringify({ event: 'tick', pad: 'x'.repeat(1000) })}\n`;
    for (let n = 0; n < 200; n += 1) {
      file.write(line);
    }
    file.close();
    const written = 200 * line.length;
    expect(disk.asked()).toBe(Math.ceil(written / LOG_ROOM_CHECK_BYTES));
  });

  it('writes on when the free space cannot be known', () => {
    const dir = dataDir();
    const file = openLogFile({ dataDir: dir, freeBytes: () => null, roomCheckBytes: 1 });
    file.write('{"event":"one"}\n');
    file.close();
    expect(read(dir, 'hymy.log')).toBe('{"event":"one"}\n');
  });

  it('does not throw when the data dir cannot hold a log folder at all', () => {
    const dir = dataDir();
    fs.writeFileSync(logs(dir), 'a file where the folder should be');
    const file = openLogFile({ dataDir: dir });
    expect(() => file.write('{"event":"one"}\n')).not.toThrow();
    expect(() => file.close()).not.toThrow();
    expect(file.dropped()).toBe(1);
  });

  it('drops lines written after close', () => {
    const dir = dataDir();
    const file = openLogFile({ dataDir: dir });
    file.write('{"event":"one"}\n');
    file.close();
    file.write('{"event":"late"}\n');
    expect(read(dir, 'hymy.log')).toBe('{"event":"one"}\n');
    expect(file.dropped()).toBe(1);
  });

  it('tees a line to every writer', () => {
    const a: string[] = [];
    const b: string[] = [];
    teeWriter(
      (line) => a.push(line),
      (line) => b.push(line),
    )('x\n');
    expect([a, b]).toEqual([['x\n'], ['x\n']]);
  });
});

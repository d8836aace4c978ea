import { describe, expect, it } from 'vitest';
import { DEFAULT_RESERVE_BYTES, type StorageStatus } from '../core/durability';
import { createLogger } from './log';
import { manualClock } from '../core/timers';
import type { StatFs } from './free-space';
import {
  startStorageWatch,
  STORAGE_CHECK_MS,
  terminalPlaces,
  type StorageWatchOptions,
} from './storage-watch';

const MB = 1024 * 1024;
const AT = new Date('2026-11-23T10:00:00.000Z');

const fault = (code: string) => Object.assign(new Error(code), { code });

/** File systems by path: free bytes, or the error code statfs gives there. */
function disks(initial: Record<string, number | string>) {
  const free = new Map(Object.entries(initial));
  const asked: string[] = [];
  const held: (() => void)[] = [];
  let holding = false;
  const statfs: StatFs = async (path) => {
    asked.push(path);
    if (holding) {
      await new Promise<void>((resolve) => held.push(resolve));
    }
    const value = free.get(path);
    if (value === undefined) {
      throw fault('ENOENT');
    }
    if (typeof value === 'string') {
      throw fault(value);
    }
    return { bavail: BigInt(value / 4096), bsize: 4096n };
  };
  return {
    statfs,
    asked,
    set: (path: string, value: number | string) => free.set(path, value),
    /** Statfs answers wait until `release()`. */
    hold: () => (holding = true),
    release: () => {
      holding = false;
      held.splice(0).forEach((resolve) => resolve());
    },
  };
}

function watch(places: Record<string, number | string>, extra: Partial<StorageWatchOptions> = {}) {
  const fs = disks(places);
  const clock = manualClock();
  const lines: { level: string; event: string; [field: string]: unknown }[] = [];
  const heard: StorageStatus[] = [];
  const watcher = startStorageWatch({
    places: terminalPlaces('/data', '/data/chromium-profile'),
    statfs: fs.statfs,
    timers: clock.timers,
    now: () => AT,
    logger: createLogger({ write: (line) => lines.push(JSON.parse(line) as never) }),
    ...extra,
  });
  watcher.onChange((status) => heard.push(status));
  const events = () => lines.map((line) => line.event);
  return { fs, clock, watcher, lines, events, heard };
}

const GB = 1024 * MB;

describe('the watch over free space', () => {
  it('measures the data dir and the browser profile at once, as blocks free times their size', async () => {
    const t = watch({ '/data': 12 * GB, '/data/chromium-profile': 12 * GB });
    expect(t.watcher.status()).toBeNull();
    expect(await t.watcher.check()).toEqual({
      reserveBytes: DEFAULT_RESERVE_BYTES,
      places: [
        { which: 'data', path: '/data', freeBytes: 12 * GB },
        { which: 'profile', path: '/data/chromium-profile', freeBytes: 12 * GB },
      ],
      low: false,
      checkedAt: AT.toISOString(),
    });
    expect(t.watcher.status()?.low).toBe(false);
  });

  it('measures a profile Chromium has not made yet on the disk it will be made on', async () => {
    const t = watch({ '/data': 3 * GB });
    const status = await t.watcher.check();
    expect(status.places[1]).toEqual({
      which: 'profile',
      path: '/data/chromium-profile',
      freeBytes: 3 * GB,
    });
  });

  it('watches only the data dir where no profile is known (a page opened by someone else)', () => {
    expect(terminalPlaces('/data')).toEqual([{ which: 'data', path: '/data' }]);
  });

  it('gives null for a place that cannot be asked, logs its code once, and never throws', async () => {
    const t = watch({ '/data': 'EIO', '/data/chromium-profile': 10 * GB });
    const first = await t.watcher.check();
    expect(first.places.map((place) => place.freeBytes)).toEqual([null, 10 * GB]);
    expect(first.low).toBe(false);
    t.clock.fire();
    await t.watcher.check();
    expect(t.lines.filter((line) => line.event === 'storage_unmeasurable')).toEqual([
      expect.objectContaining({ level: 'warn', which: 'data', code: 'EIO' }),
    ]);
  });

  it('says storage_low once when a place falls under the reserve, and storage_ok when back', async () => {
    const t = watch({ '/data': 200 * MB, '/data/chromium-profile': 200 * MB });
    await t.watcher.check();
    t.fs.set('/data/chromium-profile', 40 * MB);
    expect((await t.watcher.check()).low).toBe(true);
    t.fs.set('/data/chromium-profile', 30 * MB);
    expect((await t.watcher.check()).low).toBe(true);
    t.fs.set('/data/chromium-profile', 60 * MB);
    expect((await t.watcher.check()).low).toBe(false);
    expect(t.events()).toEqual(['storage_low', 'storage_ok']);
    expect(t.lines[0]).toMatchObject({
      level: 'warn',
      which: 'profile',
      freeBytes: 40 * MB,
      reserveBytes: 50 * MB,
    });
  });

  it('follows the reserve the config sets now', async () => {
    let reserve = 50 * MB;
    const t = watch({ '/data': 80 * MB }, { reserveBytes: () => reserve });
    expect((await t.watcher.check()).low).toBe(false);
    reserve = 100 * MB;
    expect(await t.watcher.check()).toMatchObject({ low: true, reserveBytes: 100 * MB });
  });

  it('tells its listeners only news: the first measure, a flip of low, or a move of over 5 MB', async () => {
    const t = watch({ '/data': 500 * MB });
    await t.watcher.check();
    t.fs.set('/data', 497 * MB);
    await t.watcher.check();
    t.fs.set('/data', 490 * MB);
    await t.watcher.check();
    t.fs.set('/data', 45 * MB);
    await t.watcher.check();
    t.fs.set('/data', 'EACCES');
    await t.watcher.check();
    expect(t.heard.map((status) => status.places[0]?.freeBytes)).toEqual([
      500 * MB,
      490 * MB,
      45 * MB,
      null,
    ]);
    expect(t.heard.map((status) => status.low)).toEqual([false, false, true, false]);
  });

  it('measures every 30 s from the end of the last measure, and once for two asks at a time', async () => {
    const t = watch({ '/data': GB }, { places: terminalPlaces('/data') });
    const both = [t.watcher.check(), t.watcher.check()];
    expect(both[0]).toBe(both[1]);
    await both[0];
    expect(t.fs.asked).toEqual(['/data']);
    expect(t.clock.pending()).toEqual([STORAGE_CHECK_MS]);
    t.clock.fire();
    await t.watcher.check();
    expect(t.fs.asked).toEqual(['/data', '/data']);
    expect(t.clock.pending()).toEqual([STORAGE_CHECK_MS]);
  });

  it('stops only once a measure under way has settled, and then measures no more', async () => {
    const t = watch({ '/data': GB });
    await t.watcher.check();
    t.fs.hold();
    t.clock.fire();
    let stopped = false;
    const stopping = t.watcher.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    t.fs.release();
    await stopping;
    expect(stopped).toBe(true);
    expect(t.clock.pending()).toEqual([]);
    expect(t.heard).toHaveLength(1);
  });
});

import { DEFAULT_RESERVE_BYTES, type StoragePlace, type StorageStatus } from '../core/durability';
import type { Timers } from '../core/timers';
import { realTimers } from '../node/real-timers';
import { freeSpaceAt, nodeStatfs, type StatFs } from './free-space';
import { errorCode, silentLogger, type Logger } from './log';

/**
 * Room to work: the free space of the places the terminal writes (its data dir, with the journal
 * and the logs, and the browser profile where Chromium keeps IndexedDB), measured every half
 * minute and on demand, against the reserve that only answers may use. Logs and exports look
 * at the same reserve and give way before it is touched.
 */

export const STORAGE_CHECK_MS = 30_000;
/** Free space that moves less than this is not news (a log line or an answer is not). */
export const STORAGE_NEWS_BYTES = 5 * 1024 * 1024;

export type WatchedPlace = Pick<StoragePlace, 'which' | 'path'>;

/** The data dir, and the browser profile when the host knows where it is. */
export function terminalPlaces(dataDir: string, profileDir?: string): WatchedPlace[] {
  return [
    { which: 'data', path: dataDir },
    ...(profileDir === undefined ? [] : [{ which: 'profile' as const, path: profileDir }]),
  ];
}

export type StorageWatchOptions = {
  places: readonly WatchedPlace[];
  /** The reserve as the config has it now (DEFAULT_RESERVE_BYTES by default). */
  reserveBytes?: () => number;
  intervalMs?: number;
  statfs?: StatFs;
  timers?: Timers;
  now?: () => Date;
  logger?: Logger;
};

export type StorageWatch = {
  /** The last measure; null until the first one is done. */
  status(): StorageStatus | null;
  /**
   * Measures now (or joins the measure under way) and restarts the interval. A place that
   * cannot be asked is measured as null, so this rejects only on a bug.
   */
  check(): Promise<StorageStatus>;
  /** Hears a measure that is news: `low` flipped, or some free space moved by > 5 MB. */
  onChange(listener: (status: StorageStatus) => void): () => void;
  /** Resolves once the timer is stopped and a measure under way has settled. */
  stop(): Promise<void>;
};

/** Whether `next` tells the listeners anything `last` did not. */
function isNews(last: StorageStatus | null, next: StorageStatus): boolean {
  if (!last || last.low !== next.low || last.reserveBytes !== next.reserveBytes) {
    return true;
  }
  return next.places.some((place, i) => {
    const before = last.places[i]?.freeBytes ?? null;
    const now = place.freeBytes;
    return before === null || now === null
      ? before !== now
      : Math.abs(now - before) > STORAGE_NEWS_BYTES;
  });
}

/** Measures at once, then every `intervalMs` after the last measure ended, until stopped. */
export function startStorageWatch(options: StorageWatchOptions): StorageWatch {
  const intervalMs = options.intervalMs ?? STORAGE_CHECK_MS;
  const reserveBytes = options.reserveBytes ?? (() => DEFAULT_RESERVE_BYTES);
  const ask = options.statfs ?? nodeStatfs;
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => new Date());
  const logger = (options.logger ?? silentLogger).with({ room: 'storage' });
  const listeners = new Set<(status: StorageStatus) => void>();
  /** The fault each place last gave, so a disk that cannot be asked is one log line. */
  const faults = new Map<string, string>();

  let last: StorageStatus | null = null;
  let inFlight: Promise<StorageStatus> | null = null;
  let timer: unknown = null;
  let stopped = false;

  const measurePlace = async (place: WatchedPlace): Promise<StoragePlace> => {
    const free = await freeSpaceAt(place.path, ask);
    if (free.ok) {
      faults.delete(place.which);
      return { ...place, freeBytes: free.bytes };
    }
    if (faults.get(place.which) !== free.code) {
      faults.set(place.which, free.code);
      logger.warn('storage_unmeasurable', { which: place.which, code: free.code });
    }
    return { ...place, freeBytes: null };
  };

  const tell = (status: StorageStatus): void => {
    for (const listener of listeners) {
      try {
        listener(status);
      } catch (error) {
        logger.error('storage_listener_failed', { code: errorCode(error) });
      }
    }
  };

  const measure = async (): Promise<StorageStatus> => {
    const places = await Promise.all(options.places.map(measurePlace));
    const reserve = reserveBytes();
    const short = places.filter((place) => place.freeBytes !== null && place.freeBytes < reserve);
    const next: StorageStatus = {
      reserveBytes: reserve,
      places,
      low: short.length > 0,
      checkedAt: now().toISOString(),
    };
    const wasLow = last?.low ?? false;
    if (next.low && !wasLow) {
      const least = Math.min(...short.map((place) => place.freeBytes ?? 0));
      logger.warn('storage_low', {
        which: short.map((place) => place.which).join(','),
        freeBytes: least,
        reserveBytes: reserve,
      });
    } else if (!next.low && wasLow) {
      logger.info('storage_ok', { reserveBytes: reserve });
    }
    const news = isNews(last, next);
    last = next;
    if (news && !stopped) {
      tell(next);
    }
    return next;
  };

  const schedule = (): void => {
    if (timer !== null) {
      timers.clearTimeout(timer);
    }
    timer = timers.setTimeout(() => {
      timer = null;
      checkOnTime();
    }, intervalMs);
  };

  const checkOnTime = (): void => {
    check().catch((error: unknown) => {
      logger.error('storage_check_crashed', { code: errorCode(error) });
    });
  };

  const check = (): Promise<StorageStatus> => {
    if (inFlight) {
      return inFlight;
    }
    const run = measure().finally(() => {
      inFlight = null;
      if (!stopped) {
        schedule();
      }
    });
    inFlight = run;
    return run;
  };

  checkOnTime();

  return {
    status: () => last,
    check,
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async stop() {
      stopped = true;
      if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
      listeners.clear();
      await inFlight?.catch(() => undefined);
    },
  };
}

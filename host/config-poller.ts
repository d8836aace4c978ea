import type { Timers } from '../core/timers';
import { realTimers } from '../node/real-timers';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CentralStatus } from '../core/bridge';
import type { TerminalConfig } from '../core/terminal-config';
import {
  fetchConfig,
  isUsableEtag,
  type ConfigFetchOutcome,
  type TerminalFault,
} from './central-client';
import { readJsonFile, writeJsonAtomic } from './data-dir';
import { errorCode, silentLogger, type Logger } from './log';
import type { Fetch, TransportTarget } from './central-http';
import { readConfig } from './terminal-files';

/**
 * Keeps the terminal's config in step with the central API: `GET /v1/terminal/config` every
 * interval with the last good config's ETag. A new valid config goes to `onConfig` (which stores
 * it and hands it to the UI); an invalid one is refused and the last good config stays. Offline
 * is the normal state of a terminal for days: it just keeps polling, and logs only changes.
 */

export const DEFAULT_CONFIG_POLL_MS = 60_000;
/** The ETag of the stored config.json, so a restarted terminal asks "anything newer?". */
export const CONFIG_ETAG_FILE = 'config.etag';

const EtagSchema = z.string().refine(isUsableEtag, 'not a usable ETag');

export type ConfigPollStatus =
  | { lastError: null; changed: boolean }
  | { lastError: 'invalid'; field: string; message: string }
  /** `onConfig` failed (e.g. config.json could not be written): the config is fetched again. */
  | { lastError: 'not_saved'; code: string }
  | { lastError: TerminalFault['reason']; retryAfterMs?: number };

export type ConfigPollerOptions = {
  target: TransportTarget;
  /** Where the ETag is kept across restarts; without it, only in memory. */
  dataDir?: string;
  intervalMs?: number;
  /** The ETag of the config the terminal runs on; read from the data dir when left out. */
  initialEtag?: string | null;
  fetchImpl?: Fetch;
  timers?: Timers;
  logger?: Logger;
  /** A new, valid config. The ETag is kept only after this has resolved. */
  onConfig(config: TerminalConfig, etag: string | null): void | Promise<void>;
  onStatus?(status: ConfigPollStatus): void;
};

export type ConfigPoller = {
  /** Polls now (or joins the poll under way) and restarts the interval from its end. */
  pollNow(): Promise<ConfigPollStatus>;
  /**
   * No poll starts after this; resolves once the poll under way (and the config it is storing)
   * has settled, so nothing is written after. Not to be awaited from inside `onConfig`, which
   * that poll is waiting for.
   */
  stop(): Promise<void>;
};

/**
 * The stored ETag, but only while config.json holds a valid config: an ETag without the config
 * it names would make the server answer 304 to a terminal that has nothing to run on.
 */
export async function readConfigEtag(dataDir: string): Promise<string | null> {
  const [etag, config] = await Promise.all([
    readJsonFile(join(dataDir, CONFIG_ETAG_FILE), EtagSchema),
    readConfig(dataDir),
  ]);
  return etag.ok && config.ok ? etag.value : null;
}

/** Keeps (or, for null, forgets) the ETag of the config just stored. */
export async function saveConfigEtag(dataDir: string, etag: string | null): Promise<void> {
  const file = join(dataDir, CONFIG_ETAG_FILE);
  if (etag === null) {
    await rm(file, { force: true });
  } else {
    await writeJsonAtomic(file, etag);
  }
}

/** A poll's outcome as the technician's status screen shows it (`invalid` names the field). */
export function pollStatus(poll: ConfigPollStatus): NonNullable<CentralStatus['configPoll']> {
  const at = new Date().toISOString();
  if (poll.lastError === 'invalid') {
    return { at, error: 'invalid', field: poll.field, message: poll.message };
  }
  return { at, error: poll.lastError };
}

function statusOf(
  outcome: Exclude<ConfigFetchOutcome, { ok: true; changed: true }>,
): ConfigPollStatus {
  if (outcome.ok) {
    return { lastError: null, changed: false };
  }
  if (outcome.reason === 'invalid') {
    return { lastError: 'invalid', field: outcome.field, message: outcome.message };
  }
  const { reason, retryAfterMs } = outcome;
  return retryAfterMs === undefined ? { lastError: reason } : { lastError: reason, retryAfterMs };
}

export function startConfigPoller(options: ConfigPollerOptions): ConfigPoller {
  const intervalMs = options.intervalMs ?? DEFAULT_CONFIG_POLL_MS;
  const timers = options.timers ?? realTimers;
  const logger = (options.logger ?? silentLogger).with({ room: 'config-poller' });
  const { dataDir } = options;

  let etag: string | null | undefined = options.initialEtag;
  let inFlight: Promise<ConfigPollStatus> | null = null;
  let timer: unknown = null;
  let stopped = false;
  let lastError: ConfigPollStatus['lastError'] | undefined;

  const schedule = (ms: number): void => {
    if (timer !== null) {
      timers.clearTimeout(timer);
    }
    timer = timers.setTimeout(() => {
      timer = null;
      // Only a bug gets here (faults are values); the next poll is already set.
      pollNow().catch((error: unknown) =>
        logger.error('config_poll_crashed', { code: errorCode(error) }),
      );
    }, ms);
  };

  const accept = async (config: TerminalConfig, next: string | null): Promise<ConfigPollStatus> => {
    try {
      await options.onConfig(config, next);
    } catch (error) {
      // The ETag stays the old one, so the next poll fetches this config again.
      return { lastError: 'not_saved', code: errorCode(error) };
    }
    if (stopped) {
      // Stopped while the config was being stored (a new enrollment took over): the ETag file
      // now belongs to the poller that replaced this one.
      return { lastError: null, changed: false };
    }
    etag = next;
    if (dataDir !== undefined) {
      // Losing the ETag only costs one full fetch after a restart.
      await saveConfigEtag(dataDir, next).catch((error: unknown) =>
        logger.warn('config_etag_not_saved', { code: errorCode(error) }),
      );
    }
    return { lastError: null, changed: true };
  };

  const poll = async (): Promise<ConfigPollStatus> => {
    if (etag === undefined) {
      etag = dataDir === undefined ? null : await readConfigEtag(dataDir);
    }
    const outcome = await fetchConfig(options.target, etag, options.fetchImpl);
    if (outcome.ok && outcome.changed && !stopped) {
      return accept(outcome.config, outcome.etag);
    }
    return outcome.ok && outcome.changed ? { lastError: null, changed: false } : statusOf(outcome);
  };

  const report = (status: ConfigPollStatus): void => {
    // Quiet while nothing changes: a terminal offline for a week logs it once, not every minute.
    if (status.lastError !== lastError) {
      lastError = status.lastError;
      if (status.lastError === null) {
        logger.info('config_poll_ok');
      } else if (status.lastError === 'invalid') {
        logger.warn('config_refused', { field: status.field, problem: status.message });
      } else {
        logger.warn('config_poll_failed', { reason: status.lastError });
      }
    }
    if (status.lastError === null && status.changed) {
      logger.info('config_updated');
    }
    options.onStatus?.(status);
  };

  const pollNow = (): Promise<ConfigPollStatus> => {
    if (inFlight) {
      return inFlight;
    }
    const run = async (): Promise<ConfigPollStatus> => {
      let status: ConfigPollStatus;
      try {
        status = await poll();
      } catch (error) {
        // A bug, not a fault of the network: the poller goes on, and the caller hears of it.
        if (!stopped) {
          schedule(intervalMs);
        }
        throw error;
      } finally {
        inFlight = null;
      }
      if (!stopped) {
        const retryAfter = 'retryAfterMs' in status ? (status.retryAfterMs ?? 0) : 0;
        schedule(Math.max(intervalMs, retryAfter));
        report(status);
      }
      return status;
    };
    inFlight = run();
    return inFlight;
  };

  // A terminal that was off for a week asks at once, not a minute after it comes up.
  schedule(0);

  return {
    pollNow,
    async stop() {
      stopped = true;
      if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
      // A failed poll was already logged or thrown to its caller; here only its end counts.
      await inFlight?.catch(() => undefined);
    },
  };
}

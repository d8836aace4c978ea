import type { ButtonBoxStatus, CentralStatus, RendererStatus } from '../core/bridge';
import type { Heartbeat } from '../core/central-api';
import type { JournalStatus, StorageStatus, StoreHealth } from '../core/durability';
import { queueHealthOf } from '../core/queue-health';
import type { Timers } from '../core/timers';
import { sendHeartbeat, type HeartbeatOutcome } from './central-client';
import { realTimers } from '../node/real-timers';
import { errorCode, silentLogger, type Logger } from './log';
import type { Fetch, TransportTarget } from './central-http';

/**
 * The terminal's heartbeat: `POST /v1/terminal/heartbeat` soon after start and then every
 * interval, so the admin list shows which terminals are alive and how much they hold unsent.
 * A failed beat is not retried: the next one carries fresher news anyway.
 */

export const DEFAULT_HEARTBEAT_MS = 60_000;
/** Soon after start, once the box has had a moment to be found. */
export const FIRST_BEAT_DELAY_MS = 2_000;

/**
 * The terminal's stores as the county sees them: the page's store (`unknown` until the page has
 * reported), the journal's fault, the last restore, and the least free space of its places.
 */
export function storeHealth(
  renderer: RendererStatus | null,
  journal: JournalStatus | null,
  storage: StorageStatus | null,
): StoreHealth {
  const free = (storage?.places ?? []).flatMap((place) =>
    place.freeBytes === null ? [] : [place.freeBytes],
  );
  return {
    store: renderer === null ? 'unknown' : renderer.store.ok ? 'ok' : renderer.store.code,
    journal: journal?.problem ?? null,
    restored: journal?.lastRestore ?? null,
    freeBytes: free.length > 0 ? Math.max(0, Math.floor(Math.min(...free))) : null,
    storageLow: storage?.low ?? false,
  };
}

/** What the heartbeat tells the central API: no answer, no person, only the terminal's health. */
export function vitalSigns(
  appVersion: string,
  renderer: RendererStatus | null,
  box: ButtonBoxStatus | null,
  journal: JournalStatus | null,
  storage: StorageStatus | null,
): Heartbeat {
  return {
    appVersion,
    ...queueHealthOf(renderer?.sync),
    buttonBox: box ? { connected: box.connected, model: box.model, firmware: box.firmware } : null,
    clock: new Date().toISOString(),
    health: storeHealth(renderer, journal, storage),
  };
}

/** A beat's outcome as the technician's status screen shows it. */
export function beatStatus(outcome: HeartbeatOutcome): NonNullable<CentralStatus['heartbeat']> {
  return { at: new Date().toISOString(), error: outcome.ok ? null : outcome.reason };
}

export type HeartbeatOptions = {
  target: TransportTarget;
  intervalMs?: number;
  firstBeatDelayMs?: number;
  /** The vital signs as they are now. */
  collect(): Heartbeat | Promise<Heartbeat>;
  fetchImpl?: Fetch;
  timers?: Timers;
  logger?: Logger;
  onResult?(outcome: HeartbeatOutcome): void;
};

export type HeartbeatSender = {
  /** Beats now (or joins the beat under way) and restarts the interval from its end. */
  beatNow(): Promise<HeartbeatOutcome>;
  /** No beat starts after this; resolves once the beat under way has settled. */
  stop(): Promise<void>;
};

export function startHeartbeat(options: HeartbeatOptions): HeartbeatSender {
  const intervalMs = options.intervalMs ?? DEFAULT_HEARTBEAT_MS;
  const timers = options.timers ?? realTimers;
  const logger = (options.logger ?? silentLogger).with({ room: 'heartbeat' });

  let inFlight: Promise<HeartbeatOutcome> | null = null;
  let timer: unknown = null;
  let stopped = false;
  let lastReason: string | undefined;

  const schedule = (ms: number): void => {
    if (timer !== null) {
      timers.clearTimeout(timer);
    }
    timer = timers.setTimeout(() => {
      timer = null;
      beatNow().catch((error: unknown) =>
        logger.error('heartbeat_crashed', { code: errorCode(error) }),
      );
    }, ms);
  };

  const beat = async (): Promise<HeartbeatOutcome> => {
    let heartbeat: Heartbeat;
    try {
      heartbeat = await options.collect();
    } catch (error) {
      // A bug in what gathers the vital signs must not stop the beats that would show it.
      return { ok: false, reason: 'invalid', field: '(collect)', message: errorCode(error) };
    }
    return sendHeartbeat(options.target, heartbeat, options.fetchImpl);
  };

  const report = (outcome: HeartbeatOutcome): void => {
    const reason = outcome.ok ? 'ok' : outcome.reason;
    // Logged when it changes: offline for a day is one line, not 1,440.
    if (reason !== lastReason) {
      lastReason = reason;
      if (outcome.ok) {
        logger.info('heartbeat_ok');
      } else if (outcome.reason === 'invalid') {
        logger.error('heartbeat_invalid', { field: outcome.field, problem: outcome.message });
      } else {
        logger.warn('heartbeat_failed', { reason });
      }
    }
    options.onResult?.(outcome);
  };

  const beatNow = (): Promise<HeartbeatOutcome> => {
    if (inFlight) {
      return inFlight;
    }
    const run = async (): Promise<HeartbeatOutcome> => {
      let outcome: HeartbeatOutcome;
      try {
        outcome = await beat();
      } finally {
        inFlight = null;
      }
      if (!stopped) {
        const retryAfter = outcome.ok || !('retryAfterMs' in outcome) ? 0 : outcome.retryAfterMs;
        schedule(Math.max(intervalMs, retryAfter ?? 0));
        report(outcome);
      }
      return outcome;
    };
    inFlight = run();
    return inFlight;
  };

  schedule(options.firstBeatDelayMs ?? FIRST_BEAT_DELAY_MS);

  return {
    beatNow,
    async stop() {
      stopped = true;
      if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
      // A beat's outcome is a value, and nobody hears it now: only its end counts.
      await inFlight?.catch(() => undefined);
    },
  };
}

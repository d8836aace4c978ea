import { addDays, DEFAULT_TIME_ZONE, localMidnightMs, localTime } from '../../core/local-time';
import type { Timers } from '../../core/timers';
import { errorCode, type Logger } from '../log';

/**
 * What the digest and the monthly report mails share: a check run at start, at each 07:00
 * Helsinki time and hourly in between (so a clock that jumped, or a server that was down at
 * 07:00, is caught up within the hour). Checks never overlap; a failed one is logged and the
 * next goes on. `stop` waits for a check under way.
 */

export const DIGEST_HOUR = 7;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The instant of the next 07:00 local after `nowMs` (DST days included). */
export function nextDigestMs(nowMs: number, timeZone = DEFAULT_TIME_ZONE): number {
  const today = localTime(nowMs, timeZone).date;
  for (const date of [today, addDays(today, 1), addDays(today, 2)]) {
    let at = localMidnightMs(date, timeZone) + DIGEST_HOUR * HOUR_MS;
    // A day whose night the clocks moved: step to where the wall clock reads 07.
    at += (DIGEST_HOUR - localTime(at, timeZone).hour) * HOUR_MS;
    if (at > nowMs) {
      return at;
    }
  }
  return nowMs + DAY_MS;
}

export type MorningLoop = { start(): void; stop(): Promise<void> };

export function morningLoop(parts: {
  /** One check; it should end early once `stopping()` says so. */
  check: (stopping: () => boolean) => Promise<void>;
  now: () => Date;
  timers: Timers;
  logger: Logger;
  /** The log's events: a check that failed, and one done. */
  events: { failed: string; checked: string };
}): MorningLoop {
  const { check, now, timers, logger, events } = parts;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = (): void => {
    timer = undefined;
    if (stopped || running) {
      return;
    }
    running = check(() => stopped)
      .catch((error: unknown) => logger.warn(events.failed, { error: errorCode(error) }))
      .finally(() => {
        running = undefined;
        if (!stopped) {
          const nowMs = now().getTime();
          timer = timers.setTimeout(tick, Math.min(nextDigestMs(nowMs) - nowMs, HOUR_MS));
          logger.debug(events.checked);
        }
      });
  };

  return {
    start: tick,
    stop: async () => {
      stopped = true;
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
      await running;
    },
  };
}

/**
 * Presses that reach no listener: in the host while no page is connected (Chromium restarting,
 * a reload), in the page while the kiosk is not yet listening (still loading, or mounted only
 * once the config has arrived). Both keep them for the next listener instead of dropping them.
 * A press older than this is dropped unheard: its patient has gone, and it was never lit, so no
 * promise is broken.
 */
export const UNHEARD_PRESS_MS = 5000;
const MAX_UNHEARD = 20;

export type UnheardPresses<T> = {
  hold(payload: T): void;
  /** The fresh ones, oldest first; the backlog is empty afterwards. */
  take(): T[];
};

export function createUnheardPresses<T = unknown>(
  now: () => number = Date.now,
  /** Told how many were too old to hand on, for the log. */
  onExpired?: (count: number) => void,
): UnheardPresses<T> {
  let held: { payload: T; at: number }[] = [];
  return {
    hold(payload) {
      held = [...held, { payload, at: now() }].slice(-MAX_UNHEARD);
    },
    take() {
      const cutoff = now() - UNHEARD_PRESS_MS;
      const fresh = held.filter((entry) => entry.at >= cutoff).map((entry) => entry.payload);
      if (fresh.length < held.length) {
        onExpired?.(held.length - fresh.length);
      }
      held = [];
      return fresh;
    },
  };
}

/**
 * Presses that reach a page before its kiosk listens: the page is still loading, or the kiosk
 * screen mounts only once the config has arrived. Both bridges (WebSocket and Electron's
 * preload) keep them for the first listener instead of dropping them. A press older than this
 * is dropped unheard: its patient has gone, and it was never lit, so no promise is broken.
 */
export const UNHEARD_PRESS_MS = 5000;
const MAX_UNHEARD = 20;

export type UnheardPresses = {
  hold(payload: unknown): void;
  /** The fresh ones, oldest first; the backlog is empty afterwards. */
  take(): unknown[];
};

export function createUnheardPresses(now: () => number = Date.now): UnheardPresses {
  let held: { payload: unknown; at: number }[] = [];
  return {
    hold(payload) {
      held = [...held, { payload, at: now() }].slice(-MAX_UNHEARD);
    },
    take() {
      const cutoff = now() - UNHEARD_PRESS_MS;
      const fresh = held.filter((entry) => entry.at >= cutoff).map((entry) => entry.payload);
      held = [];
      return fresh;
    },
  };
}

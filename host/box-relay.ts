import { v7 as uuidv7 } from 'uuid';
import type { ButtonPress } from '../core';
import type { ButtonBoxDriver } from '../hardware/button-box';
import type { Logger } from './log';
import type { ButtonBoxPort } from './services-types';

/**
 * How long a press waits for the UI's "stored" before it can no longer light its button. The
 * UI acks within milliseconds of the commit; an ack later than this would light a button for
 * someone who has long gone, and thank the next patient for an answer they did not give.
 */
export const ACK_WINDOW_MS = 30_000;
const MAX_UNACKED = 100;

export type BoxRelayOptions = {
  logger: Logger;
  /** `buttonBox.lightMs` of the current config. */
  lightMs: () => number;
  /** Monotonic ms. */
  now?: () => number;
};

/**
 * Between the driver and the Bridge: gives each press an id, and lights the button only when
 * the UI says that press is durably stored — the box's light is the patient's receipt, so a
 * press the UI never confirmed (lost page, failed write) stays dark.
 */
export function createBoxRelay(driver: ButtonBoxDriver, options: BoxRelayOptions): ButtonBoxPort {
  const now = options.now ?? (() => performance.now());
  const unacked = new Map<string, { button: number; readAt: number }>();

  const forgetOld = (): void => {
    const cutoff = now() - ACK_WINDOW_MS;
    for (const [pressId, press] of unacked) {
      if (press.readAt >= cutoff && unacked.size <= MAX_UNACKED) {
        break;
      }
      unacked.delete(pressId);
    }
  };

  return {
    onPress(listener) {
      return driver.onPress(({ button, at }) => {
        forgetOld();
        const press: ButtonPress = { pressId: uuidv7(), button, at };
        unacked.set(press.pressId, { button, readAt: now() });
        listener(press);
      });
    },
    onStatus: (listener) => driver.onStatus(listener),
    ack(pressId) {
      forgetOld();
      const press = unacked.get(pressId);
      if (!press) {
        options.logger.warn('ack_unknown_press', { pressId });
        return;
      }
      unacked.delete(pressId);
      const lit = driver.light(press.button, options.lightMs());
      options.logger.debug('press_acknowledged', { pressId, button: press.button, lit });
    },
    status: () => driver.status(),
    close: () => driver.close(),
  };
}

import { useCallback, useEffect, useRef } from 'react';
import type { Bridge } from '../../../core';
import type { Timers } from '../../../core/timers';
import { useTimers } from '../../app/timers';

/** The host hears that the technician is still there at most this often. */
export const TOUCH_EVERY_MS = 20_000;
/** Closing by hand waits this long for the host at most: the screens close regardless. */
const CLOSE_WAIT_MS = 3000;
const INPUTS = ['pointerdown', 'keydown'] as const;

export type ServiceSession = {
  /** Closes the session on the host, then the screens. */
  close: () => void;
  /** Long work is going on (an export, a sync): as good as a touch. */
  keepAlive: () => void;
};

type Options = {
  bridge: Bridge;
  now: () => number;
  idleCloseMs: number;
  onClose: () => void;
};

type SessionOptions = Options & {
  /** Waits for the idle close and for the host's answer to a close. */
  timers: Timers;
};

/**
 * One open session: closed after `idleCloseMs` without input (a terminal must not be left open
 * for the next passer-by), when the host says it closed, or by hand; input tells the host, at
 * most every TOUCH_EVERY_MS, to keep it open. `dispose` stops the timers without closing.
 */
function openSession(options: SessionOptions): ServiceSession & { dispose(): void } {
  const { timers } = options;
  let closed = false;
  let disposed = false;
  // The PIN has just opened the session: the first touch is due only after TOUCH_EVERY_MS.
  let lastTouch = options.now();
  let idleTimer: unknown;

  const finish = (): void => {
    if (closed || disposed) {
      return;
    }
    closed = true;
    timers.clearTimeout(idleTimer);
    options.onClose();
  };
  const close = (): void => {
    if (closed) {
      return;
    }
    const wait = new Promise<void>((resolve) => timers.setTimeout(resolve, CLOSE_WAIT_MS));
    const asked = options.bridge.call('service:close', null).catch(() => undefined);
    void Promise.race([asked, wait]).then(finish);
  };
  const arm = (): void => {
    timers.clearTimeout(idleTimer);
    idleTimer = timers.setTimeout(close, options.idleCloseMs);
  };
  const keepAlive = (): void => {
    if (closed || disposed) {
      return;
    }
    arm();
    const at = options.now();
    if (at - lastTouch < TOUCH_EVERY_MS) {
      return;
    }
    lastTouch = at;
    options.bridge.call('service:touch', null).then(
      (answer) => {
        if (!answer.open) {
          // The host closed the session already (its own timer): the screens follow.
          finish();
        }
      },
      () => undefined,
    );
  };

  arm();
  const stopClosed = options.bridge.on('service:closed', finish);
  return {
    close,
    keepAlive,
    dispose() {
      disposed = true;
      timers.clearTimeout(idleTimer);
      stopClosed();
    },
  };
}

/** The service session as the screens keep it (see openSession), on the page's or a test's timers. */
export function useServiceSession({ bridge, now, idleCloseMs, onClose }: Options): ServiceSession {
  const timers = useTimers();
  const session = useRef<ServiceSession | null>(null);
  const latest = useRef({ now, onClose });
  useEffect(() => {
    latest.current = { now, onClose };
  });

  useEffect(() => {
    const opened = openSession({
      bridge,
      timers,
      idleCloseMs,
      now: () => latest.current.now(),
      onClose: () => latest.current.onClose(),
    });
    session.current = opened;
    const onInput = (): void => opened.keepAlive();
    for (const name of INPUTS) {
      window.addEventListener(name, onInput, { capture: true, passive: true });
    }
    return () => {
      for (const name of INPUTS) {
        window.removeEventListener(name, onInput, { capture: true });
      }
      opened.dispose();
      session.current = null;
    };
  }, [bridge, idleCloseMs, timers]);

  const close = useCallback(() => session.current?.close(), []);
  const keepAlive = useCallback(() => session.current?.keepAlive(), []);
  return { close, keepAlive };
}

import { useCallback, useEffect, useRef } from 'react';
import { useTimers } from '../app/timers';

const INTERACTIONS = ['pointerdown', 'keydown', 'click'] as const;

/**
 * Calls `onIdle` once nobody has touched the kiosk (pointer, key, or a box press reported
 * through the returned `poke`) for `timeoutMs`. The next person then starts from the default.
 */
export function useIdleReset(timeoutMs: number | undefined, onIdle: () => void): () => void {
  const timers = useTimers();
  const onIdleRef = useRef(onIdle);
  const timer = useRef<unknown>(undefined);

  useEffect(() => {
    onIdleRef.current = onIdle;
  });

  const poke = useCallback(() => {
    timers.clearTimeout(timer.current);
    if (timeoutMs !== undefined) {
      timer.current = timers.setTimeout(() => onIdleRef.current(), timeoutMs);
    }
  }, [timeoutMs, timers]);

  useEffect(() => {
    poke();
    for (const name of INTERACTIONS) {
      window.addEventListener(name, poke, { capture: true, passive: true });
    }
    return () => {
      for (const name of INTERACTIONS) {
        window.removeEventListener(name, poke, { capture: true });
      }
      timers.clearTimeout(timer.current);
    };
  }, [poke, timers]);

  return poke;
}

import { useCallback, useEffect, useRef } from 'react';

const INTERACTIONS = ['pointerdown', 'keydown', 'click'] as const;

/**
 * Calls `onIdle` once nobody has touched the kiosk (pointer, key, or a box press reported
 * through the returned `poke`) for `timeoutMs`. The next person then starts from the default.
 */
export function useIdleReset(timeoutMs: number | undefined, onIdle: () => void): () => void {
  const onIdleRef = useRef(onIdle);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    onIdleRef.current = onIdle;
  });

  const poke = useCallback(() => {
    clearTimeout(timer.current);
    if (timeoutMs !== undefined) {
      timer.current = setTimeout(() => onIdleRef.current(), timeoutMs);
    }
  }, [timeoutMs]);

  useEffect(() => {
    poke();
    for (const name of INTERACTIONS) {
      window.addEventListener(name, poke, { capture: true, passive: true });
    }
    return () => {
      for (const name of INTERACTIONS) {
        window.removeEventListener(name, poke, { capture: true });
      }
      clearTimeout(timer.current);
    };
  }, [poke]);

  return poke;
}

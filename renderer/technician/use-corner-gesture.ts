import { useEffect, useEffectEvent, useRef } from 'react';
import { useTimers } from '../app/timers';

export type CornerGestureOptions = {
  /** False: taps are not counted at all (another screen is up). Default true. */
  enabled?: boolean;
  /** How many taps open. Default 5. */
  taps?: number;
  /** The first and the last of them at most this far apart. Default 3000 ms. */
  withinMs?: number;
  /** The side of the top-left square that counts. Default 96 px. */
  sizePx?: number;
};

/**
 * The technician's hidden way in: `taps` taps in the top-left corner within `withinMs`. It adds
 * no element, so a patient sees nothing and a screen reader finds nothing; it only listens to
 * the document. A tap anywhere else starts the count again.
 */
export function useCornerGesture(onOpen: () => void, options: CornerGestureOptions = {}): void {
  const { enabled = true, taps = 5, withinMs = 3000, sizePx = 96 } = options;
  // The taps are timed on the page's clock, or on the one a test moves.
  const timers = useTimers();
  const times = useRef<number[]>([]);

  const onPointerDown = useEffectEvent((event: PointerEvent) => {
    if (
      event.clientX < 0 ||
      event.clientY < 0 ||
      event.clientX >= sizePx ||
      event.clientY >= sizePx
    ) {
      times.current = [];
      return;
    }
    const at = timers.now();
    const recent = [...times.current.filter((time) => at - time <= withinMs), at];
    if (recent.length >= taps) {
      times.current = [];
      onOpen();
    } else {
      times.current = recent;
    }
  });

  useEffect(() => {
    times.current = [];
    if (!enabled) {
      return undefined;
    }
    const listener = (event: PointerEvent): void => onPointerDown(event);
    document.addEventListener('pointerdown', listener, { capture: true, passive: true });
    return () => document.removeEventListener('pointerdown', listener, { capture: true });
  }, [enabled]);
}

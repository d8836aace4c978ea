/**
 * User Timing entries the benchmark reads (bench/kiosk-bench.ts). Cheap, and never in the way:
 * a failing measure is dropped, the answer is not.
 */
export const TAP_MARK = 'hymy:tap';
export const TAP_TO_COMMIT = 'hymy:tap-to-commit';
export const TAP_TO_THANKS = 'hymy:tap-to-thanks';

/** The tap's time on the performance clock: the input event's own stamp when it is one. */
export function tapTime(eventTimeStamp: number | undefined): number {
  const now = performance.now();
  return eventTimeStamp !== undefined && eventTimeStamp > 0 && eventTimeStamp <= now
    ? eventTimeStamp
    : now;
}

export function markTap(start: number): void {
  try {
    performance.mark(TAP_MARK, { startTime: start });
  } catch {
    // Timing is for the benchmark only.
  }
}

export function measureSince(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // Timing is for the benchmark only.
  }
}

/**
 * Runs `callback` once the frame showing the latest React commit has been painted: the next
 * animation frame runs before that paint, a message posted from it runs after.
 */
export function afterPaint(callback: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
    setTimeout(callback, 0);
    return;
  }
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      callback();
    };
    channel.port2.postMessage(null);
  });
}

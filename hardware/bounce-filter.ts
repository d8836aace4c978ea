/** The same button again within this long is contact bounce, not a second press. */
export const BOUNCE_MS = 150;

/**
 * Drops contact bounce (button-box-protocol.md: the box debounces, the kiosk still drops a
 * repeat of the same button within 150 ms). Another button is never bounce: two children may
 * press two faces at once, and both answers count.
 */
export function createBounceFilter(windowMs = BOUNCE_MS): {
  /** `atMs` on a monotonic clock. */
  accept(button: number, atMs: number): boolean;
  /**
   * The box reported the button released: the next press of it is a new press, however soon.
   * Times are read when the host reads the line, so a host that was busy for a moment reads
   * two real presses back to back; the release between them tells them from bounce.
   */
  released(button: number): void;
} {
  const lastAt = new Map<number, number>();
  return {
    accept(button, atMs) {
      // Measured from the last press let through, so a box that chatters for long still gives
      // one press per window, and a child hammering one button gets one answer per window.
      const previous = lastAt.get(button);
      if (previous !== undefined && atMs - previous < windowMs && atMs >= previous) {
        return false;
      }
      lastAt.set(button, atMs);
      return true;
    },
    released(button) {
      lastAt.delete(button);
    },
  };
}

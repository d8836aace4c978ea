/** Retry delays after the box is lost: the first within 1 s, then doubling, never over 10 s. */
export const RECONNECT_FIRST_MS = 500;
export const RECONNECT_MAX_MS = 10_000;
/** While the box is away, how often to look whether its device node is back. */
export const PRESENCE_POLL_MS = 500;
/** With `auto` there is no path to look at: the port list is read, less often (it costs more). */
export const LIST_POLL_MS = 2000;

export function reconnectDelay(attempt: number): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** Math.max(0, attempt));
}

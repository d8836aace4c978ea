import type { TerminalStatus } from '../../core/central-api';

/**
 * Which terminals stand out on the fleet page (issue 17): one not heard from for 2 hours, or one
 * holding answers unsent for more than a day. Pure, with the time passed in, so the rule is
 * tested on its edges and the page shows exactly what the tests say.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Silent this long (or longer) and a terminal needs someone to look. */
export const SILENT_AFTER_MS = 2 * HOUR_MS;
/** An answer waiting longer than this has not reached the county for over a day. */
export const QUEUE_STUCK_AFTER_MS = 24 * HOUR_MS;
/** The terminal's own status light turns amber past a minute (renderer's CLOCK_TRUSTED_MS). */
export const CLOCK_NOTABLE_MS = MINUTE_MS;

/**
 * `silent`: heard from before, not for 2 hours. `neverSeen`: enrolled 2 hours ago or more and no
 * heartbeat since. `queueStuck`: its oldest unsent answer is more than a day old.
 */
export type Concern = 'silent' | 'neverSeen' | 'queueStuck';

type Facts = Pick<
  TerminalStatus,
  'enrolledAt' | 'lastSeenAt' | 'queued' | 'oldestQueuedAt' | 'clock' | 'revoked'
>;

/**
 * The age of the oldest unsent answer now, in ms, or null when none waits. `oldestQueuedAt` is on
 * the terminal's clock: measured against the clock it reported in the same heartbeat, plus the
 * time since the server heard that heartbeat, so a terminal whose clock is off is judged right.
 */
export function oldestQueuedAgeMs(terminal: Facts, nowMs: number): number | null {
  if (terminal.queued === null || terminal.queued === 0 || terminal.oldestQueuedAt === null) {
    return null;
  }
  const oldest = Date.parse(terminal.oldestQueuedAt);
  if (terminal.clock !== null && terminal.lastSeenAt !== null) {
    return Date.parse(terminal.clock) - oldest + (nowMs - Date.parse(terminal.lastSeenAt));
  }
  return nowMs - oldest;
}

/** The terminal's clock minus the server's when the last heartbeat came, in ms; null before one. */
export function clockSkewMs(terminal: Pick<TerminalStatus, 'clock' | 'lastSeenAt'>): number | null {
  if (terminal.clock === null || terminal.lastSeenAt === null) {
    return null;
  }
  return Date.parse(terminal.clock) - Date.parse(terminal.lastSeenAt);
}

/**
 * What is wrong with a terminal at `nowMs`, in a fixed order; empty when nothing is. A revoked
 * terminal is refused by the server on purpose and is expected to fall silent: it never stands out.
 */
export function concerns(terminal: Facts, nowMs: number): Concern[] {
  if (terminal.revoked) {
    return [];
  }
  const found: Concern[] = [];
  if (terminal.lastSeenAt === null) {
    if (nowMs - Date.parse(terminal.enrolledAt) >= SILENT_AFTER_MS) {
      found.push('neverSeen');
    }
  } else if (nowMs - Date.parse(terminal.lastSeenAt) >= SILENT_AFTER_MS) {
    found.push('silent');
  }
  const age = oldestQueuedAgeMs(terminal, nowMs);
  if (age !== null && age > QUEUE_STUCK_AFTER_MS) {
    found.push('queueStuck');
  }
  return found;
}

/** How many of the terminals stand out at `nowMs`: the count at the top of the page. */
export function attentionCount(terminals: readonly Facts[], nowMs: number): number {
  return terminals.filter((terminal) => concerns(terminal, nowMs).length > 0).length;
}

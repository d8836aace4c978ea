import { z } from 'zod';

/**
 * The terminal's queue figures, declared once: the page reports them in its status (the bridge),
 * the heartbeat carries them to the central API (central-api.md: `queued`, `oldestQueuedAt`,
 * `lastSyncAt`, flat in the heartbeat's body), and the server lists them per terminal.
 */
export const QueueHealthSchema = z.object({
  /** Answers stored and not yet taken by the central API. */
  queued: z.number().int().min(0),
  /** When the oldest of them was answered; null when none waits. */
  oldestQueuedAt: z.iso.datetime().nullable(),
  /** When a batch last reached the central API; null: never since the page started. */
  lastSyncAt: z.iso.datetime().nullable(),
});
export type QueueHealth = z.infer<typeof QueueHealthSchema>;

/** The figures of a terminal that has reported none yet: nothing queued, never synced. */
export const EMPTY_QUEUE: QueueHealth = { queued: 0, oldestQueuedAt: null, lastSyncAt: null };

/** The queue figures out of a larger status (the page's sync status), and nothing else. */
export function queueHealthOf(status: QueueHealth | null | undefined): QueueHealth {
  if (status === null || status === undefined) {
    return EMPTY_QUEUE;
  }
  const { queued, oldestQueuedAt, lastSyncAt } = status;
  return { queued, oldestQueuedAt, lastSyncAt };
}

import { z } from 'zod';

/**
 * The terminal's second copy of every answer (the host's journal) and the room it has to work
 * in, as the host reports them to the page, the technician's status screen and the heartbeat.
 */

/** Why the host could not make an answer durable in its journal. */
export const JOURNAL_FAULTS = ['disk_full', 'io_error'] as const;
export type JournalFault = (typeof JOURNAL_FAULTS)[number];

/** A journal write: done only once the line is on the disk (fsynced). */
export type JournalWriteResult = { ok: true } | { ok: false; reason: JournalFault };

export type JournalStatus = {
  /** Answers kept in the journal that the central API has not yet confirmed. */
  unconfirmed: number;
  /** The last write's fault (null once a write is durable again), and since when. */
  problem: JournalFault | null;
  problemSince: string | null;
  /** The last time answers the page's store had lost were written back into it. */
  lastRestore: { count: number; at: string } | null;
  /** Lines skipped when the journal was read at start: torn by a power cut, or damaged. */
  skippedLines: number;
};

/** One place the terminal writes to: its data dir, or the browser profile that holds IndexedDB. */
export type StoragePlace = {
  which: 'data' | 'profile';
  path: string;
  /** Bytes free for this process; null when the file system cannot be asked. */
  freeBytes: number | null;
};

export type StorageStatus = {
  /** Below this much free space in any place, the terminal is short of room (default 50 MB). */
  reserveBytes: number;
  places: StoragePlace[];
  /** Some place has less free space than the reserve. */
  low: boolean;
  checkedAt: string;
};

export const DEFAULT_RESERVE_BYTES = 50 * 1024 * 1024;

/** What the heartbeat tells the central API of the terminal's store (a compatible extension). */
export const StoreHealthSchema = z.object({
  /** The page's store: `ok`, or the fault code it reports. */
  store: z.string().max(40),
  /** The journal's last write fault, or null. */
  journal: z.enum(JOURNAL_FAULTS).nullable(),
  /** Answers put back into the page's store at the last restore, and when. */
  restored: z.object({ count: z.number().int().min(0), at: z.iso.datetime() }).nullable(),
  /** The least free space of the terminal's places, in bytes, and whether it is under reserve. */
  freeBytes: z.number().int().min(0).nullable(),
  storageLow: z.boolean(),
});
export type StoreHealth = z.infer<typeof StoreHealthSchema>;

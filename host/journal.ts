import { crc32 } from 'node:zlib';
import type { JournalFault, JournalStatus, JournalWriteResult } from '../core/durability';
import { ResponseSchema, type Response } from '../core/response';
import { diskJournalFs, type AppendHandle, type JournalFs } from './journal-file';
import { errorCode, silentLogger, type Logger } from './log';

/**
 * The second copy of every answer. IndexedDB is Chromium's, and Chromium discards a store that
 * hit I/O errors (a full disk, a worn SD card); this append-only file in the data dir is ours.
 * Every answer the page commits, and every amendment of one, is a line here before the patient
 * is thanked or the box's button is lit. Answers the central API confirmed leave it, and it is
 * rewritten now and then so that it holds little more than what is unsent.
 *
 * One line: `{"sum":"<crc32 of the entry, 8 hex>","e":<entry JSON>}` and a newline, where the
 * entry is `{"t":"put","r":<Response>}` or `{"t":"drop","ids":[…]}`. A line whose sum does not
 * match (torn by a power cut, or damaged) is skipped and counted, never fatal.
 */

type Entry = { t: 'put'; r: Response } | { t: 'drop'; ids: string[] };

const LINE_HEAD = '{"sum":"';
const SUM_TAIL = '","e":';
/** The lines that no longer hold an unconfirmed answer, before the file is rewritten. */
const COMPACT_MIN_DEAD = 256;
const COMPACT_DEAD_PER_LIVE = 3;

function checksum(text: string): string {
  return crc32(text).toString(16).padStart(8, '0');
}

/** One line of the journal around an entry's JSON text. */
function lineAround(text: string): string {
  return `${LINE_HEAD}${checksum(text)}${SUM_TAIL}${text}}\n`;
}

export function journalLine(entry: Entry): string {
  return lineAround(JSON.stringify(entry));
}

/** A held answer's line, made from the JSON it was kept as (no parse, no new stringify). */
const putLine = (json: string): string => lineAround(`{"t":"put","r":${json}}`);

/** The entry of one line (without its newline), or null when the line is not whole and true. */
export function parseJournalLine(line: string): Entry | null {
  const sumEnd = LINE_HEAD.length + 8;
  if (
    !line.startsWith(LINE_HEAD) ||
    line.slice(sumEnd, sumEnd + SUM_TAIL.length) !== SUM_TAIL ||
    !line.endsWith('}')
  ) {
    return null;
  }
  const text = line.slice(sumEnd + SUM_TAIL.length, -1);
  if (checksum(text) !== line.slice(LINE_HEAD.length, sumEnd)) {
    return null;
  }
  try {
    const entry = JSON.parse(text) as Entry;
    if (entry.t === 'put' && typeof entry.r?.id === 'string') {
      return entry;
    }
    if (entry.t === 'drop' && Array.isArray(entry.ids)) {
      return entry;
    }
    return null;
  } catch {
    return null;
  }
}

/** Ids are UUIDs: one answer whatever the case of its letters. */
const keyOf = (id: string): string => id.toLowerCase();

export type Journal = {
  /** Keeps an answer (new, or its amended whole); resolves once the line is on the disk. */
  append(response: Response): Promise<JournalWriteResult>;
  /** An answer the page could not store after all leaves the journal. */
  withdraw(id: string): Promise<JournalWriteResult>;
  /** Answers the central API confirmed (accepted, duplicate or rejected) leave the journal. */
  confirm(ids: readonly string[]): Promise<void>;
  /** The ids of every answer held and not yet confirmed, oldest first. */
  unconfirmedIds(): string[];
  /** The held copies of these answers (those still held). */
  read(ids: readonly string[]): Response[];
  /** The page wrote `count` answers back from here into its store. */
  noteRestored(count: number): void;
  /**
   * Empties the journal (a factory reset, after an export holds every unsent answer): its
   * answers must never be restored into the store of a terminal enrolled anew, perhaps elsewhere.
   */
  forget(): Promise<JournalWriteResult>;
  status(): JournalStatus;
  /** Resolves once every write asked for has finished and the file is closed. */
  close(): Promise<void>;
};

export type JournalOptions = {
  path: string;
  fs?: JournalFs;
  logger?: Logger;
  now?: () => Date;
};

type Waiter = { line: string; settle(result: JournalWriteResult): void };
type Held = { id: string; json: string };

function faultOf(error: unknown): JournalFault {
  const code = errorCode(error);
  return code === 'ENOSPC' || code === 'EDQUOT' ? 'disk_full' : 'io_error';
}

/**
 * Opens the journal at `path`, reading what it holds. Never throws: a journal that cannot be
 * read or opened reports its fault on every write (and tries the file again each time), so the
 * page asks the patient to try again instead of thanking for an answer kept only once.
 */
export async function openJournal(options: JournalOptions): Promise<Journal> {
  const fs = options.fs ?? diskJournalFs;
  const logger = (options.logger ?? silentLogger).with({ room: 'journal' });
  const now = options.now ?? (() => new Date());
  const { path } = options;

  /** Unconfirmed answers by lower-case id, as their Response JSON, in the order first kept. */
  const live = new Map<string, Held>();
  /** Whole lines in the file; those not holding a live answer are dead weight. */
  let lines = 0;
  let skippedLines = 0;
  let problem: JournalFault | null = null;
  let problemSince: string | null = null;
  let lastRestore: JournalStatus['lastRestore'] = null;

  const hold = (response: Response): void => {
    live.set(keyOf(response.id), { id: response.id, json: JSON.stringify(response) });
  };
  const apply = (entry: Entry): void => {
    if (entry.t === 'put') {
      hold(entry.r);
    } else {
      for (const id of entry.ids) {
        live.delete(keyOf(id));
      }
    }
  };

  /** Whether the file has been read: until it is, nothing is written over or after it. */
  let loaded = false;
  /** Rewrite the whole file before the next append: a torn tail, or a failed cut. */
  let rewriteFirst = false;

  const load = async (): Promise<void> => {
    const text = await fs.read(path);
    if (text !== null) {
      const parts = text.split('\n');
      // The part after the last newline is a line a power cut tore off, or nothing.
      const torn = parts.pop() ?? '';
      if (torn !== '') {
        skippedLines += 1;
      }
      for (const part of parts) {
        const entry = parseJournalLine(part);
        if (entry) {
          apply(entry);
          lines += 1;
        } else {
          skippedLines += 1;
        }
      }
    }
    loaded = true;
    if (skippedLines > 0) {
      logger.warn('journal_lines_skipped', { count: skippedLines });
      rewriteFirst = true;
    }
  };

  let handle: AppendHandle | null = null;
  /** The file's length that holds only whole lines; a failed write is cut back to it. */
  let durableSize = 0;

  const rewrite = async (): Promise<void> => {
    await handle?.close().catch(() => undefined);
    handle = null;
    const text = [...live.values()].map((held) => putLine(held.json)).join('');
    await fs.replace(path, text);
    lines = live.size;
    rewriteFirst = false;
  };

  const ensureOpen = async (): Promise<AppendHandle> => {
    if (!loaded) {
      await load();
    }
    if (rewriteFirst) {
      await rewrite();
    }
    if (!handle) {
      handle = await fs.openAppend(path);
      durableSize = await handle.size();
    }
    return handle;
  };

  const noteFault = (fault: JournalFault, error: unknown): void => {
    if (problem !== fault) {
      logger.error('journal_write_failed', { fault, code: errorCode(error) });
      problemSince = now().toISOString();
    }
    problem = fault;
  };

  try {
    await load();
  } catch (error) {
    // Read again before the first write; meanwhile every write says why it failed.
    logger.error('journal_unreadable', { code: errorCode(error) });
    noteFault(faultOf(error), error);
  }

  let waiting: Waiter[] = [];
  let writing: Promise<void> | null = null;

  const noteDurable = (): void => {
    if (problem !== null) {
      logger.info('journal_writable_again');
    }
    problem = null;
    problemSince = null;
  };

  /** One write and one sync for every line asked for meanwhile (group commit). */
  const writeBatch = async (batch: Waiter[]): Promise<void> => {
    const text = batch.map((waiter) => waiter.line).join('');
    let result: JournalWriteResult;
    try {
      const file = await ensureOpen();
      try {
        await file.appendDurably(text);
        durableSize += Buffer.byteLength(text);
        lines += batch.length;
        result = { ok: true };
        noteDurable();
      } catch (error) {
        result = { ok: false, reason: faultOf(error) };
        noteFault(result.reason, error);
        // Half a line must not stay: the next good line would be joined to it and lost.
        await file.truncate(durableSize).catch((cutError: unknown) => {
          logger.error('journal_cut_failed', { code: errorCode(cutError) });
          rewriteFirst = true;
        });
      }
    } catch (error) {
      result = { ok: false, reason: faultOf(error) };
      noteFault(result.reason, error);
    }
    for (const waiter of batch) {
      waiter.settle(result);
    }
  };

  const maybeCompact = async (): Promise<void> => {
    const dead = lines - live.size;
    if (dead < COMPACT_MIN_DEAD || dead < COMPACT_DEAD_PER_LIVE * live.size) {
      return;
    }
    try {
      await rewrite();
      logger.info('journal_compacted', { kept: live.size, dropped: dead });
    } catch (error) {
      // The file as it is still holds every unconfirmed answer; try again after more drops.
      logger.warn('journal_compact_failed', { code: errorCode(error) });
    }
  };

  const drain = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      await writeBatch(batch);
      await maybeCompact();
    }
    writing = null;
  };

  let closed = false;
  const write = (entry: Entry): Promise<JournalWriteResult> => {
    if (closed) {
      // The host is stopping: nothing more reaches the disk, and the page is not thanked.
      return Promise.resolve({ ok: false, reason: 'io_error' });
    }
    return new Promise((settle) => {
      waiting.push({ line: journalLine(entry), settle });
      writing ??= drain();
    });
  };

  return {
    async append(response) {
      const result = await write({ t: 'put', r: response });
      if (result.ok) {
        // In memory only once durable: a restore never offers what the disk does not hold.
        hold(response);
      }
      return result;
    },
    async withdraw(id) {
      live.delete(keyOf(id));
      const result = await write({ t: 'drop', ids: [id] });
      // An append still on its way when the withdrawal came holds the answer once its line is
      // down (before this one's, in the file's order): gone again, as the file says.
      live.delete(keyOf(id));
      return result;
    },
    async confirm(ids) {
      const held = ids.filter((id) => live.has(keyOf(id)));
      if (held.length === 0) {
        return;
      }
      // Gone from memory at once: a lost drop line costs only a duplicate the server ignores,
      // and the next rewrite, made from memory, drops it for good.
      for (const id of held) {
        live.delete(keyOf(id));
      }
      await write({ t: 'drop', ids: held });
    },
    unconfirmedIds: () => [...live.values()].map((held) => held.id),
    read(ids) {
      const found: Response[] = [];
      for (const id of ids) {
        const held = live.get(keyOf(id));
        const parsed = held ? ResponseSchema.safeParse(JSON.parse(held.json)) : null;
        if (parsed?.success) {
          found.push(parsed.data);
        } else if (parsed) {
          logger.error('journal_entry_invalid', { id });
        }
      }
      return found;
    },
    noteRestored(count) {
      lastRestore = { count, at: now().toISOString() };
      logger.warn('store_restored', { count });
    },
    async forget() {
      while (writing) {
        await writing;
      }
      try {
        await handle?.close().catch(() => undefined);
        handle = null;
        await fs.remove(path);
      } catch (error) {
        const reason = faultOf(error);
        noteFault(reason, error);
        return { ok: false, reason };
      }
      live.clear();
      lines = 0;
      rewriteFirst = false;
      return { ok: true };
    },
    status: () => ({
      unconfirmed: live.size,
      problem,
      problemSince,
      lastRestore,
      skippedLines,
    }),
    async close() {
      closed = true;
      while (writing) {
        await writing;
      }
      await handle?.close().catch(() => undefined);
      handle = null;
    },
  };
}

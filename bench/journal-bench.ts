import { randomUUID } from 'node:crypto';
import { mkdtemp, open, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Response } from '../core/response';
import { journalLine, openJournal } from '../host/journal';
import { diskJournalFs, type JournalFs } from '../host/journal-file';
import { percentile } from './machine';

/**
 * What keeping an answer in the host's journal costs on this machine's disk: a bare append of
 * about a journal line's size with and without fdatasync, then `openJournal(…).append()` one at
 * a time (a tap after a tap) and CONCURRENT at once (taps and box presses landing together),
 * where the group commit lets one write and one sync serve every line that waited for it.
 * In the system's temporary folder, or HYMY_BENCH_JOURNAL_DIR (say, the terminal's data dir).
 */

const WARM_UP = 20;
const CONCURRENT = 8;
/** A bare append about the size of a journal line with a comment (a face alone is ~300). */
const BARE_BYTES = 512;

export type Spread = { p50: number; p99: number; max: number };

export type JournalFigures = {
  /** The folder measured in and its file system (an fsync on tmpfs costs nothing). */
  dir: string;
  fileSystem: string;
  /** The journal's line for a face answer without a comment. */
  lineBytes: number;
  bareBytes: number;
  /** `write()` of BARE_BYTES alone, the `fdatasync()` after it, and both together. */
  bareWrite: Spread;
  bareDatasync: Spread;
  bareAppend: Spread;
  appends: number;
  /** One `append()` awaited before the next. */
  sequential: Spread;
  rounds: number;
  concurrent: number;
  /** Each of CONCURRENT appends started at once, from its start to its promise resolving. */
  concurrentEach: Spread;
  /** From a round's start to its last append resolving. */
  concurrentRound: Spread;
  /** Writes (each one fdatasync) per round: fewer than CONCURRENT is the group commit. */
  syncsPerRound: number;
};

const FILE_SYSTEMS: Record<number, string> = {
  0xef53: 'ext4', // or ext2/ext3, which share the magic number
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlayfs',
  0x4d44: 'vfat',
  0x5346544e: 'ntfs',
  0xf2f52010: 'f2fs',
};

async function fileSystemOf(dir: string): Promise<string> {
  const { type } = await statfs(dir);
  return FILE_SYSTEMS[type] ?? `type 0x${type.toString(16)}`;
}

function spread(values: readonly number[]): Spread {
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) };
}

/** A kiosk answer as the page sends it over the bridge (a face, no comment). */
function answer(n: number): Response {
  return {
    id: randomUUID(),
    surveyId: 'visit-smiley',
    surveyVersion: 3,
    questionId: 'overall',
    scale: 'smiley4',
    value: (n % 4) + 1,
    language: 'fi',
    source: 'touch',
    answeredAt: new Date().toISOString(),
    flags: [],
    respondent: 'patient',
  };
}

/** The real disk's file operations, counting the durable appends (one fdatasync each). */
function countingFs(): { fs: JournalFs; syncs: () => number } {
  let syncs = 0;
  const fs: JournalFs = {
    ...diskJournalFs,
    async openAppend(file) {
      const handle = await diskJournalFs.openAppend(file);
      return {
        ...handle,
        appendDurably(text) {
          syncs += 1;
          return handle.appendDurably(text);
        },
      };
    },
  };
  return { fs, syncs: () => syncs };
}

async function benchBare(
  file: string,
  count: number,
  bytes: number,
): Promise<Pick<JournalFigures, 'bareWrite' | 'bareDatasync' | 'bareAppend'>> {
  const line = `${'x'.repeat(bytes - 1)}\n`;
  const handle = await open(file, 'a', 0o600);
  const writes: number[] = [];
  const syncs: number[] = [];
  const appends: number[] = [];
  try {
    for (let i = 0; i < count + WARM_UP; i += 1) {
      const started = performance.now();
      await handle.write(line);
      const written = performance.now();
      await handle.datasync();
      const synced = performance.now();
      if (i >= WARM_UP) {
        writes.push(written - started);
        syncs.push(synced - written);
        appends.push(synced - started);
      }
    }
  } finally {
    await handle.close();
  }
  return { bareWrite: spread(writes), bareDatasync: spread(syncs), bareAppend: spread(appends) };
}

export async function benchJournal(appends: number, rounds: number): Promise<JournalFigures> {
  const parent = process.env.HYMY_BENCH_JOURNAL_DIR ?? tmpdir();
  const dir = await mkdtemp(path.join(parent, 'hymy-bench-journal-'));
  try {
    const bare = await benchBare(path.join(dir, 'bare.jsonl'), appends, BARE_BYTES);

    const counting = countingFs();
    const journal = await openJournal({ path: path.join(dir, 'journal.jsonl'), fs: counting.fs });
    const keep = async (n: number): Promise<number> => {
      const started = performance.now();
      const result = await journal.append(answer(n));
      if (!result.ok) {
        throw new Error(`journal append failed: ${result.reason}`);
      }
      return performance.now() - started;
    };
    try {
      const sequential: number[] = [];
      for (let i = 0; i < appends + WARM_UP; i += 1) {
        const ms = await keep(i);
        if (i >= WARM_UP) {
          sequential.push(ms);
        }
      }
      const each: number[] = [];
      const round: number[] = [];
      const syncsBefore = counting.syncs();
      for (let r = 0; r < rounds; r += 1) {
        const started = performance.now();
        const times = await Promise.all(
          Array.from({ length: CONCURRENT }, (_, k) => keep(r * CONCURRENT + k)),
        );
        round.push(performance.now() - started);
        each.push(...times);
      }
      return {
        dir: parent,
        fileSystem: await fileSystemOf(dir),
        lineBytes: Buffer.byteLength(journalLine({ t: 'put', r: answer(0) })),
        bareBytes: BARE_BYTES,
        ...bare,
        appends,
        sequential: spread(sequential),
        rounds,
        concurrent: CONCURRENT,
        concurrentEach: spread(each),
        concurrentRound: spread(round),
        syncsPerRound: (counting.syncs() - syncsBefore) / rounds,
      };
    } finally {
      await journal.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Response } from '../core/response';
import { sampleResponse, sampleResponseId } from '../core/sample-response';
import { journalLine, openJournal, parseJournalLine } from './journal';
import type { AppendHandle, JournalFs } from './journal-file';

const PATH = '/data/journal.jsonl';

/** Answers that differ in id, value and time (core's sample answer underneath). */
function answer(n: number, extra: Partial<Response> = {}): Response {
  return sampleResponse({
    id: sampleResponseId(n),
    value: (n % 4) + 1,
    answeredAt: new Date(Date.UTC(2026, 10, 23, 10, 0, n)).toISOString(),
    ...extra,
  });
}

function fault(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/**
 * A disk in memory that keeps the order of what happens to it, and fails when told: a full disk
 * writes part of the text before it gives up, as a real one may.
 */
function memoryFs(initial?: string) {
  const state = { text: initial ?? null, synced: initial ?? null };
  const events: string[] = [];
  let failWrites: string | null = null;
  let failCut = false;
  let failReplace: string | null = null;
  let failRemove: string | null = null;
  const fs: JournalFs = {
    read: () => Promise.resolve(state.text),
    openAppend() {
      state.text ??= '';
      const handle: AppendHandle = {
        async appendDurably(text) {
          if (failWrites) {
            state.text += text.slice(0, Math.floor(text.length / 2));
            events.push('write-failed');
            throw fault(failWrites);
          }
          state.text += text;
          events.push('write');
          await Promise.resolve();
          state.synced = state.text;
          events.push('sync');
        },
        truncate(size) {
          if (failCut) {
            return Promise.reject(fault('EIO'));
          }
          state.text = (state.text ?? '').slice(0, size);
          state.synced = state.text;
          events.push('cut');
          return Promise.resolve();
        },
        size: () => Promise.resolve((state.text ?? '').length),
        close: () => Promise.resolve(),
      };
      return Promise.resolve(handle);
    },
    remove() {
      if (failRemove) {
        return Promise.reject(fault(failRemove));
      }
      state.text = null;
      state.synced = null;
      events.push('remove');
      return Promise.resolve();
    },
    replace(_path, text) {
      if (failReplace) {
        return Promise.reject(fault(failReplace));
      }
      state.text = text;
      state.synced = text;
      events.push('replace');
      return Promise.resolve();
    },
  };
  return {
    fs,
    state,
    events,
    failWrites(code: string | null) {
      failWrites = code;
    },
    failCut(on: boolean) {
      failCut = on;
    },
    failReplace(code: string | null) {
      failReplace = code;
    },
    failRemove(code: string | null) {
      failRemove = code;
    },
  };
}

describe('the journal of answers', () => {
  it('an answer is reported kept only after its line is synced to the disk', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    const kept = journal.append(answer(1));
    expect(disk.events).toEqual([]);
    await expect(kept).resolves.toEqual({ ok: true });
    expect(disk.events).toEqual(['write', 'sync']);
    expect(disk.state.synced).toBe(journalLine({ t: 'put', r: answer(1) }));
    expect(journal.unconfirmedIds()).toEqual([answer(1).id]);
  });

  it('answers asked for at the same moment share one write and one sync', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    const results = await Promise.all([1, 2, 3, 4].map((n) => journal.append(answer(n))));
    expect(results.every((result) => result.ok)).toBe(true);
    // The first goes alone; the three that came while it was on its way go together.
    expect(disk.events).toEqual(['write', 'sync', 'write', 'sync']);
    expect(journal.unconfirmedIds()).toHaveLength(4);
  });

  it('every line carries a checksum of its entry, and a changed byte fails it', () => {
    const line = journalLine({ t: 'put', r: answer(7) }).trimEnd();
    expect(parseJournalLine(line)).toEqual({ t: 'put', r: answer(7) });
    expect(parseJournalLine(line.replace('"value":4', '"value":3'))).toBeNull();
    expect(parseJournalLine(line.slice(0, -5))).toBeNull();
    expect(parseJournalLine('{"t":"put"}')).toBeNull();
  });

  it('a full disk is reported as such, the half-written line is cut away, and nothing is held', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    await journal.append(answer(1));
    disk.failWrites('ENOSPC');
    await expect(journal.append(answer(2))).resolves.toEqual({ ok: false, reason: 'disk_full' });
    expect(disk.events.slice(-2)).toEqual(['write-failed', 'cut']);
    expect(disk.state.text).toBe(journalLine({ t: 'put', r: answer(1) }));
    expect(journal.unconfirmedIds()).toEqual([answer(1).id]);
    expect(journal.status().problem).toBe('disk_full');

    disk.failWrites(null);
    await expect(journal.append(answer(3))).resolves.toEqual({ ok: true });
    expect(journal.status().problem).toBeNull();
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.unconfirmedIds()).toEqual([answer(1).id, answer(3).id]);
    expect(reopened.status().skippedLines).toBe(0);
  });

  it('other write faults are I/O errors; a cut that fails makes the next write rewrite the file', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    await journal.append(answer(1));
    disk.failWrites('EIO');
    disk.failCut(true);
    await expect(journal.append(answer(2))).resolves.toEqual({ ok: false, reason: 'io_error' });
    disk.failWrites(null);
    disk.failCut(false);
    await expect(journal.append(answer(3))).resolves.toEqual({ ok: true });
    expect(disk.events.slice(-3)).toEqual(['replace', 'write', 'sync']);
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.unconfirmedIds()).toEqual([answer(1).id, answer(3).id]);
    expect(reopened.status().skippedLines).toBe(0);
  });

  it('an amendment replaces the held copy of its answer, which keeps its place', async () => {
    const journal = await openJournal({ path: PATH, fs: memoryFs().fs });
    await journal.append(answer(1));
    await journal.append(answer(2));
    await journal.append(answer(1, { comment: 'hyvä' }));
    expect(journal.unconfirmedIds()).toEqual([answer(1).id, answer(2).id]);
    expect(journal.read([answer(1).id])).toEqual([answer(1, { comment: 'hyvä' })]);
  });

  it('a sealed contact request amended in is kept as sealed and given back after a reopen', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    const sealed = Buffer.alloc(120, 9).toString('base64');
    await journal.append(answer(1));
    await journal.append(answer(1, { comment: 'hyvä', contactSealed: sealed }));
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.read([answer(1).id])).toEqual([
      answer(1, { comment: 'hyvä', contactSealed: sealed }),
    ]);
  });

  it('confirmed answers leave it whatever the case of their ids, and a withdrawn one too', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    for (const n of [1, 2, 3]) {
      await journal.append(answer(n));
    }
    await journal.confirm([answer(1).id.toUpperCase(), 'not-held']);
    await expect(journal.withdraw(answer(3).id)).resolves.toEqual({ ok: true });
    expect(journal.unconfirmedIds()).toEqual([answer(2).id]);
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.unconfirmedIds()).toEqual([answer(2).id]);
    expect(reopened.read([answer(1).id, answer(2).id])).toEqual([answer(2)]);
  });

  it('an answer withdrawn while its line is still being written is not offered back', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    // Both asked for at once, as the page does when its own store fails before the host answers.
    const appended = journal.append(answer(1));
    const withdrawn = journal.withdraw(answer(1).id);
    await expect(appended).resolves.toEqual({ ok: true });
    await expect(withdrawn).resolves.toEqual({ ok: true });
    expect(journal.unconfirmedIds()).toEqual([]);
    expect(journal.read([answer(1).id])).toEqual([]);
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.unconfirmedIds()).toEqual([]);
  });

  it('a torn last line after a power cut is skipped and counted, and the rest restored', async () => {
    const whole = [1, 2].map((n) => journalLine({ t: 'put', r: answer(n) })).join('');
    const torn = journalLine({ t: 'put', r: answer(3) }).slice(0, 40);
    const disk = memoryFs(whole + torn);
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    expect(journal.unconfirmedIds()).toEqual([answer(1).id, answer(2).id]);
    expect(journal.status().skippedLines).toBe(1);
    // The tail goes before anything is appended after it.
    await journal.append(answer(4));
    expect(disk.events).toEqual(['replace', 'write', 'sync']);
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.unconfirmedIds()).toEqual([1, 2, 4].map((n) => answer(n).id));
    expect(reopened.status().skippedLines).toBe(0);
  });

  it('a damaged line in the middle is skipped and counted without losing the lines after it', async () => {
    const lines = [1, 2, 3].map((n) => journalLine({ t: 'put', r: answer(n) }));
    const damaged = lines[1]!.replace('smiley4', 'smiley5');
    const journal = await openJournal({
      path: PATH,
      fs: memoryFs(lines[0]! + damaged + lines[2]!).fs,
    });
    expect(journal.unconfirmedIds()).toEqual([answer(1).id, answer(3).id]);
    expect(journal.status().skippedLines).toBe(1);
  });

  it('reading it again gives the same answers however often (restore is idempotent)', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    for (const n of [1, 2, 3]) {
      await journal.append(answer(n));
    }
    await journal.append(answer(2, { followUp: { questionId: 'reason', value: 'waiting-time' } }));
    const first = await openJournal({ path: PATH, fs: disk.fs });
    const second = await openJournal({ path: PATH, fs: disk.fs });
    expect(second.read(second.unconfirmedIds())).toEqual(first.read(first.unconfirmedIds()));
    expect(first.read(first.unconfirmedIds())).toEqual([
      answer(1),
      answer(2, { followUp: { questionId: 'reason', value: 'waiting-time' } }),
      answer(3),
    ]);
  });

  it('is rewritten to hold only the unconfirmed answers once most lines are dead', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    const all = Array.from({ length: 300 }, (_, n) => answer(n));
    for (const response of all) {
      await journal.append(response);
    }
    await journal.confirm(all.slice(0, 299).map((response) => response.id));
    // The rewrite follows the drop's own write, before the next answer's.
    await journal.append(answer(1000));
    expect(disk.events.slice(-3)).toEqual(['replace', 'write', 'sync']);
    expect(disk.state.text).toBe(
      journalLine({ t: 'put', r: all[299]! }) + journalLine({ t: 'put', r: answer(1000) }),
    );
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.unconfirmedIds()).toEqual([all[299]!.id, answer(1000).id]);
  });

  it('a rewrite that fails leaves the file as it was, still whole', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    const all = Array.from({ length: 300 }, (_, n) => answer(n));
    for (const response of all) {
      await journal.append(response);
    }
    disk.failReplace('ENOSPC');
    await journal.confirm(all.slice(0, 299).map((response) => response.id));
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.unconfirmedIds()).toEqual([all[299]!.id]);
  });

  it('a journal that cannot be read reports every write as failed until it can be read', async () => {
    const disk = memoryFs(journalLine({ t: 'put', r: answer(1) }));
    let unreadable = true;
    const fs: JournalFs = {
      ...disk.fs,
      read: (path) => (unreadable ? Promise.reject(fault('EIO')) : disk.fs.read(path)),
    };
    const journal = await openJournal({ path: PATH, fs, now: () => new Date(0) });
    expect(journal.status()).toMatchObject({
      problem: 'io_error',
      problemSince: new Date(0).toISOString(),
    });
    await expect(journal.append(answer(2))).resolves.toEqual({ ok: false, reason: 'io_error' });
    expect(disk.events).toEqual([]);
    unreadable = false;
    await expect(journal.append(answer(3))).resolves.toEqual({ ok: true });
    expect(journal.unconfirmedIds()).toEqual([answer(1).id, answer(3).id]);
  });

  it('a factory reset empties it for good', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    await journal.append(answer(1));
    await expect(journal.forget()).resolves.toEqual({ ok: true });
    expect(journal.unconfirmedIds()).toEqual([]);
    expect(disk.state.text).toBeNull();
    await journal.append(answer(2));
    expect(disk.state.text).toBe(journalLine({ t: 'put', r: answer(2) }));
    await journal.forget();
    const reopened = await openJournal({ path: PATH, fs: disk.fs });
    expect(reopened.unconfirmedIds()).toEqual([]);
  });

  it('a reset that cannot empty it keeps every answer, and says why', async () => {
    const disk = memoryFs();
    const journal = await openJournal({ path: PATH, fs: disk.fs });
    await journal.append(answer(1));
    disk.failRemove('EIO');
    await expect(journal.forget()).resolves.toEqual({ ok: false, reason: 'io_error' });
    expect(journal.unconfirmedIds()).toEqual([answer(1).id]);
  });

  it('a restore is noted with its count and time', async () => {
    const journal = await openJournal({
      path: PATH,
      fs: memoryFs().fs,
      now: () => new Date('2026-12-01T08:00:00Z'),
    });
    journal.noteRestored(4);
    expect(journal.status().lastRestore).toEqual({ count: 4, at: '2026-12-01T08:00:00.000Z' });
  });
});

describe('the journal on a real disk', () => {
  let dir = '';
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps answers across a reopen, owner-only, and leaves no temporary file after a rewrite', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hymy-journal-'));
    const path = join(dir, 'journal.jsonl');
    const journal = await openJournal({ path });
    const all = Array.from({ length: 300 }, (_, n) => answer(n));
    await Promise.all(all.map((response) => journal.append(response)));
    await journal.confirm(all.slice(0, 298).map((response) => response.id));
    await journal.close();
    const { stat, readdir } = await import('node:fs/promises');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['journal.jsonl']);
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(3);

    await writeFile(path, (await readFile(path, 'utf8')) + '{"sum":"0000', { flag: 'w' });
    const reopened = await openJournal({ path });
    expect(reopened.unconfirmedIds()).toEqual([all[298]!.id, all[299]!.id]);
    expect(reopened.status().skippedLines).toBe(1);
    await reopened.close();
  });
});

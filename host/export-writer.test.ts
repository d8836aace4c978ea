import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createExportWriter,
  exportTimestamp,
  type ExportFileHandle,
  type ExportWriterOptions,
} from './export-writer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hymy-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const AT = new Date(2026, 2, 2, 9, 5, 7);
const STAMP = '20260302-090507';
const SUMMARY = { answers: 3, unsent: 2, newestUnsentAt: '2026-03-02T07:00:00.000Z' };

function writer(extra: Partial<ExportWriterOptions> = {}) {
  return createExportWriter({ fileStem: () => 'hymy-t_01JD', now: () => AT, ...extra });
}

const fault = (code: string) => Object.assign(new Error(code), { code });

/** A disk that holds `room` bytes and then answers ENOSPC, as a full USB stick does. */
function diskWithRoom(room: number): ExportWriterOptions['openFile'] {
  let used = 0;
  return async (path) => {
    const handle = await open(path, 'wx');
    const file: ExportFileHandle = {
      async write(buffer, offset, length) {
        const fits = Math.min(length, room - used);
        if (fits <= 0) {
          throw fault('ENOSPC');
        }
        used += fits;
        return handle.write(buffer, offset, fits);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
    return file;
  };
}

async function opened(w = writer(), into = dir): Promise<string> {
  const result = await w.open(into);
  if (!result.ok) {
    throw new Error(`export-open failed: ${result.reason}`);
  }
  return result.exportId;
}

describe('an export to a disk', () => {
  it('writes both files in pieces and names them only when they are whole', async () => {
    const w = writer();
    const id = await opened(w);
    await w.append(id, 'csv', 'id,value\n');
    await w.append(id, 'json', '{"answers":[');
    await w.append(id, 'csv', 'a,3\nä,4\n');
    await w.append(id, 'json', ']}');
    expect((await readdir(dir)).sort()).toEqual([
      `hymy-t_01JD-${STAMP}.csv.part`,
      `hymy-t_01JD-${STAMP}.json.part`,
    ]);
    const done = await w.close(id, SUMMARY);
    const csv = join(dir, `hymy-t_01JD-${STAMP}.csv`);
    const json = join(dir, `hymy-t_01JD-${STAMP}.json`);
    expect(done).toEqual({
      ok: true,
      lastExport: { at: AT.toISOString(), ...SUMMARY, files: [csv, json] },
    });
    expect(await readFile(csv, 'utf8')).toBe('id,value\na,3\nä,4\n');
    expect(await readFile(json, 'utf8')).toBe('{"answers":[]}');
    expect((await readdir(dir)).sort()).toEqual([
      `hymy-t_01JD-${STAMP}.csv`,
      `hymy-t_01JD-${STAMP}.json`,
    ]);
  });

  it('a second export in the same second does not overwrite the first', async () => {
    const w = writer();
    await w.close(await opened(w), SUMMARY);
    const second = await w.close(await opened(w), SUMMARY);
    expect(second).toMatchObject({
      ok: true,
      lastExport: { files: [join(dir, `hymy-t_01JD-${STAMP}-2.csv`), expect.any(String)] },
    });
    expect(await readdir(dir)).toHaveLength(4);
  });

  it('keeps file names safe for any stick, whatever the terminal id holds', async () => {
    const w = writer({ fileStem: () => 'hymy-../../etc/x y' });
    await w.close(await opened(w), SUMMARY);
    expect((await readdir(dir)).sort()).toEqual([
      `hymy-_etc_x_y-${STAMP}.csv`,
      `hymy-_etc_x_y-${STAMP}.json`,
    ]);
  });

  it('stamps the name with the local date and time', () => {
    expect(exportTimestamp(new Date(2026, 11, 31, 23, 59, 58))).toBe('20261231-235958');
  });
});

describe('where an export cannot go', () => {
  it('refuses a relative path, a missing folder and a file', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    const w = writer();
    expect(await w.open('relative/dir')).toEqual({ ok: false, reason: 'not_a_directory' });
    expect(await w.open(join(dir, 'missing'))).toEqual({ ok: false, reason: 'not_a_directory' });
    expect(await w.open(file)).toEqual({ ok: false, reason: 'not_a_directory' });
  });

  it('says a disk it may not write is not writable, and leaves nothing there', async () => {
    let opens = 0;
    const w = writer({
      openFile: async (path) => {
        opens += 1;
        if (opens === 2) {
          throw fault('EROFS');
        }
        return open(path, 'wx');
      },
    });
    expect(await w.open(dir)).toEqual({ ok: false, reason: 'not_writable' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('an export that fails on the way', () => {
  it('a full disk says disk_full and leaves no file behind, half-written or whole', async () => {
    const w = writer({ openFile: diskWithRoom(10) });
    const id = await opened(w);
    expect(await w.append(id, 'csv', 'id,value\n')).toEqual({ ok: true });
    expect(await w.append(id, 'csv', 'a,3\n')).toEqual({ ok: false, reason: 'disk_full' });
    expect(await readdir(dir)).toEqual([]);
    expect(await w.append(id, 'csv', 'b,4\n')).toEqual({ ok: false, reason: 'unknown_export' });
    expect(await w.close(id, SUMMARY)).toEqual({ ok: false, reason: 'unknown_export' });
  });

  it('a disk that fails to flush says write_failed, and nothing gets a final name', async () => {
    const w = writer({
      openFile: async (path) => {
        const handle = await open(path, 'wx');
        return {
          write: (buffer, offset, length) => handle.write(buffer, offset, length),
          sync: () => Promise.reject(fault('EIO')),
          close: () => handle.close(),
        };
      },
    });
    const id = await opened(w);
    await w.append(id, 'json', '{}');
    expect(await w.close(id, SUMMARY)).toEqual({ ok: false, reason: 'write_failed' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('an unknown export is refused', async () => {
    expect(await writer().append('nope', 'csv', 'x')).toEqual({
      ok: false,
      reason: 'unknown_export',
    });
  });

  it('an export abandoned when the session closes leaves nothing behind', async () => {
    const w = writer();
    const id = await opened(w);
    await w.append(id, 'csv', 'id,value\n');
    await w.abandonAll();
    expect(await readdir(dir)).toEqual([]);
    expect(await w.close(id, SUMMARY)).toEqual({ ok: false, reason: 'unknown_export' });
  });
});

/** Bytes the files in `dir` hold. */
async function used(dir: string): Promise<number> {
  const sizes = await Promise.all(
    (await readdir(dir)).map(async (name) => (await stat(join(dir, name))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

describe('an export to the terminal’s own disk', () => {
  const RESERVE = 1000;

  /** The data dir on the same disk as `dir`, which has `room` bytes above the reserve. */
  function onOwnDisk(room: number, extra: Partial<ExportWriterOptions> = {}) {
    return writer({
      reserve: {
        places: [tmpdir()],
        reserveBytes: () => RESERVE,
        freeBytes: async () => RESERVE + room - (await used(dir)),
      },
      ...extra,
    });
  }

  it('stops before it would eat into the reserve kept for answers, as a full disk, leaving nothing', async () => {
    const w = onOwnDisk(30);
    const id = await opened(w);
    expect(await w.append(id, 'csv', 'id,value\n')).toEqual({ ok: true });
    expect(await w.append(id, 'json', '{"answers":[]}')).toEqual({ ok: true });
    expect(await w.append(id, 'csv', 'a,3\nb,4\n')).toEqual({ ok: false, reason: 'disk_full' });
    expect(await readdir(dir)).toEqual([]);
    expect(await w.append(id, 'csv', 'c,5\n')).toEqual({ ok: false, reason: 'unknown_export' });
  });

  it('does not start when the disk is already short of room', async () => {
    const w = onOwnDisk(-1);
    expect(await w.open(dir)).toEqual({ ok: false, reason: 'disk_full' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('goes on where the free space cannot be known (ENOSPC would still stop it)', async () => {
    const w = writer({
      reserve: {
        places: [tmpdir()],
        reserveBytes: () => RESERVE,
        freeBytes: () => Promise.resolve(null),
      },
    });
    const id = await opened(w);
    expect(await w.append(id, 'csv', 'id,value\n')).toEqual({ ok: true });
    expect(await w.close(id, SUMMARY)).toMatchObject({ ok: true });
  });

  it('leaves a stick on another disk free to fill, reserve or not', async () => {
    const asked: string[] = [];
    const w = writer({
      reserve: {
        places: ['/var/lib/hymy', '/var/lib/hymy/chromium-profile'],
        reserveBytes: () => RESERVE,
        deviceOf: (path) => Promise.resolve(path === dir ? 2 : 1),
        freeBytes: (path) => {
          asked.push(path);
          return Promise.resolve(0);
        },
      },
    });
    const id = await opened(w);
    expect(await w.append(id, 'csv', 'id,value\n')).toEqual({ ok: true });
    expect(await w.close(id, SUMMARY)).toMatchObject({ ok: true });
    expect(asked).toEqual([]);
  });
});

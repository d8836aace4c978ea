import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceAt, freeSpaceAt, statfsFreeBytes, type StatFs } from './free-space';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hymy-free-'));
  dirs.push(dir);
  return dir;
}

const fault = (code: string) => Object.assign(new Error(code), { code });

describe('the free space of a disk', () => {
  it('is blocks free for this process times their size, asked of the real disk by default', async () => {
    const dir = tempDir();
    const free = await freeSpaceAt(dir);
    expect(free.ok && free.bytes > 0).toBe(true);
    expect(statfsFreeBytes(dir)).toBeGreaterThan(0);
    const fake: StatFs = () => Promise.resolve({ bavail: 10n, bsize: 4096n });
    expect(await freeSpaceAt('/data', fake)).toEqual({ ok: true, bytes: 40_960 });
  });

  it('of a folder not made yet is that of the nearest folder that is', async () => {
    const asked: string[] = [];
    const fake: StatFs = (path) => {
      asked.push(path);
      return path === '/data'
        ? Promise.resolve({ bavail: 1, bsize: 4096 })
        : Promise.reject(fault('ENOENT'));
    };
    expect(await freeSpaceAt('/data/profile/Default', fake)).toEqual({ ok: true, bytes: 4096 });
    expect(asked).toEqual(['/data/profile/Default', '/data/profile', '/data']);
  });

  it('is a stable code, never a throw, where the disk cannot be asked', async () => {
    expect(await freeSpaceAt('/data', () => Promise.reject(fault('EIO')))).toEqual({
      ok: false,
      code: 'EIO',
    });
    expect(await freeSpaceAt('/a/b', () => Promise.reject(fault('ENOENT')))).toEqual({
      ok: false,
      code: 'ENOENT',
    });
    expect(statfsFreeBytes(join(tempDir(), 'missing'))).toBeNull();
  });
});

describe('the disk a path is on', () => {
  it('is its file system id, or the one it will be made on', async () => {
    const dir = tempDir();
    const dev = statSync(dir).dev;
    expect(await deviceAt(dir)).toBe(dev);
    expect(await deviceAt(join(dir, 'not', 'yet'))).toBe(dev);
  });
});

import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureDataDir, readJsonFile, writeJsonAtomic } from './data-dir';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'hymy-data-dir-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('the data dir', () => {
  it('is created for the owner only, nested dirs included', async () => {
    const root = join(parent, 'a', 'hymy');
    const paths = await ensureDataDir(root);
    expect(paths.root).toBe(root);
    expect(await modeOf(root)).toBe(0o700);
    expect(paths.chromiumProfile).toBe(join(root, 'chromium-profile'));
  });

  it('leaves an existing dir and its files as they are', async () => {
    const root = join(parent, 'existing');
    await mkdir(root, { mode: 0o750 });
    await writeFile(join(root, 'keep.txt'), 'kept');
    await ensureDataDir(root);
    expect(await readFile(join(root, 'keep.txt'), 'utf8')).toBe('kept');
  });
});

describe('writing and reading JSON files', () => {
  const Schema = z.object({ a: z.number() });

  it('a failed write leaves the old file and no temp file', async () => {
    const root = (await ensureDataDir(join(parent, 'd'))).root;
    const target = join(root, 'blocked.json');
    await mkdir(join(target, 'inside'), { recursive: true });
    await expect(writeJsonAtomic(target, { a: 1 })).rejects.toThrow();
    expect(await readdir(root)).toEqual(['blocked.json']);
  });

  it('reads back what it wrote, validated', async () => {
    await writeJsonAtomic(join(parent, 'x.json'), { a: 1 });
    expect(await readJsonFile(join(parent, 'x.json'), Schema)).toEqual({
      ok: true,
      value: { a: 1 },
    });
    expect(await modeOf(join(parent, 'x.json'))).toBe(0o600);
  });

  it('a file of the wrong shape is invalid at the field', async () => {
    await writeJsonAtomic(join(parent, 'x.json'), { a: 'one' });
    expect(await readJsonFile(join(parent, 'x.json'), Schema)).toMatchObject({
      ok: false,
      reason: 'invalid',
      field: 'a',
    });
  });
});

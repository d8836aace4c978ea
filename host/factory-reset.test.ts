import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetEnrollment } from './factory-reset';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hymy-reset-'));
  for (const file of ['settings.json', 'config.json', 'config.etag', 'pin-lock.json']) {
    await writeFile(join(dataDir, file), '{}');
  }
  await writeFile(join(dataDir, 'hardware-id'), '"hw-0123456789ab"');
  await mkdir(join(dataDir, 'exports'));
  await writeFile(join(dataDir, 'exports', 'hymy-t_1-20260302-090507.csv'), 'id\n');
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('forgetting the enrollment', () => {
  it('removes the settings, the config and the PIN lock, and keeps the id and the exports', async () => {
    expect(await forgetEnrollment(dataDir)).toEqual({ ok: true });
    expect((await readdir(dataDir)).sort()).toEqual(['exports', 'hardware-id']);
    expect(await readdir(join(dataDir, 'exports'))).toHaveLength(1);
  });

  it('is done already when the files are gone', async () => {
    await forgetEnrollment(dataDir);
    expect(await forgetEnrollment(dataDir)).toEqual({ ok: true });
  });

  it('says it failed when a file cannot be removed, and the settings (the enrollment) stay', async () => {
    await rm(join(dataDir, 'pin-lock.json'));
    await mkdir(join(dataDir, 'pin-lock.json'));
    await writeFile(join(dataDir, 'pin-lock.json', 'inside'), '');
    expect(await forgetEnrollment(dataDir)).toMatchObject({
      ok: false,
      code: expect.any(String) as unknown,
    });
    const left = await readdir(dataDir);
    expect(left).not.toContain('config.json');
    expect(left).toContain('settings.json');
  });
});

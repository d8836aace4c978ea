import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRemovableRoots, isMountPoint, listExportTargets } from './export-targets';

let root: string;
let media: string;
let dataDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-targets-'));
  media = join(root, 'media');
  dataDir = join(root, 'data');
  await mkdir(join(media, 'KINGSTON'), { recursive: true });
  await mkdir(join(media, 'not-mounted'));
  await writeFile(join(media, 'a-file'), '');
  await mkdir(dataDir);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Which folders the test pretends are mount points (a real mount needs root and a disk). */
const mountedAt =
  (...paths: string[]) =>
  (path: string): Promise<boolean> =>
    Promise.resolve(paths.includes(path));

describe('the places an export can go', () => {
  it('lists the mounted disks by their folder name, then the terminal itself', async () => {
    const targets = await listExportTargets({
      dataDir,
      removableRoots: [media, join(root, 'no-such-root')],
      isMountPoint: mountedAt(join(media, 'KINGSTON')),
    });
    expect(targets).toEqual([
      {
        path: join(media, 'KINGSTON'),
        label: 'KINGSTON',
        kind: 'removable',
        freeBytes: expect.any(Number) as unknown,
      },
      {
        path: join(dataDir, 'exports'),
        label: 'this terminal',
        kind: 'local',
        freeBytes: expect.any(Number) as unknown,
      },
    ]);
    expect(targets[1]?.freeBytes).toBeGreaterThan(0);
    expect((await stat(join(dataDir, 'exports'))).isDirectory()).toBe(true);
  });

  it('lists a disk found under two roots once', async () => {
    const targets = await listExportTargets({
      dataDir,
      removableRoots: [media, media],
      isMountPoint: mountedAt(join(media, 'KINGSTON')),
    });
    expect(targets.filter((target) => target.kind === 'removable')).toHaveLength(1);
  });

  it('still offers the disks when the data dir cannot hold an exports folder', async () => {
    const file = join(root, 'a-file-as-data-dir');
    await writeFile(file, '');
    const targets = await listExportTargets({
      dataDir: file,
      removableRoots: [media],
      isMountPoint: mountedAt(join(media, 'KINGSTON')),
    });
    expect(targets.map((target) => target.label)).toEqual(['KINGSTON']);
  });

  it('tells a mount point from a plain folder by its device', async () => {
    expect(await isMountPoint('/proc')).toBe(true);
    expect(await isMountPoint(join(media, 'not-mounted'))).toBe(false);
    expect(await isMountPoint(join(media, 'missing'))).toBe(false);
  });

  it('looks where desktops and people mount sticks', () => {
    expect(defaultRemovableRoots()).toEqual(expect.arrayContaining(['/media', '/mnt']));
  });
});

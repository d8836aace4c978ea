import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { runElectron } from './run-electron';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hymy-run-electron-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm start with Electron installed', () => {
  it('runs the binary on the repo root with the data dir, as Electron rather than Node', async () => {
    const record = join(dir, 'record.txt');
    const binary = join(dir, 'electron');
    await writeFile(
      binary,
      `#!/bin/sh\nprintf '%s\\n' "$@" "run-as-node=\${ELECTRON_RUN_AS_NODE:-unset}" > '${record}'\nexit 7\n`,
    );
    await chmod(binary, 0o755);
    const code = await runElectron({
      binary,
      repoRoot: '/repo',
      dataDir: '/data',
      logger: silentLogger,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      runningAsRoot: false,
    });
    expect(code).toBe(7);
    expect((await readFile(record, 'utf8')).split('\n')).toEqual([
      '/repo',
      '--data-dir',
      '/data',
      'run-as-node=unset',
      '',
    ]);
  });

  it('adds --no-sandbox only when run as root, where Chromium refuses to start without it', async () => {
    const record = join(dir, 'record.txt');
    const binary = join(dir, 'electron');
    await writeFile(binary, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
    await chmod(binary, 0o755);
    await runElectron({
      binary,
      repoRoot: '/repo',
      dataDir: '/data',
      logger: silentLogger,
      runningAsRoot: true,
    });
    expect((await readFile(record, 'utf8')).trim().split('\n')).toEqual([
      '/repo',
      '--data-dir',
      '/data',
      '--no-sandbox',
    ]);
  });

  it('a binary that cannot start is exit code 1', async () => {
    const code = await runElectron({
      binary: join(dir, 'missing'),
      repoRoot: '/repo',
      dataDir: '/data',
      logger: silentLogger,
    });
    expect(code).toBe(1);
  });
});

import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../core/demo';
import { TerminalConfigSchema } from '../core/terminal-config';
import { dataDirPaths, ensureDataDir } from './data-dir';
import { readConfig, readSettings, writeConfig, writeSettings } from './terminal-files';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'hymy-terminal-files-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('settings.json', () => {
  it('is written readable by the owner only, even over a looser old file', async () => {
    const root = (await ensureDataDir(join(parent, 'd'))).root;
    await writeFile(dataDirPaths(root).settings, '{}', { mode: 0o644 });
    await writeSettings(root, { terminalId: 't_1', token: 'secret-token', serial: 'auto' });
    expect(await modeOf(dataDirPaths(root).settings)).toBe(0o600);
    expect(await readSettings(root)).toEqual({
      ok: true,
      value: { terminalId: 't_1', token: 'secret-token', serial: 'auto' },
    });
  });

  it('is replaced whole: no temp file stays behind, concurrent writes never mix', async () => {
    const root = (await ensureDataDir(join(parent, 'd'))).root;
    const writes = Array.from({ length: 20 }, (_, i) =>
      writeSettings(root, { terminalId: `t_${i}`, token: 'x'.repeat(300 + i) }),
    );
    await Promise.all(writes);
    expect(await readdir(root)).toEqual(['settings.json']);
    const read = await readSettings(root);
    expect(read.ok).toBe(true);
    if (read.ok) {
      const i = Number(read.value.terminalId?.slice(2));
      expect(read.value.token).toHaveLength(300 + i);
    }
  });

  it('reports a missing file as missing', async () => {
    expect(await readSettings(parent)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('config.json', () => {
  it('round-trips a valid config', async () => {
    const config = TerminalConfigSchema.parse(DEMO_CONFIG);
    await writeConfig(parent, config);
    expect(await readConfig(parent)).toEqual({ ok: true, value: config });
  });

  it('names the field when the config is invalid', async () => {
    const bad = { ...DEMO_CONFIG, timing: { thankYouMs: -5 } };
    await writeFile(join(parent, 'config.json'), JSON.stringify(bad));
    expect(await readConfig(parent)).toMatchObject({
      ok: false,
      reason: 'invalid',
      field: 'timing.thankYouMs',
    });
  });

  it('calls a file that is not JSON invalid at its root', async () => {
    await writeFile(join(parent, 'config.json'), '{"terminalId": ');
    expect(await readConfig(parent)).toEqual({
      ok: false,
      reason: 'invalid',
      field: '(root)',
      message: 'not valid JSON',
    });
  });

  it('calls a file it cannot read unreadable, with the system code', async () => {
    await mkdir(join(parent, 'config.json'));
    expect(await readConfig(parent)).toEqual({ ok: false, reason: 'unreadable', code: 'EISDIR' });
  });
});

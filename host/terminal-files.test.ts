import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../core/demo';
import { TerminalConfigSchema } from '../core/terminal-config';
import { dataDirPaths, ensureDataDir } from './data-dir';
import {
  isEnrolled,
  readConfig,
  readSettings,
  updateSettings,
  withDefaultLanguage,
  writeConfig,
  writeSettings,
} from './terminal-files';

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

describe('changing some settings', () => {
  it('keeps the others as the file holds them, and removes a field set to undefined', async () => {
    const root = (await ensureDataDir(join(parent, 'd'))).root;
    await writeSettings(root, { terminalId: 't_1', token: 'secret-token', defaultLanguage: 'fi' });
    expect(await updateSettings(root, { defaultLanguage: 'sv' })).toEqual({
      terminalId: 't_1',
      token: 'secret-token',
      defaultLanguage: 'sv',
    });
    await updateSettings(root, { defaultLanguage: undefined });
    expect(await readSettings(root)).toEqual({
      ok: true,
      value: { terminalId: 't_1', token: 'secret-token' },
    });
    expect(await modeOf(dataDirPaths(root).settings)).toBe(0o600);
  });

  it('never writes over a settings file it cannot read (it may hold the token)', async () => {
    const root = (await ensureDataDir(join(parent, 'd'))).root;
    await writeFile(dataDirPaths(root).settings, '{"token": ');
    await expect(updateSettings(root, { defaultLanguage: 'sv' })).rejects.toThrow();
    expect(await readSettings(root)).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('a sealed token in the settings', () => {
  it('counts as an enrollment, like a plain token', () => {
    const sealedToken = { scheme: 'electron-safe-storage' as const, data: 'c2VhbGVk' };
    expect(isEnrolled({ sealedToken })).toBe(true);
    expect(isEnrolled({ token: 'plain-token' })).toBe(true);
    expect(isEnrolled({ serial: 'auto' })).toBe(false);
  });

  it('of an unknown scheme, or not base64, makes the settings invalid and names the field', async () => {
    await ensureDataDir(parent);
    for (const sealedToken of [
      { scheme: 'rot13', data: 'c2VhbGVk' },
      { scheme: 'electron-safe-storage', data: 'not base64!' },
    ]) {
      await writeFile(dataDirPaths(parent).settings, JSON.stringify({ sealedToken }));
      expect(await readSettings(parent)).toMatchObject({
        ok: false,
        reason: 'invalid',
        field: expect.stringMatching(/^sealedToken\./) as string,
      });
    }
  });
});

describe('the default language the technician chose', () => {
  const config = TerminalConfigSchema.parse({ ...DEMO_CONFIG, languages: ['fi', 'sv'] });

  it('is laid over the config while the config offers it', () => {
    expect(withDefaultLanguage(config, 'sv').defaultLanguage).toBe('sv');
    expect(withDefaultLanguage(config, 'en')).toBe(config);
    expect(withDefaultLanguage(config, undefined)).toBe(config);
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

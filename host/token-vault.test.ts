import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataDirPaths } from './data-dir';
import { createLogger } from './log';
import { readSettings, writeSettings } from './terminal-files';
import { fileVault, loadToken, readToken } from './token-vault';
import { keystoreVault } from './fake-keystore-vault';

const TOKEN = 'tok_t_first_0123456789abcdef';

let dataDir: string;
let lines: string[];
const logger = () => createLogger({ write: (line) => lines.push(line) });
const events = () => lines.map((line) => (JSON.parse(line) as { event: string }).event);
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hymy-vault-'));
  lines = [];
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function settingsText(): Promise<string> {
  return readFile(dataDirPaths(dataDir).settings, 'utf8');
}

describe('reading the token', () => {
  it('tells a plain, a sealed, an unopenable and a missing token apart', () => {
    const vault = keystoreVault('here');
    const sealed = vault.seal(TOKEN).sealedToken!;
    expect(readToken({ token: TOKEN }, vault)).toEqual({ state: 'plain', token: TOKEN });
    expect(readToken({ sealedToken: sealed }, vault)).toEqual({ state: 'sealed', token: TOKEN });
    expect(readToken({ sealedToken: sealed }, keystoreVault('elsewhere'))).toEqual({
      state: 'unopenable',
    });
    expect(readToken({ sealedToken: sealed }, fileVault)).toEqual({ state: 'unopenable' });
    expect(readToken({ terminalId: 't_first' }, vault)).toEqual({ state: 'none' });
  });

  it('the file vault keeps the token plain', () => {
    expect(fileVault.available()).toBe(false);
    expect(fileVault.seal(TOKEN)).toEqual({ token: TOKEN, sealedToken: undefined });
  });
});

describe('sealing a plain token at start', () => {
  it('replaces the plain token with the sealed one: no plain token left, owner-only file', async () => {
    await writeSettings(dataDir, { apiUrl: 'https://api.example', terminalId: 't', token: TOKEN });
    const vault = keystoreVault('here');
    const loaded = await loadToken(dataDir, { token: TOKEN }, vault, logger());
    expect(loaded.read).toEqual({ state: 'sealed', token: TOKEN });
    const text = await settingsText();
    expect(text).not.toContain(TOKEN);
    expect((await stat(dataDirPaths(dataDir).settings)).mode & 0o777).toBe(0o600);
    const reread = await readSettings(dataDir);
    expect(reread).toMatchObject({ ok: true, value: { apiUrl: 'https://api.example' } });
    if (!reread.ok) {
      throw new Error('settings unreadable');
    }
    expect(reread.value.token).toBeUndefined();
    expect(readToken(reread.value, vault)).toEqual({ state: 'sealed', token: TOKEN });
    expect(loaded.settings).toEqual(reread.value);
    expect(events()).toContain('token_sealed');
    expect(lines.join('')).not.toContain(TOKEN);
  });

  it('a sealing that does not open back to the token is not written: the plain one stays', async () => {
    await writeSettings(dataDir, { token: TOKEN });
    const loaded = await loadToken(
      dataDir,
      { token: TOKEN },
      keystoreVault('here', { sealsBadly: true }),
      logger(),
    );
    expect(loaded.read).toEqual({ state: 'plain', token: TOKEN });
    expect(JSON.parse(await settingsText())).toEqual({ token: TOKEN });
    expect(events()).toContain('token_not_sealed');
  });

  it('a settings file it cannot rewrite keeps the plain token working', async () => {
    await writeSettings(dataDir, { token: TOKEN });
    const before = await settingsText();
    // A data dir that is not there: the write fails, and the plain token is not lost.
    const loaded = await loadToken(
      join(dataDir, 'missing-dir'),
      { token: TOKEN },
      keystoreVault('here'),
      logger(),
    );
    expect(loaded.read).toEqual({ state: 'plain', token: TOKEN });
    expect(await settingsText()).toBe(before);
    expect(events()).toContain('token_seal_not_saved');
  });

  it('the file vault leaves a plain token as it is', async () => {
    await writeSettings(dataDir, { token: TOKEN });
    const before = await settingsText();
    const loaded = await loadToken(dataDir, { token: TOKEN }, fileVault, logger());
    expect(loaded.read).toEqual({ state: 'plain', token: TOKEN });
    expect(await settingsText()).toBe(before);
  });

  it('a sealed token the keystore no longer opens is logged, not thrown', async () => {
    const sealed = keystoreVault('old').seal(TOKEN).sealedToken!;
    const loaded = await loadToken(
      dataDir,
      { sealedToken: sealed },
      keystoreVault('new'),
      logger(),
    );
    expect(loaded.read).toEqual({ state: 'unopenable' });
    expect(events()).toContain('token_unopenable');
  });
});

import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalConfigSchema } from '../core/terminal-config';
import {
  deadApiUrl,
  sampleConfig,
  sampleEnrollAnswer,
  SAMPLE_TOKEN,
  sendError,
  sendJson,
  startFakeCentral,
  type Answer,
  type FakeCentral,
} from './fake-central';
import { CONFIG_ETAG_FILE } from './config-poller';
import { ensureDataDir } from './data-dir';
import { enrollFailureReason, enrollTerminal, type EnrollTerminalOptions } from './enrollment';
import { hardwareIdFromMachineId, HARDWARE_ID_FILE } from './hardware-id';
import { verifyPin } from './pin';
import { readConfig, readSettings, writeConfig, writeSettings } from './terminal-files';
import { fileVault, readToken } from './token-vault';
import { keystoreVault } from './fake-keystore-vault';

const MACHINE_ID = '4c4c4544004d3510804ab4c04f4e4b32';

let central: FakeCentral | null = null;
let root: string;
let dataDir: string;
let machineIdFile: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-enroll-'));
  dataDir = join(root, 'data');
  machineIdFile = join(root, 'machine-id');
  await writeFile(machineIdFile, `${MACHINE_ID}\n`);
});
afterEach(async () => {
  await central?.close();
  central = null;
  await rm(root, { recursive: true, force: true });
});

async function serve(answer: Answer): Promise<FakeCentral> {
  central = await startFakeCentral(answer);
  return central;
}

const enrolled: Answer = (_request, response) => sendJson(response, 201, sampleEnrollAnswer());

function options(apiUrl: string, extra: Partial<EnrollTerminalOptions> = {}) {
  return {
    dataDir,
    apiUrl,
    code: 'k7qd m3xp',
    appVersion: '0.1.0',
    hardwareId: { machineIdFiles: [machineIdFile] },
    ...extra,
  };
}

/** Every file under the test root, with its content: to show that nothing changed. */
async function snapshot(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(root, { recursive: true })) {
    const path = join(root, name);
    files[name] = (await stat(path)).isDirectory() ? '<dir>' : await readFile(path, 'utf8');
  }
  return files;
}

describe('enrolling the terminal', () => {
  it('spends the code once and writes owner-only settings and the first config', async () => {
    const api = await serve(enrolled);
    const outcome = await enrollTerminal(
      options(api.url, { pin: '482913', serial: { kind: 'path', path: '/dev/hymy-box' } }),
    );
    expect(outcome).toMatchObject({
      ok: true,
      terminalId: 't_01JDTEST',
      unitId: 'khks-lapset',
      hardwareId: hardwareIdFromMachineId(MACHINE_ID),
      replacedInvalidSettings: false,
    });
    expect(JSON.parse(api.requests[0]!.body)).toEqual({
      code: 'K7QD-M3XP',
      hardwareId: hardwareIdFromMachineId(MACHINE_ID),
      appVersion: '0.1.0',
    });

    const settings = await readSettings(dataDir);
    expect(settings).toEqual({
      ok: true,
      value: {
        apiUrl: api.url,
        terminalId: 't_01JDTEST',
        token: SAMPLE_TOKEN,
        serial: '/dev/hymy-box',
        pinHash: expect.stringMatching(/^scrypt\$/) as string,
      },
    });
    expect(settings.ok && (await verifyPin('482913', settings.value.pinHash!))).toBe(true);
    expect(await readConfig(dataDir)).toEqual({
      ok: true,
      value: TerminalConfigSchema.parse(sampleConfig('t_01JDTEST')),
    });
    for (const file of ['settings.json', 'config.json']) {
      expect((await stat(join(dataDir, file))).mode & 0o777).toBe(0o600);
    }
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('keeps the serial and PIN already set when none are given', async () => {
    const api = await serve(enrolled);
    await ensureDataDir(dataDir);
    await writeSettings(dataDir, {
      apiUrl: 'https://old.example',
      terminalId: 't_old',
      token: 'old-token-old-token-old',
      serial: 'auto',
      pinHash: 'scrypt$old',
    });
    expect((await enrollTerminal(options(api.url))).ok).toBe(true);
    expect(await readSettings(dataDir)).toEqual({
      ok: true,
      value: {
        apiUrl: api.url,
        terminalId: 't_01JDTEST',
        token: SAMPLE_TOKEN,
        serial: 'auto',
        pinHash: 'scrypt$old',
      },
    });
  });

  it("re-enrolled, forgets the old config's ETag with the old config", async () => {
    const api = await serve(enrolled);
    await ensureDataDir(dataDir);
    await writeConfig(dataDir, TerminalConfigSchema.parse(sampleConfig('t_old')));
    await writeFile(join(dataDir, CONFIG_ETAG_FILE), '"\\"old\\""\n');
    expect((await enrollTerminal(options(api.url))).ok).toBe(true);
    expect(await readdir(dataDir)).not.toContain(CONFIG_ETAG_FILE);
    const config = await readConfig(dataDir);
    expect(config.ok && config.value.terminalId).toBe('t_01JDTEST');
  });

  it('replaces settings it cannot read, and says so', async () => {
    const api = await serve(enrolled);
    await ensureDataDir(dataDir);
    await writeFile(join(dataDir, 'settings.json'), '{"apiUrl": 42}');
    expect(await enrollTerminal(options(api.url))).toMatchObject({
      ok: true,
      replacedInvalidSettings: true,
    });
    expect((await readSettings(dataDir)).ok).toBe(true);
  });

  it('keeps a made-up hardware id only once enrolled, where there is no machine id', async () => {
    const api = await serve(enrolled);
    const noMachineId = { hardwareId: { machineIdFiles: [] } };
    const outcome = await enrollTerminal(options(api.url, noMachineId));
    expect(outcome.ok).toBe(true);
    const stored = JSON.parse(await readFile(join(dataDir, HARDWARE_ID_FILE), 'utf8')) as string;
    expect(outcome.ok && outcome.hardwareId).toBe(stored);
  });

  describe('writes nothing when it fails', () => {
    it.each([
      ['a malformed code', { code: 'K7QD-M3X0' }, 'code_malformed'],
      ['a PIN of three digits', { pin: '123' }, 'pin_malformed'],
      ['a PIN with a letter', { pin: '12a4' }, 'pin_malformed'],
      ['an API URL that is not http', { apiUrl: 'ftp://central.example' }, 'api_url_invalid'],
    ])('%s, without spending the code', async (_name, extra, reason) => {
      const api = await serve(enrolled);
      const before = await snapshot();
      expect(await enrollTerminal(options(api.url, extra))).toEqual({ ok: false, reason });
      expect(api.requests).toHaveLength(0);
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      [
        'an unknown code',
        (r: Parameters<Answer>[1]) => sendError(r, 404, 'code_unknown'),
        'code_unknown',
      ],
      ['a used code', (r: Parameters<Answer>[1]) => sendError(r, 410, 'code_used'), 'code_used'],
      [
        'an expired code',
        (r: Parameters<Answer>[1]) => sendError(r, 410, 'code_expired'),
        'code_expired',
      ],
      [
        'a server fault',
        (r: Parameters<Answer>[1]) => sendError(r, 500, 'internal'),
        'server_error',
      ],
      ['an answer that does not parse', (r: Parameters<Answer>[1]) => r.end('{}'), 'server_error'],
    ])('%s', async (_name, answer, reason) => {
      const api = await serve((_request, response) => answer(response));
      await ensureDataDir(dataDir);
      await writeSettings(dataDir, { serial: 'auto' });
      const before = await snapshot();
      expect(await enrollTerminal(options(api.url, { pin: '1234' }))).toEqual({
        ok: false,
        reason,
      });
      expect(await snapshot()).toEqual(before);
    });

    it('an API that cannot be reached, not even making the data dir', async () => {
      const outcome = await enrollTerminal(
        options(await deadApiUrl(), { hardwareId: { machineIdFiles: [] } }),
      );
      expect(outcome).toEqual({ ok: false, reason: 'unreachable' });
      expect(await readdir(root)).toEqual(['machine-id']);
    });

    it('a data dir that cannot be written, found before the code is spent', async () => {
      const api = await serve(enrolled);
      await mkdir(join(root, 'blocked'));
      await writeFile(join(root, 'blocked', 'file'), '');
      const outcome = await enrollTerminal(
        options(api.url, { dataDir: join(root, 'blocked', 'file', 'data') }),
      );
      expect(outcome).toEqual({ ok: false, reason: 'data_dir_unusable', code: 'ENOTDIR' });
      expect(api.requests).toHaveLength(0);
    });
  });
});

describe('where enrollment keeps the token', () => {
  it('sealed by the keystore when one is there: no plain token in the owner-only file', async () => {
    const api = await serve(enrolled);
    const vault = keystoreVault('here');
    expect(await enrollTerminal(options(api.url, { tokenVault: vault }))).toMatchObject({
      ok: true,
    });
    const text = await readFile(join(dataDir, 'settings.json'), 'utf8');
    expect(text).not.toContain(SAMPLE_TOKEN);
    expect((await stat(join(dataDir, 'settings.json'))).mode & 0o777).toBe(0o600);
    const settings = await readSettings(dataDir);
    expect(settings.ok).toBe(true);
    expect(settings.ok && 'token' in settings.value).toBe(false);
    expect(settings.ok && readToken(settings.value, vault)).toEqual({
      state: 'sealed',
      token: SAMPLE_TOKEN,
    });
  });

  it('plain where no keystore can seal it, and the old sealed token goes', async () => {
    const api = await serve(enrolled);
    await ensureDataDir(dataDir);
    // Sealed by a keystore this machine lost: the technician enrolls again (here, from the CLI).
    await writeSettings(dataDir, {
      terminalId: 't_old',
      sealedToken: keystoreVault('lost').seal('old-token-old-token-old').sealedToken,
      serial: 'auto',
    });
    expect(await enrollTerminal(options(api.url, { tokenVault: fileVault }))).toMatchObject({
      ok: true,
    });
    const settings = await readSettings(dataDir);
    expect(settings).toEqual({
      ok: true,
      value: { apiUrl: api.url, terminalId: 't_01JDTEST', token: SAMPLE_TOKEN, serial: 'auto' },
    });
  });

  it('a re-enrollment with the keystore replaces an old plain token with the sealed new one', async () => {
    const api = await serve(enrolled);
    await ensureDataDir(dataDir);
    await writeSettings(dataDir, { terminalId: 't_old', token: 'old-token-old-token-old' });
    await enrollTerminal(options(api.url, { tokenVault: keystoreVault('here') }));
    const text = await readFile(join(dataDir, 'settings.json'), 'utf8');
    expect(text).not.toContain('old-token-old-token-old');
    expect(text).not.toContain(SAMPLE_TOKEN);
    expect(JSON.parse(text)).toMatchObject({ terminalId: 't_01JDTEST' });
  });
});

describe('what the first-run screen says of a failure', () => {
  it.each([
    ['code_used', 'code_used'],
    ['code_expired', 'code_expired'],
    ['code_unknown', 'code_unknown'],
    ['unreachable', 'unreachable'],
    ['rate_limited', 'server_busy'],
    ['server_error', 'server_busy'],
    ['rejected', 'server_refused'],
    ['data_dir_unusable', 'not_saved'],
    ['not_saved', 'not_saved'],
    ['pin_malformed', 'pin_malformed'],
  ] as const)('%s is shown as %s', (reason, shown) => {
    expect(enrollFailureReason(reason)).toBe(shown);
  });
});

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../app-info';
import {
  deadApiUrl,
  sampleEnrollAnswer,
  SAMPLE_TOKEN,
  sendError,
  sendJson,
  startFakeCentral,
  type Answer,
  type FakeCentral,
} from '../fake-central';
import { verifyPin } from '../pin';
import { readConfig, readSettings } from '../terminal-files';

type Ran = { code: number | null; stdout: string; stderr: string };

let root: string;
let dataDir: string;
let central: FakeCentral | null = null;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-provision-'));
  dataDir = join(root, 'data');
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

/** As `npm run provision -- …` runs it: one Node process with tsx as its loader. */
function provision(args: string[]): Promise<Ran> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'host', 'cli', 'provision.ts'), ...args],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const SLOW = { timeout: 30_000 };
const enrolled: Answer = (_request, response) => sendJson(response, 201, sampleEnrollAnswer());

describe('npm run provision', () => {
  it(
    'enrolls, prints "provisioned <terminalId> unit <unitId>" and writes owner-only settings',
    SLOW,
    async () => {
      const api = await serve(enrolled);
      const ran = await provision([
        '--data-dir',
        dataDir,
        '--api',
        api.url,
        '--code',
        'k7qd-m3xp',
        '--pin',
        '2580',
        '--serial',
        'none',
      ]);
      expect(ran).toMatchObject({ code: 0, stdout: 'provisioned t_01JDTEST unit khks-lapset\n' });
      expect(JSON.parse(api.requests[0]!.body)).toMatchObject({
        code: 'K7QD-M3XP',
        hardwareId: expect.stringMatching(/^hw-[0-9a-f]{12}$/) as string,
      });
      const settings = await readSettings(dataDir);
      expect(settings).toMatchObject({
        ok: true,
        value: { apiUrl: api.url, terminalId: 't_01JDTEST', token: SAMPLE_TOKEN, serial: 'none' },
      });
      expect(settings.ok && (await verifyPin('2580', settings.value.pinHash ?? ''))).toBe(true);
      expect((await readConfig(dataDir)).ok).toBe(true);
      for (const file of ['settings.json', 'config.json']) {
        expect((await stat(join(dataDir, file))).mode & 0o777).toBe(0o600);
      }
    },
  );

  it.each([
    [
      'an unknown code',
      (r: Parameters<Answer>[1]) => sendError(r, 404, 'code_unknown'),
      'does not know',
    ],
    [
      'a used code',
      (r: Parameters<Answer>[1]) => sendError(r, 410, 'code_used'),
      'already been used',
    ],
    ['an expired code', (r: Parameters<Answer>[1]) => sendError(r, 410, 'code_expired'), 'expired'],
  ])(
    'exits 2 for %s, says why in one line, and writes nothing',
    SLOW,
    async (_name, answer, words) => {
      const api = await serve((_request, response) => answer(response));
      const ran = await provision(['--data-dir', dataDir, '--api', api.url, '--code', 'K7QD-M3XP']);
      expect(ran.code).toBe(2);
      expect(ran.stdout).toBe('');
      expect(ran.stderr).toMatch(new RegExp(`^hymy: [^\\n]*${words}[^\\n]*\\n$`));
      expect(await readdir(root)).toEqual([]);
    },
  );

  it('exits 2 for a malformed code without asking the API', SLOW, async () => {
    const api = await serve(enrolled);
    const ran = await provision(['--data-dir', dataDir, '--api', api.url, '--code', 'K7QD-0000']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('not an enrollment code');
    expect(api.requests).toHaveLength(0);
    expect(await readdir(root)).toEqual([]);
  });

  it('exits 3 when the API cannot be reached, and writes nothing', SLOW, async () => {
    const api = await deadApiUrl();
    const ran = await provision(['--data-dir', dataDir, '--api', api, '--code', 'K7QD-M3XP']);
    expect(ran.code).toBe(3);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe(
      `hymy: the central API at ${api} cannot be reached; check the URL and the network\n`,
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('exits 1 when the API fails, and writes nothing', SLOW, async () => {
    const api = await serve((_request, response) => sendError(response, 500, 'internal'));
    const ran = await provision(['--data-dir', dataDir, '--api', api.url, '--code', 'K7QD-M3XP']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('the central API failed');
    expect(await readdir(root)).toEqual([]);
  });

  it.each([
    ['no --api', ['--code', 'K7QD-M3XP'], '--api is required'],
    ['an unknown option', ['--api', 'http://x', '--code', 'K7QD-M3XP', '--force'], "'--force'"],
    ['a bad --serial', ['--api', 'http://x', '--code', 'K7QD-M3XP', '--serial', ''], '--serial'],
  ])('exits 1 with the usage for %s', SLOW, async (_name, args, words) => {
    const ran = await provision(['--data-dir', dataDir, ...args]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(words);
    expect(ran.stderr).toContain('Usage: npm run provision');
    expect(await readdir(root)).toEqual([]);
  });

  it('exits 1 for a PIN that is not 4 to 8 digits, without spending the code', SLOW, async () => {
    const api = await serve(enrolled);
    const ran = await provision([
      '--data-dir',
      dataDir,
      '--api',
      api.url,
      '--code',
      'K7QD-M3XP',
      '--pin',
      '12',
    ]);
    expect(ran).toMatchObject({ code: 1, stderr: 'hymy: the PIN must be 4 to 8 digits\n' });
    expect(api.requests).toHaveLength(0);
  });

  it('explains itself and its exit codes on --help', SLOW, async () => {
    const ran = await provision(['--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      'Usage: npm run provision -- --data-dir DIR --api URL --code CODE',
    );
    expect(ran.stdout).toMatch(/Exit status: 0 enrolled; 2 .*code/);
    expect(ran.stdout).toContain('3 the API');
  });
});

import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CENTRAL_NODE_FLAGS } from '../node/central-flags';

const REPO = join(import.meta.dirname, '..');

type Run = {
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  /** Resolves with the first stdout line (never, if the program prints none). */
  firstLine: Promise<string>;
  kill(signal: NodeJS.Signals): void;
};

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(
    process.execPath,
    [...CENTRAL_NODE_FLAGS, '--import', 'tsx', 'server/cli.ts', ...args],
    {
      cwd: REPO,
      env: { ...process.env, HYMY_ADMIN_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let resolveLine: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => {
    resolveLine = resolve;
  });
  const run: Run = {
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    firstLine,
    kill: (signal) => child.kill(signal),
  };
  child.stdout.on('data', (chunk: Buffer) => {
    run.stdout += chunk.toString();
    const end = run.stdout.indexOf('\n');
    if (end >= 0) {
      resolveLine(run.stdout.slice(0, end));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}

describe('npm run server', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hymy-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts Node with the flags the server is measured with (node/central-flags.ts)', async () => {
    const manifest = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts['server']).toBe(
      `node ${CENTRAL_NODE_FLAGS.join(' ')} --import tsx server/cli.ts`,
    );
  });

  it('prints "central api ready <url>" once listening, serves, and stops cleanly on SIGTERM', async () => {
    const run = runCli(['--data-dir', join(dir, 'central'), '--port', '0'], {
      HYMY_ADMIN_TOKEN: 'cli-admin-token-0123456789',
    });
    const line = await run.firstLine;
    expect(line).toMatch(/^central api ready http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('central api ready '.length);
    const list = await fetch(`${url}/v1/admin/terminals`, {
      headers: { authorization: 'Bearer cli-admin-token-0123456789' },
    });
    expect(list.status).toBe(200);
    run.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stdout).toBe(`${line}\n`);
    // The log is JSON lines on stderr.
    for (const logLine of run.stderr.trim().split('\n')) {
      expect(() => JSON.parse(logLine) as unknown).not.toThrow();
    }
  }, 20_000);

  it('makes an admin token file when none is given, and says where on stderr', async () => {
    const run = runCli(['--data-dir', dir, '--port', '0']);
    await run.firstLine;
    run.kill('SIGINT');
    expect(await run.exit).toBe(0);
    const file = join(dir, 'admin-token');
    expect(run.stderr).toContain(`the admin token is in ${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  }, 20_000);

  it('makes the contact key pair with "keys": the public key last, the private key 0600, never replaced', async () => {
    const made = runCli(['keys', '--data-dir', dir]);
    expect(await made.exit).toBe(0);
    const lines = made.stdout.trim().split('\n');
    const publicKey = lines[lines.length - 1]!;
    expect(publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(publicKey, 'base64')).toHaveLength(32);
    const file = join(dir, 'contact-key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain(publicKey);
    const again = runCli(['keys', '--data-dir', dir]);
    expect(await again.exit).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(await readFile(file, 'utf8')).toContain(publicKey);
    // A key others may read stops the server.
    await chmod(file, 0o644);
    const refused = runCli(['--data-dir', dir, '--port', '0']);
    expect(await refused.exit).toBe(2);
    expect(refused.stderr).toContain('may be read by others');
    expect(refused.stdout).toBe('');
  }, 20_000);

  it('explains itself with --help, and refuses a bad port with exit code 2', async () => {
    const help = runCli(['--help']);
    expect(await help.exit).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run server -- --data-dir DIR/);
    const bad = runCli(['--data-dir', dir, '--port', 'http']);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr).toContain('--port must be a number');
  }, 20_000);
});

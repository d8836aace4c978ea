import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../app-info';
import { connect, makeRendererDir } from '../browser-host/test-fixtures';

type Run = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
};

let root: string;
let rendererDir: string;
const running: ChildProcess[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-cli-'));
  rendererDir = await makeRendererDir(root);
});
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      // The whole group, so that nothing the CLI started outlives the test.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // It ended meanwhile.
      }
    }
  }
  await rm(root, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string | undefined> = {}): Run {
  // As package.json's scripts run it: one Node process with tsx as its loader.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'host', 'cli', script), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, HYMY_RENDERER_DIR: rendererDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  running.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  // 'close', not 'exit': it comes after the output pipes are drained.
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the URL of the `kiosk ready <url>` line, and how long it took. */
async function ready(kiosk: Run, started: number): Promise<{ url: string; ms: number }> {
  const deadline = started + 15_000;
  while (Date.now() < deadline) {
    const match = /^kiosk ready (\S+)\n/m.exec(kiosk.stdout());
    if (match?.[1]) {
      return { url: match[1], ms: Date.now() - started };
    }
    if (kiosk.child.exitCode !== null) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no kiosk ready line; stderr:\n${kiosk.stderr()}`);
}

const SLOW = { timeout: 30_000 };

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('timed out');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('npm run kiosk:browser', () => {
  it('prints "kiosk ready <url>" once it serves, and stops cleanly on SIGTERM', SLOW, async () => {
    const started = Date.now();
    const kiosk = run('kiosk-browser.ts', ['--data-dir', join(root, 'data'), '--port', '0']);
    const { url, ms } = await ready(kiosk, started);
    process.stderr.write(`kiosk ready after ${ms} ms\n`);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#k=[\w-]{43}$/);
    expect(kiosk.stdout()).toBe(`kiosk ready ${url}\n`);

    const page = await fetch(new URL('/', url));
    expect(page.status).toBe(200);
    const parsed = new URL(url);
    const host = { url, origin: parsed.origin, port: Number(parsed.port), close: async () => {} };
    const bridge = await connect(host, parsed.hash.replace('#k=', ''));
    expect(bridge.ok).toBe(true);
    if (bridge.ok) {
      bridge.ws.close();
    }

    kiosk.child.kill('SIGTERM');
    expect(await kiosk.exited).toBe(0);
  });

  it('without --data-dir prints the usage and exits 2', SLOW, async () => {
    const kiosk = run('kiosk-browser.ts', ['--port', '0']);
    expect(await kiosk.exited).toBe(2);
    expect(kiosk.stderr()).toContain('--data-dir is required');
    expect(kiosk.stderr()).toContain('Usage: npm run kiosk:browser');
    expect(kiosk.stdout()).toBe('');
  });

  it('an unknown option or a bad port exits 2', SLOW, async () => {
    const unknown = run('kiosk-browser.ts', ['--data-dir', root, '--bogus']);
    const badPort = run('kiosk-browser.ts', ['--data-dir', root, '--port', '70000']);
    expect(await unknown.exited).toBe(2);
    expect(await badPort.exited).toBe(2);
    expect(badPort.stderr()).toContain('--port must be a number');
  });

  it('a taken port exits 1 with a message naming the port', SLOW, async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const kiosk = run('kiosk-browser.ts', [
        '--data-dir',
        join(root, 'data'),
        '--port',
        String(port),
      ]);
      expect(await kiosk.exited).toBe(1);
      expect(kiosk.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(kiosk.stdout()).toBe('');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('--open without a display says so and keeps serving', SLOW, async () => {
    const kiosk = run(
      'kiosk-browser.ts',
      ['--data-dir', join(root, 'data'), '--port', '0', '--open', '--serial', '/dev/ttyUSB9'],
      { DISPLAY: undefined, WAYLAND_DISPLAY: undefined },
    );
    const { url } = await ready(kiosk, Date.now());
    // stderr is another pipe than the `kiosk ready` line's, and the services load just after
    // it: these lines come shortly after.
    await until(() => kiosk.stderr().includes('there is no display'));
    await until(() => kiosk.stderr().includes('"event":"button_box_unavailable"'));
    expect((await fetch(new URL('/', url))).status).toBe(200);
    kiosk.child.kill('SIGINT');
    expect(await kiosk.exited).toBe(0);
  });

  it('--open gives the browser a one-time address, never the secret', SLOW, async () => {
    // A stand-in browser that writes down its command line and stays up, as Chromium would.
    const argsFile = join(root, 'browser-args');
    const browser = join(root, 'browser');
    const record = `printf '%s\\n' "$@" > '${argsFile}.tmp' && mv '${argsFile}.tmp' '${argsFile}'`;
    await writeFile(browser, `#!/bin/sh\n${record}\nexec sleep 30\n`);
    await chmod(browser, 0o755);
    const dataDir = join(root, 'data');
    const kiosk = run('kiosk-browser.ts', ['--data-dir', dataDir, '--port', '0', '--open'], {
      DISPLAY: ':0',
      HYMY_CHROMIUM: browser,
    });
    const { url } = await ready(kiosk, Date.now());
    const secret = new URL(url).hash.replace('#k=', '');
    await until(() => existsSync(argsFile));
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    expect(args.join(' ')).not.toContain(secret);
    const app = args.find((arg) => arg.startsWith('--app='))?.slice('--app='.length) ?? '';
    expect(new URL(app).origin).toBe(new URL(url).origin);

    // The browser's first request is sent on to the kiosk page, whose bridge then connects.
    const first = await fetch(app, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(url);
    const { origin, port } = new URL(url);
    const bridge = await connect({ origin, port: Number(port) }, secret);
    expect(bridge.ok).toBe(true);
    if (bridge.ok) {
      bridge.ws.close();
    }
    // Whoever reads the command line afterwards gets nothing.
    const replay = await fetch(app, { redirect: 'manual' });
    expect(replay.status).toBe(403);
    expect(replay.headers.get('location')).toBeNull();
    await until(() => kiosk.stderr().includes('"event":"launch_token_refused"'));

    kiosk.child.kill('SIGTERM');
    expect(await kiosk.exited).toBe(0);
  });

  it('--help prints the usage and exits 0', SLOW, async () => {
    const kiosk = run('kiosk-browser.ts', ['--help']);
    expect(await kiosk.exited).toBe(0);
    expect(kiosk.stdout()).toContain('--serial S');
    expect(kiosk.stdout()).toContain('--demo');
  });

  it.each([
    [['--demo'], 'demo'],
    [[], 'none'],
  ])(
    'a data dir never set up, started with %j, runs on config source %s',
    SLOW,
    async (extra, source) => {
      const dir = join(root, `data-${source}`);
      const kiosk = run('kiosk-browser.ts', ['--data-dir', dir, '--port', '0', ...extra]);
      const { url } = await ready(kiosk, Date.now());
      const parsed = new URL(url);
      const host = { url, origin: parsed.origin, port: Number(parsed.port), close: async () => {} };
      const bridge = await connect(host, parsed.hash.replace('#k=', ''));
      expect(bridge.ok).toBe(true);
      if (bridge.ok) {
        bridge.ws.send(JSON.stringify({ t: 'call', id: 1, name: 'status:get', args: null }));
        // Events (a first measure of free space) may come before the answer.
        let message = (await bridge.messages.next()) as { t: string };
        while (message.t === 'event') {
          message = (await bridge.messages.next()) as { t: string };
        }
        expect(message).toMatchObject({
          id: 1,
          ok: true,
          value: { configSource: source },
        });
        bridge.ws.close();
      }
      kiosk.child.kill('SIGTERM');
      expect(await kiosk.exited).toBe(0);
    },
  );
});

describe('npm start', () => {
  it('--help prints the usage, an unknown option exits 2', SLOW, async () => {
    const help = run('start.ts', ['--help']);
    const bad = run('start.ts', ['--port', '1']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain('Usage: npm start');
    expect(await bad.exited).toBe(2);
  });
});

import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../core/timers';
import { chromiumArgs, findChromium, hasDisplay, launchChromium } from './chromium';
import { createLogger } from './log';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hymy-chromium-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ write: (line) => lines.push(line) });
  const events = () => lines.map((line) => JSON.parse(line) as { event: string });
  return { logger, events };
}

const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('timed out');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('finding Chromium', () => {
  it('takes the first known browser name on PATH', () => {
    const present = new Set(['/opt/b/google-chrome', '/opt/a/chromium-browser']);
    expect(findChromium({ PATH: '/opt/a:/opt/b' }, (file) => present.has(file))).toBe(
      '/opt/a/chromium-browser',
    );
  });

  it('HYMY_CHROMIUM wins, and no browser at all is null', () => {
    expect(findChromium({ HYMY_CHROMIUM: '/x/chrome' }, () => true)).toBe('/x/chrome');
    expect(findChromium({ PATH: '/nowhere' }, () => false)).toBeNull();
  });
});

describe('the display', () => {
  it.each([
    [{}, 'linux', false],
    [{ DISPLAY: ':0' }, 'linux', true],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true],
    [{ DISPLAY: '' }, 'linux', false],
    [{}, 'darwin', true],
  ] as const)('%j on %s has a display: %s', (env, platform, expected) => {
    expect(hasDisplay(env, platform)).toBe(expected);
  });

  it('without a display, nothing is launched and the reason is returned', () => {
    const { logger } = capture();
    const result = launchChromium({
      url: () => 'http://x',
      profileDir: dir,
      logger,
      env: {},
      platform: 'linux',
    });
    expect(result).toEqual({ ok: false, reason: 'no_display' });
  });
});

describe('the kiosk arguments', () => {
  it('open the URL as a kiosk app on its own profile', () => {
    const args = chromiumArgs({
      url: 'http://127.0.0.1:1/launch/t',
      profileDir: '/d/p',
      runningAsRoot: false,
    });
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:1/launch/t');
    expect(args).toContain('--user-data-dir=/d/p');
    // No translation offer, and no deferring the answer's commit behind a frame.
    expect(args).toContain('--disable-features=DeferRendererTasksAfterInput,Translate');
    expect(args).not.toContain('--no-sandbox');
  });

  it('drop the sandbox only as root', () => {
    expect(chromiumArgs({ url: 'u', profileDir: 'p', runningAsRoot: true })).toContain(
      '--no-sandbox',
    );
  });
});

describe('keeping Chromium up', () => {
  it('a browser that exits is launched again, with a growing delay', async () => {
    const { logger, events } = capture();
    const browser = await script('crashy', 'exit 3');
    const launch = launchChromium({
      url: () => 'http://x',
      profileDir: dir,
      logger,
      env: { DISPLAY: ':0' },
      executable: browser,
      backoff: { initialMs: 10, maxMs: 40, stableMs: 60_000 },
    });
    expect(launch.ok).toBe(true);
    await until(() => events().filter((line) => line.event === 'chromium_launched').length >= 5);
    if (launch.ok) {
      await launch.stop();
    }
    const retries = events()
      .filter((line) => line.event === 'chromium_exited')
      .map((line) => (line as { retryInMs?: number; code?: number }).retryInMs);
    expect(retries.slice(0, 4)).toEqual([10, 20, 40, 40]);
  });

  it('every launch opens a fresh address, asked for just before it starts', async () => {
    const { logger, events } = capture();
    const argsFile = join(dir, 'args');
    const browser = await script('crashy', `echo "$@" >> '${argsFile}'; exit 3`);
    let issued = 0;
    const launch = launchChromium({
      url: () => `http://127.0.0.1:1/launch/t${(issued += 1)}`,
      profileDir: dir,
      logger,
      env: { DISPLAY: ':0' },
      executable: browser,
      backoff: { initialMs: 10, maxMs: 10, stableMs: 60_000 },
    });
    await until(() => events().filter((line) => line.event === 'chromium_exited').length >= 3);
    if (launch.ok) {
      await launch.stop();
    }
    const apps = (await readFile(argsFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => /--app=(\S+)/.exec(line)?.[1]);
    expect(apps.slice(0, 3)).toEqual([
      'http://127.0.0.1:1/launch/t1',
      'http://127.0.0.1:1/launch/t2',
      'http://127.0.0.1:1/launch/t3',
    ]);
  });

  it('stop() ends a running browser and it is not launched again', async () => {
    const { logger, events } = capture();
    const running = join(dir, 'running');
    const browser = await script('steady', `touch '${running}'\nexec sleep 30`);
    const clock = manualClock();
    const launch = launchChromium({
      url: () => 'http://x',
      profileDir: dir,
      logger,
      env: { DISPLAY: ':0' },
      executable: browser,
      backoff: { initialMs: 10, maxMs: 40, stableMs: 60_000 },
      timers: clock.timers,
    });
    if (!launch.ok) {
      throw new Error('not launched');
    }
    await until(() => existsSync(running));
    await launch.stop();
    // No relaunch is waiting, and none comes however long the backoff would have waited.
    expect(clock.pending()).toEqual([]);
    await clock.advance(60_000);
    expect(events().filter((line) => line.event === 'chromium_launched')).toHaveLength(1);
    expect(events().filter((line) => line.event === 'chromium_exited')).toHaveLength(0);
  });
});

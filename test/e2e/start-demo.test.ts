import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { UnitsReport } from '../../core/reports-api';
import { findElectronBinary } from '../../host/electron-binary';
import { launchBrowser } from './support/browser';
import { makeDataDir } from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';

const ROOT = path.resolve(import.meta.dirname, '../..');
const electron = findElectronBinary(ROOT);
if (electron.ok) {
  console.warn(
    'start-demo: skipped — Electron is installed here, so `npm start` would open Electron; ' +
      'this test drives the browser-host path.',
  );
}

type Started = { child: ChildProcess; lines: string[]; stderr: () => string };

/** `npm start` (its script, built UI already in dist/) with no display, as on a CI machine. */
function start(dataDir: string): Started {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'host/cli/start.ts', '--data-dir', dataDir],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  return { child, lines, stderr: () => stderr };
}

async function lineMatching(started: Started, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    for (const line of started.lines) {
      const match = pattern.exec(line);
      if (match) {
        return match;
      }
    }
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no line like ${pattern} from npm start; stderr:\n${started.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stop(started: Started): Promise<number | null> {
  if (started.child.exitCode !== null) {
    return Promise.resolve(started.child.exitCode);
  }
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code));
    started.child.kill('SIGTERM');
  });
}

function storedOnServer(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'central', 'central.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const DEMO_EMAIL = 'demo@hymy.invalid';

/** Signs in over HTTP as the dashboard's page would (its Origin), for the session's cookie. */
async function signIn(url: string, email: string, password: string): Promise<string | undefined> {
  const answer = await fetch(new URL('v1/session', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin },
    body: JSON.stringify({ email, password }),
  });
  expect(answer.status).toBe(204);
  return /hymy_session=[^;]+/.exec(answer.headers.get('set-cookie') ?? '')?.[0];
}

describe.skipIf(electron.ok)('npm start on the embedded default', () => {
  const running: Started[] = [];
  afterAll(async () => {
    for (const started of running) {
      await stop(started);
    }
  });

  it("starts the central API and its dashboard, enrolls itself, and a tap shows on the demo account's dashboard; a restart keeps both", async () => {
    const dataDir = await makeDataDir('hymy-e2e-start-');
    const first = start(dataDir);
    running.push(first);
    const api = await lineMatching(first, /^central api ready (http:\/\/127\.0\.0\.1:\d+)$/);
    const kioskUrl = (await lineMatching(first, /^kiosk ready (\S+)$/))[1] ?? '';
    expect(first.lines.indexOf(api[0])).toBeLessThan(
      first.lines.findIndex((line) => line.startsWith('kiosk ready ')),
    );
    expect(first.stderr()).toMatch(/no display/);
    // The same server serves the dashboard, announced on a line of its own before the kiosk's.
    const dashboard = await lineMatching(first, /^dashboard ready (http:\/\/127\.0\.0\.1:\d+\/)$/);
    const dashboardUrl = dashboard[1] ?? '';
    expect(dashboardUrl).toBe(`${api[1]}/`);
    expect(first.lines.indexOf(dashboard[0])).toBeLessThan(
      first.lines.findIndex((line) => line.startsWith('kiosk ready ')),
    );
    // How to sign in, on stderr: the demo account and where its password is, never the password.
    const passwordFile = path.join(dataDir, 'central', 'demo-password');
    expect(first.stderr()).toContain(
      `sign in to the dashboard at ${dashboardUrl} as ${DEMO_EMAIL} with the password in ${passwordFile}`,
    );
    const password = (await readFile(passwordFile, 'utf8')).trim();
    expect([...password].length).toBeGreaterThanOrEqual(12);
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
    expect(first.lines.join('\n')).not.toContain(password);
    expect(first.stderr()).not.toContain(password);
    const settings = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as {
      apiUrl: string;
      terminalId: string;
    };
    expect(settings.apiUrl).toBe(api[1]);

    const browser = await launchBrowser(path.join(dataDir, 'test-profile'));
    try {
      const kiosk = new KioskPage(await browser.newPage());
      await kiosk.open(kioskUrl);
      await kiosk.face(3).click();
      await kiosk.screen('thanks').waitFor();
      await expect.poll(() => storedOnServer(dataDir), { timeout: 20_000 }).toBe(1);

      // The newcomer signs in to the dashboard with the file's password and sees the tap.
      const dashboardPage = await browser.newPage();
      await dashboardPage.goto(dashboardUrl);
      await dashboardPage.locator('input[type="email"]').fill(DEMO_EMAIL);
      await dashboardPage.locator('input[type="password"]').fill(password);
      await dashboardPage.locator('button[type="submit"]').click();
      // Its row, whichever language the page chose: the unit's name links to its page.
      const demoRow = dashboardPage.locator('table.units tbody tr', {
        has: dashboardPage.locator('a[href="#/units/demo-unit"]'),
      });
      await demoRow.waitFor();
      expect(await demoRow.locator('td').first().textContent()).toBe('1');
      // The API says the same to the same account, this week's trend included.
      const cookie = await signIn(dashboardUrl, DEMO_EMAIL, password);
      const units = await fetch(new URL('v1/reports/units?weeks=12', dashboardUrl), {
        headers: { cookie: cookie ?? '' },
      });
      expect(units.status).toBe(200);
      const demo = ((await units.json()) as UnitsReport).find((row) => row.unitId === 'demo-unit');
      expect(demo?.n).toBeGreaterThanOrEqual(1);
      expect(demo?.weeks?.at(-1)?.n).toBeGreaterThanOrEqual(1);
    } finally {
      await browser.close();
    }
    expect(await stop(first)).toBe(0);
    // The embedded server stopped with the kiosk: its port is free again.
    await expect(fetch(`${api[1]}/v1/openapi.json`)).rejects.toThrow();

    const second = start(dataDir);
    running.push(second);
    await lineMatching(second, /^central api ready /);
    await lineMatching(second, /^dashboard ready /);
    await lineMatching(second, /^kiosk ready /);
    // The account stays, with the password in the same file, and the console says where it is.
    expect((await readFile(passwordFile, 'utf8')).trim()).toBe(password);
    expect(second.stderr()).toContain(`with the password in ${passwordFile}`);
    expect(await signIn(dashboardUrl, DEMO_EMAIL, password)).toMatch(/^hymy_session=/);
    const again = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as {
      terminalId: string;
    };
    expect(again.terminalId).toBe(settings.terminalId);
    expect(storedOnServer(dataDir)).toBe(1);
    expect(await stop(second)).toBe(0);
  });
});

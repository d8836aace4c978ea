import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
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

describe.skipIf(electron.ok)('npm start on the embedded default', () => {
  const running: Started[] = [];
  afterAll(async () => {
    for (const started of running) {
      await stop(started);
    }
  });

  it('starts the central API, enrolls itself, and a tap reaches the server; a restart keeps the enrollment', async () => {
    const dataDir = await makeDataDir('hymy-e2e-start-');
    const first = start(dataDir);
    running.push(first);
    const api = await lineMatching(first, /^central api ready (http:\/\/127\.0\.0\.1:\d+)$/);
    const kioskUrl = (await lineMatching(first, /^kiosk ready (\S+)$/))[1] ?? '';
    expect(first.lines.indexOf(api[0])).toBeLessThan(
      first.lines.findIndex((line) => line.startsWith('kiosk ready ')),
    );
    expect(first.stderr()).toMatch(/no display/);
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
    } finally {
      await browser.close();
    }
    expect(await stop(first)).toBe(0);
    // The embedded server stopped with the kiosk: its port is free again.
    await expect(fetch(`${api[1]}/v1/openapi.json`)).rejects.toThrow();

    const second = start(dataDir);
    running.push(second);
    await lineMatching(second, /^central api ready /);
    await lineMatching(second, /^kiosk ready /);
    const again = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as {
      terminalId: string;
    };
    expect(again.terminalId).toBe(settings.terminalId);
    expect(storedOnServer(dataDir)).toBe(1);
    expect(await stop(second)).toBe(0);
  });
});

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../host/electron-binary';
import { KioskPage } from './support/kiosk-page';

/**
 * The real Electron app, end to end: the hardened window on app://kiosk, the preload's bridge,
 * a tap stored in IndexedDB, and that store found again after a restart on the same data dir.
 * It runs only where the Electron binary is installed; nothing here fakes Electron.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const binary = findElectronBinary(repoRoot);
const executablePath = binary.ok ? binary.path : null;

if (executablePath === null) {
  console.log(
    'Electron binary not installed (node_modules/electron/dist missing): the Electron ' +
      'end-to-end test is skipped; the browser-host end-to-end tests cover the same UI',
  );
}

type RunningKiosk = { app: ElectronApplication; kiosk: KioskPage };

function kioskArgs(dataDir: string): string[] {
  // The built-in demo unit: an empty data dir would open on the first-run screen.
  const args = [repoRoot, '--data-dir', dataDir, '--demo'];
  // Chromium refuses to run as root with its OS sandbox on (CI containers often are root).
  // The renderer keeps Electron's sandboxed, context-isolated preload either way.
  if (process.getuid?.() === 0) {
    args.push('--no-sandbox');
  }
  return args;
}

async function launchKiosk(executablePath: string, dataDir: string): Promise<RunningKiosk> {
  const app = await _electron.launch({
    executablePath,
    args: kioskArgs(dataDir),
    cwd: repoRoot,
    timeout: 30_000,
  });
  const kiosk = new KioskPage(await app.firstWindow());
  await kiosk.waitForKiosk(30_000);
  return { app, kiosk };
}

/**
 * Starts the app the way an operator's script does and waits for the `kiosk ready` line on
 * stdout; then SIGTERM, which must end in a clean exit. Resolves with the line and exit code.
 */
function startFromCommandLine(
  executablePath: string,
  dataDir: string,
): Promise<{ line: string; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(executablePath, kioskArgs(dataDir), {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('no "kiosk ready" line within 30 s'));
    }, 30_000);
    let line = '';
    createInterface({ input: child.stdout }).on('line', (text) => {
      if (line === '' && text.startsWith('kiosk ready ')) {
        line = text;
        child.kill('SIGTERM');
      }
    });
    child.once('error', reject);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ line, exitCode });
    });
  });
}

describe.skipIf(executablePath === null)('the Electron app', () => {
  let dataDir: string | undefined;
  let electron: RunningKiosk | null = null;

  const running = (): RunningKiosk => {
    if (electron === null) {
      throw new Error('the Electron kiosk did not start');
    }
    return electron;
  };

  beforeAll(async () => {
    if (executablePath === null) {
      return;
    }
    for (const built of ['electron/main.cjs', 'electron/preload.cjs', 'renderer/index.html']) {
      if (!existsSync(path.join(repoRoot, 'dist', built))) {
        throw new Error(`dist/${built} is missing: run \`npm run build\` before the e2e tests`);
      }
    }
    dataDir = await mkdtemp(path.join(tmpdir(), 'hymy-electron-e2e-'));
    electron = await launchKiosk(executablePath, dataDir);
  });

  afterAll(async () => {
    await electron?.app.close();
    if (dataDir !== undefined) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('shows the kiosk on app://kiosk with only the hymy bridge in the page', async () => {
    const { kiosk } = running();
    expect(kiosk.page.url()).toBe('app://kiosk/index.html');
    expect(await kiosk.faces().count()).toBeGreaterThan(0);
    expect(
      await kiosk.page.evaluate(() => ({
        bridge: Object.keys(window.hymy ?? {}).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      })),
    ).toEqual({ bridge: ['call', 'on'], require: 'undefined', process: 'undefined' });
  });

  it('serves its pages with the strict CSP', async () => {
    const headers = await running().kiosk.page.evaluate(async () => {
      const response = await fetch('app://kiosk/index.html');
      return {
        csp: response.headers.get('content-security-policy'),
        nosniff: response.headers.get('x-content-type-options'),
      };
    });
    expect(headers.csp).toContain("default-src 'none'");
    expect(headers.csp).toContain("frame-ancestors 'none'");
    expect(headers.nosniff).toBe('nosniff');
  });

  it('stores a tapped face in IndexedDB and keeps it across a restart', async () => {
    const { app, kiosk } = running();
    const face = kiosk.faces().first();
    const value = Number(await face.getAttribute('data-value'));
    await face.click();
    await kiosk.screen('thanks').waitFor();

    const rows = await kiosk.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value, syncState: 'pending' });

    // The origin is the store: the same data dir must find the same answers after a restart.
    await app.close();
    electron = null;
    if (executablePath === null || dataDir === undefined) {
      throw new Error('unreachable: the suite runs only with the binary');
    }
    electron = await launchKiosk(executablePath, dataDir);
    expect(await running().kiosk.rows()).toEqual(rows);
  });

  it('comes back by itself after its renderer crashes, and the status screen counts it', async () => {
    const { app, kiosk } = running();
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer();
    });
    // The first reload waits one second (electron/self-heal.ts).
    await kiosk.waitForKiosk(30_000);
    const shell = await kiosk.page.evaluate(async () => {
      const status = (await window.hymy?.call('status:get', null)) as {
        shell: { rendererRestarts: number; lastRestartReason: string | null } | null;
      };
      return status.shell;
    });
    // Chromium names a forced end `killed` or `crashed` depending on the platform.
    expect(shell?.rendererRestarts).toBe(1);
    expect(['killed', 'crashed']).toContain(shell?.lastRestartReason);
  });

  it('prints "kiosk ready app://kiosk/" on stdout and quits cleanly on SIGTERM', async () => {
    if (executablePath === null) {
      return;
    }
    // Its own data dir: the single-instance lock is per data dir, and the app above holds one.
    const ownDir = await mkdtemp(path.join(tmpdir(), 'hymy-electron-cli-'));
    try {
      const { line, exitCode } = await startFromCommandLine(executablePath, ownDir);
      expect(line).toBe('kiosk ready app://kiosk/');
      expect(exitCode).toBe(0);
    } finally {
      await rm(ownDir, { recursive: true, force: true });
    }
  });
});

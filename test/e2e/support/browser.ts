import { spawn } from 'node:child_process';
import { chromium, type BrowserContext } from 'playwright-core';
import { disableFeaturesSwitch } from '../../../host/kiosk-chromium';

/** The system Chromium (Debian's package). Never a downloaded browser: there is no internet. */
export const CHROMIUM_PATH = process.env.HYMY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // As the kiosk itself runs Chromium (host/kiosk-chromium.ts), so tests and bench see its timing.
  disableFeaturesSwitch(),
];

export type Viewport = { width: number; height: number };

/**
 * A headless Chromium with its profile on disk, so IndexedDB outlives a browser restart the
 * way it does on a terminal.
 */
export async function launchBrowser(
  profileDir: string,
  viewport: Viewport = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
  });
}

export type KillableBrowser = {
  context: BrowserContext;
  /** SIGKILL to Chromium and every process it started: as near a power cut as a test gets. */
  kill(): void;
  close(): Promise<void>;
};

/**
 * Chromium started by us rather than by Playwright, in its own process group, so that a test can
 * kill it outright; Playwright attaches over the DevTools protocol.
 */
export async function launchKillableBrowser(
  profileDir: string,
  viewport: Viewport = { width: 1280, height: 800 },
): Promise<KillableBrowser> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      `--window-size=${viewport.width},${viewport.height}`,
      ...CHROMIUM_FLAGS,
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited with ${code}:\n${stderr}`));
    });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const kill = (): void => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  return {
    context,
    kill,
    async close() {
      await browser.close().catch(() => undefined);
      kill();
    },
  };
}

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

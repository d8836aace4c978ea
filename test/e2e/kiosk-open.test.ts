import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WIRE_KEY_PREFIX, WIRE_PATH, WIRE_PROTOCOL } from '../../core/bridge-wire';
import { CHROMIUM_PATH } from './support/browser';
import { makeDataDir, startKioskHost, type KioskHost } from './support/kiosk-host';

/**
 * `kiosk:browser --open` with the real Chromium: the browser is started at a one-time address
 * and reaches the kiosk page, secret and all, while no command line on the machine holds the
 * secret. Chromium runs headless here (a CI machine has no display); the page is a stand-in
 * that opens the bridge the way renderer/bridge/get-bridge.ts does, so no UI build is needed.
 */

const PAGE_SCRIPT = `
const key = new URLSearchParams(location.hash.slice(1)).get('k') ?? '';
new WebSocket('ws://' + location.host + '${WIRE_PATH}', ['${WIRE_PROTOCOL}', '${WIRE_KEY_PREFIX}' + key]);
`;

/** Every command line on the machine that holds `text`; any local user can read them all. */
async function commandLinesHolding(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const line = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (line.includes(text)) {
      found.push(line.replaceAll('\0', ' '));
    }
  }
  return found;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(process.platform !== 'linux')('kiosk:browser --open in real Chromium', () => {
  let host: KioskHost | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await host?.stop();
    if (dir) {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens the kiosk page with its bridge, and no command line holds the secret', async () => {
    dir = await makeDataDir('hymy-e2e-open-');
    const rendererDir = path.join(dir, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><title>Hymy</title><script type="module" src="./assets/app.js"></script>\n',
    );
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), PAGE_SCRIPT);
    // The host's own Chromium arguments, run headless.
    const browser = path.join(dir, 'chromium');
    await writeFile(
      browser,
      `#!/bin/sh\nexec '${CHROMIUM_PATH}' --headless=new --no-sandbox --disable-gpu "$@"\n`,
    );
    await chmod(browser, 0o755);

    host = await startKioskHost(path.join(dir, 'data'), {
      extraArgs: ['--open'],
      env: { DISPLAY: ':0', HYMY_CHROMIUM: browser, HYMY_RENDERER_DIR: rendererDir },
    });
    const kioskHost = host;
    expect(kioskHost.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#k=[\w-]{43}$/);
    await until(
      () => kioskHost.stderr().includes('"event":"bridge_client_connected"'),
      'the page to open the bridge',
    );
    expect(kioskHost.stderr()).toContain('"event":"launch_token_accepted"');
    expect(kioskHost.stderr()).not.toContain('"event":"launch_token_refused"');
    const secret = new URL(kioskHost.url).hash.replace('#k=', '');
    expect(await commandLinesHolding(secret)).toEqual([]);
  });
});

import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualBox, type VirtualBox } from '../../hardware/sim/virtual-box';
import { buttonSequence, HAS_SOCAT, reportMissingSocat } from './support/box';
import { launchKillableBrowser, type KillableBrowser } from './support/browser';
import { testConfig } from './support/fixtures';
import {
  makeDataDir,
  startKioskHost,
  writeTerminalConfig,
  type KioskHost,
} from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';

// The box's light is a receipt. Kill the browser and the host outright in the middle of a
// stream of presses, start both again on the same profile and port: every press that was lit
// is in the store, exactly once.

reportMissingSocat('button box crash test');

let box: VirtualBox | null = null;
const hosts: KioskHost[] = [];
const browsers: KillableBrowser[] = [];

afterEach(async () => {
  for (const browser of browsers.splice(0)) {
    await browser.close();
  }
  for (const host of hosts.splice(0)) {
    await host.stop();
  }
  await box?.close();
  box = null;
});

async function startKiosk(dataDir: string, boxPath: string, port = 0) {
  const host = await startKioskHost(dataDir, { port, extraArgs: ['--serial', boxPath] });
  hosts.push(host);
  const browser = await launchKillableBrowser(path.join(dataDir, 'profile'));
  browsers.push(browser);
  const kiosk = new KioskPage(await browser.context.newPage());
  await kiosk.open(host.url);
  return { host, browser, kiosk };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!HAS_SOCAT)('a crash in the middle of a stream of presses', () => {
  it('loses no press that was lit, and stores none twice', async () => {
    box = await startVirtualBox({ protocol: 'line', buttons: 4 });
    const dataDir = await makeDataDir('hymy-e2e-crash-');
    await writeTerminalConfig(dataDir, testConfig());
    const first = await startKiosk(dataDir, box.path);
    await box.waitForKiosk(10_000);

    const pressed = buttonSequence(120);
    let sent = 0;
    const stream = (async () => {
      for (const button of pressed) {
        await box.press(button).catch(() => undefined);
        sent += 1;
        // The same button every 200 ms: clear of the 150 ms bounce window even with jitter.
        await pause(50);
      }
    })();
    // Kill both once a good part of the stream has been lit, while presses keep coming.
    const waitStart = Date.now();
    while (box.acks.length < 30) {
      if (Date.now() - waitStart > 20_000) {
        throw new Error(`only ${box.acks.length} acks after 20 s; ${sent} presses sent`);
      }
      await pause(20);
    }
    first.browser.kill();
    await first.host.stop('SIGKILL');
    const litBeforeCrash = box.acks.map((ack) => ack.button);
    await stream;
    expect(sent).toBe(pressed.length);
    expect(litBeforeCrash.length).toBeLessThan(pressed.length);

    const second = await startKiosk(dataDir, box.path, first.host.port);
    const rows = (await second.kiosk.rows()).filter((row) => row.source === 'button');
    rows.sort((a, b) => a.answeredAt.localeCompare(b.answeredAt) || a.id.localeCompare(b.id));

    process.stderr.write(
      `crash test: ${pressed.length} pressed, ${litBeforeCrash.length} lit before the kill, ${rows.length} stored\n`,
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(litBeforeCrash.length);
    expect(rows.length).toBeLessThanOrEqual(pressed.length);
    // Presses are stored and lit in the order they came: the lit ones are the first rows.
    expect(rows.slice(0, litBeforeCrash.length).map((row) => row.value)).toEqual(litBeforeCrash);
    // And what was stored is the start of what was pressed, nothing invented, nothing twice.
    expect(rows.map((row) => row.value)).toEqual(pressed.slice(0, rows.length));
  }, 120_000);
});

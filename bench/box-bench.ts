import path from 'node:path';
import { startVirtualBox } from '../hardware/sim/virtual-box';
import { launchBrowser } from '../test/e2e/support/browser';
import { testConfig } from '../test/e2e/support/fixtures';
import { makeDataDir, startKioskHost, writeTerminalConfig } from '../test/e2e/support/kiosk-host';
import { KioskPage } from '../test/e2e/support/kiosk-page';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Press written to the pty → `L` read back from it, through the host, the bridge, Chromium and
 * IndexedDB: the whole receipt, timed from the box's side of the cable.
 */
export async function benchPressToLight(presses: number): Promise<number[]> {
  const box = await startVirtualBox({ protocol: 'line', buttons: 4 });
  const dataDir = await makeDataDir('hymy-bench-box-');
  await writeTerminalConfig(
    dataDir,
    testConfig({ timing: { thankYouMs: 50, idleResetMs: 600_000, repeatWindowMs: 4000 } }),
  );
  const host = await startKioskHost(dataDir, { extraArgs: ['--serial', box.path] });
  const browser = await launchBrowser(path.join(dataDir, 'profile'));
  try {
    const kiosk = new KioskPage(await browser.newPage());
    await kiosk.open(host.url);
    await box.waitForKiosk(10_000);
    const times: number[] = [];
    const warmUp = 20;
    for (let i = 0; i < presses + warmUp; i += 1) {
      const started = performance.now();
      await box.press((i % 4) + 1);
      await box.waitForAcks(i + 1, 10_000);
      if (i >= warmUp) {
        times.push(box.acks[i]!.at - started);
      }
      // The same button comes back every fourth press: keep it clear of the bounce window.
      await pause(40);
    }
    return times;
  } finally {
    await browser.close();
    await host.stop();
    await box.close();
  }
}

/** Re-plugging the box → the kiosk has the port open again (its `?` arrives at the box). */
export async function benchReconnect(runs: number): Promise<number[]> {
  const box = await startVirtualBox({ protocol: 'line', buttons: 4 });
  const dataDir = await makeDataDir('hymy-bench-replug-');
  const host = await startKioskHost(dataDir, { extraArgs: ['--serial', box.path] });
  try {
    await box.waitForKiosk(10_000);
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      await box.unplug();
      // Out long enough for the kiosk to notice and its backoff to grow, as a real unplug is.
      await pause(3000);
      let reopened: () => void = () => undefined;
      const asked = new Promise<void>((resolve) => (reopened = resolve));
      const stop = box.onLine((line) => {
        if (line === '?') {
          reopened();
        }
      });
      await box.plug();
      const plugged = performance.now();
      await asked;
      times.push(performance.now() - plugged);
      stop();
    }
    return times;
  } finally {
    await host.stop();
    await box.close();
  }
}

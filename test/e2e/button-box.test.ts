import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualBox, type VirtualBox } from '../../hardware/sim/virtual-box';
import {
  buttonAnswersInJournal,
  buttonSequence,
  HAS_SOCAT,
  holdStore,
  reportMissingSocat,
  tally,
} from './support/box';
import { launchBrowser } from './support/browser';
import { testConfig } from './support/fixtures';
import {
  makeDataDir,
  startKioskHost,
  writeTerminalConfig,
  type KioskHost,
} from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';

// The whole press: a box on a real pty → the browser host → the bridge → headless Chromium →
// IndexedDB → the ack → `L` back at the box.

reportMissingSocat('button box end-to-end tests');

let box: VirtualBox | null = null;
let host: KioskHost | null = null;
let browser: BrowserContext | null = null;

afterEach(async () => {
  await browser?.close();
  await host?.stop();
  await box?.close();
  browser = null;
  host = null;
  box = null;
});

async function start(): Promise<{ box: VirtualBox; kiosk: KioskPage }> {
  box = await startVirtualBox({ protocol: 'line', buttons: 4 });
  const dataDir = await makeDataDir('hymy-e2e-box-');
  await writeTerminalConfig(dataDir, testConfig());
  host = await startKioskHost(dataDir, { extraArgs: ['--serial', box.path] });
  browser = await launchBrowser(path.join(dataDir, 'profile'));
  const kiosk = new KioskPage(await browser.newPage());
  await kiosk.open(host.url);
  await box.waitForKiosk(10_000);
  return { box, kiosk };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!HAS_SOCAT)('the button box end to end', () => {
  it('200 presses become 200 stored answers and 200 lit buttons', async () => {
    const { box, kiosk } = await start();
    const pressed = buttonSequence(200);
    for (const button of pressed) {
      await box.press(button);
      // 50 ms apart: the same button comes back every 200 ms, well clear of bounce.
      await pause(50);
    }
    const lit = await box.waitForAcks(200, 30_000).then(
      () => null,
      (error: unknown) => error,
    );
    const rows = (await kiosk.rows()).filter((row) => row.source === 'button');
    if (lit !== null) {
      // Say where the missing ones were lost: never stored, or stored and not lit.
      throw new Error(
        `${lit instanceof Error ? lit.message : 'no acks'}; stored ${rows.length}: ${JSON.stringify(tally(rows.map((row) => row.value)))}, ` +
          `lit ${JSON.stringify(tally(box.acks.map((ack) => ack.button)))}, pressed ${JSON.stringify(tally(pressed))}; ` +
          `box status ${JSON.stringify(await kiosk.page.evaluate(() => document.querySelector('main')?.dataset['screen']))}`,
      );
    }
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((row) => row.id)).size).toBe(200);
    expect(tally(rows.map((row) => row.value))).toEqual(tally(pressed));
    expect(tally(box.acks.map((ack) => ack.button))).toEqual(tally(pressed));
    // No press is lit twice: one more press is lit after every light of the 200, and is the
    // only light since.
    await box.press(1);
    await box.waitForAcks(201, 5000);
    expect(box.acks).toHaveLength(201);
    expect(box.acks.at(-1)?.button).toBe(1);
  }, 90_000);

  it('lights the button only once the answer is committed, and thanks only then', async () => {
    const { box, kiosk } = await start();
    // A first answer, so that the next one has nothing left to read first: only its write waits.
    const screens = await kiosk.recordScreens();
    await box.press(1);
    await box.waitForAcks(1, 5000);
    await expect
      .poll(async () => (await screens()).map((name) => name.split(':')[0]))
      .toEqual(['kiosk', 'thanks', 'kiosk']);
    const held = await holdStore(kiosk);
    await box.press(3);
    // The page has the press and is writing it down; the store keeps it waiting.
    await expect.poll(() => buttonAnswersInJournal(host!.dataDir), { timeout: 10_000 }).toBe(2);
    expect(box.acks.map((ack) => ack.button)).toEqual([1]);
    expect(await kiosk.screen('thanks').count()).toBe(0);
    await held.release();
    await box.waitForAcks(2, 5000);
    expect(box.acks[1]!.button).toBe(3);
    const rows = (await kiosk.rows()).sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    expect(rows.map((row) => [row.source, row.value])).toEqual([
      ['button', 1],
      ['button', 3],
    ]);
  });
});

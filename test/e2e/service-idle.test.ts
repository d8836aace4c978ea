import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_CLOSE_MS } from '../../host/service-session';
import {
  enrollmentCode,
  startTestCentral,
  WARD_SURVEY,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { provision } from '../support/provision';
import { launchBrowser } from './support/browser';
import { makeDataDir, startKioskHost, type KioskHost } from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';
import { TechnicianPage } from './support/technician-page';

// The service screens and test mode close themselves after two minutes without a touch (the
// host's IDLE_CLOSE_MS, which the page gets with the unlock). The page keeps that time with its
// own timers, so the test moves the page's clock on instead of waiting: Playwright's clock
// stands in for the page's Date and timers, and jumps them forward when told. (The host's own
// timer, in real time, stays far off: host/service-session.test.ts drives that one.)

const PIN = '2468';

describe('the service session ends by itself when the technician walks away', () => {
  let central: TestCentral;
  let host: KioskHost;
  let browser: BrowserContext;
  let kiosk: KioskPage;
  let tech: TechnicianPage;

  beforeAll(async () => {
    const dataDir = await makeDataDir('hymy-e2e-service-idle-');
    central = await startTestCentral(path.join(dataDir, 'central'));
    const code = await enrollmentCode(central, {
      unit: WARD_UNIT,
      survey: WARD_SURVEY,
      defaultLanguage: 'en',
      timing: { thankYouMs: 300, idleResetMs: 600_000, repeatWindowMs: 0 },
    });
    const done = await provision([
      ...['--data-dir', dataDir, '--api', central.url, '--code', code],
      ...['--serial', 'none', '--pin', PIN],
    ]);
    expect(done.code, done.stderr).toBe(0);
    host = await startKioskHost(dataDir);
    browser = await launchBrowser(path.join(dataDir, 'profile'));
    // Before the page loads, so that every timer it sets runs on this clock (in real time
    // until the test moves it on).
    await browser.clock.install();
    const page = await browser.newPage();
    kiosk = new KioskPage(page);
    tech = new TechnicianPage(page);
    await kiosk.open(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await central?.close();
  });

  it('the service screens stay open while they are used and close two minutes after the last touch; the keys answer again', async () => {
    await tech.openService(PIN);
    const test = await tech.menu('Button test', 'buttons');
    await tech.page.keyboard.press('2');
    await expect.poll(() => test.textContent()).toContain('Button 2 pressed (1 time)');

    // Most of the idle time goes by; a touch then starts it again.
    await tech.page.clock.fastForward(IDLE_CLOSE_MS - 20_000);
    await tech.button('Back to the menu').click();
    await tech.menu('Button test', 'buttons');
    await tech.page.clock.fastForward(IDLE_CLOSE_MS - 20_000);
    await tech.button('Back to the menu').click();
    await tech.menu('Button test', 'buttons');
    expect(await kiosk.rows()).toEqual([]);

    // Nobody touches it for the whole idle time: the kiosk is back, and a key answers again.
    await tech.page.clock.fastForward(IDLE_CLOSE_MS + 1000);
    await kiosk.waitForKiosk();
    expect(await tech.screen('service').count()).toBe(0);
    await tech.page.keyboard.press('2');
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    expect((await kiosk.rows()).map((row) => [row.value, row.source, row.flags])).toEqual([
      [2, 'keyboard', []],
    ]);
  });

  it('test mode ends two minutes after the last test answer; the next answer counts again', async () => {
    await tech.openService(PIN);
    await tech.page.getByRole('switch', { name: /Test mode/ }).click();
    await kiosk.waitForKiosk();
    const ribbon = tech.page.getByRole('status').filter({ hasText: 'TEST MODE' });
    await ribbon.waitFor();

    // A test answer part-way through keeps test mode on.
    await tech.page.clock.fastForward(IDLE_CLOSE_MS - 20_000);
    await kiosk.face(3).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    await tech.page.clock.fastForward(IDLE_CLOSE_MS - 20_000);
    await kiosk.face(4).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    expect(await ribbon.count()).toBe(1);

    await tech.page.clock.fastForward(IDLE_CLOSE_MS + 1000);
    await ribbon.waitFor({ state: 'detached' });
    await kiosk.face(1).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    const rows = (await kiosk.rows()).sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    expect(rows.map((row) => [row.value, row.flags.includes('test')])).toEqual([
      [2, false],
      [3, true],
      [4, true],
      [1, false],
    ]);
  });
});

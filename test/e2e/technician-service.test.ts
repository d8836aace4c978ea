import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminCall,
  enrollmentCode,
  startTestCentral,
  WARD_SURVEY,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { provision } from '../support/provision';
import { launchBrowser } from './support/browser';
import { makeDataDir, startKioskHost, type KioskHost } from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';
import { TechnicianPage } from './support/technician-page';

// The service screens a technician uses on an enrolled terminal, each to its end: what the
// screen says, and what the kiosk, the data dir and the central server then hold.

const PIN = '2468';
const NEW_PIN = '13579';
const QUICK = { HYMY_CONFIG_POLL_MS: '500', HYMY_HEARTBEAT_MS: '1000' };
const WARD_8 = { id: 'ward-8', name: { fi: 'Osasto 8', sv: 'Avdelning 8', en: 'Ward 8' } };
// The language goes back to the default one second after the last touch.
const TIMING = { thankYouMs: 300, idleResetMs: 1000, repeatWindowMs: 0 };

async function newCode(central: TestCentral, unit: typeof WARD_UNIT): Promise<string> {
  return enrollmentCode(central, {
    unit,
    survey: WARD_SURVEY,
    defaultLanguage: 'fi',
    timing: TIMING,
  });
}

async function total(central: TestCentral, unitId: string): Promise<number> {
  const answer = await adminCall(central, 'GET', `/v1/admin/summary?unitId=${unitId}`);
  return ((await answer.json()) as { total: number }).total;
}

/** The text of a screen with its facts' terms and values one space apart. */
async function text(screen: Locator): Promise<string> {
  return (await screen.evaluate((node) => (node as HTMLElement).innerText)).replace(/\s+/g, ' ');
}

describe('a technician syncs, sets the language and enrolls again from the service screens', () => {
  let central: TestCentral;
  let proxy: FaultProxy;
  let host: KioskHost;
  let browser: BrowserContext;
  let kiosk: KioskPage;
  let tech: TechnicianPage;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await makeDataDir('hymy-e2e-service-');
    central = await startTestCentral(path.join(dataDir, 'central'));
    // Through a proxy that can stand in for a server that refuses uploads for a while.
    proxy = await startFaultProxy(central.url);
    const done = await provision([
      ...['--data-dir', dataDir, '--api', proxy.url, '--serial', 'none', '--pin', PIN],
      ...['--code', await newCode(central, WARD_UNIT)],
    ]);
    expect(done.code, done.stderr).toBe(0);
    host = await startKioskHost(dataDir, { env: QUICK });
    browser = await launchBrowser(path.join(dataDir, 'profile'));
    const page = await browser.newPage();
    kiosk = new KioskPage(page);
    tech = new TechnicianPage(page);
    await kiosk.open(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await proxy?.close();
    await central?.close();
  });

  async function terminalId(): Promise<string> {
    const settings = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as {
      terminalId: string;
    };
    return settings.terminalId;
  }

  async function tap(value: number): Promise<void> {
    await kiosk.face(value).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
  }

  it('Default language makes the kiosk start in the language chosen, and it outlives a restart', async () => {
    expect(await kiosk.htmlLang()).toBe('fi');
    // The service screens speak the kiosk's default language: Finnish, until it is changed.
    await tech.openService(PIN);
    const screen = await tech.menu('Oletuskieli', 'language');
    const choice = (code: string) => screen.locator(`button[lang="${code}"]`);
    expect(await choice('fi').getAttribute('aria-pressed')).toBe('true');
    await choice('en').click();
    // The service screens follow at once: they speak the default language.
    await expect
      .poll(() => screen.getByRole('status').textContent())
      .toBe('The default language is now English.');
    expect(await choice('en').getAttribute('aria-pressed')).toBe('true');
    expect(await choice('fi').getAttribute('aria-pressed')).toBe('false');
    expect(await tech.violations()).toEqual([]);
    await tech.button('Close').click();
    await kiosk.waitForKiosk();
    await expect.poll(() => kiosk.htmlLang()).toBe('en');

    // A patient who chose Swedish answers; the next one is greeted in English again.
    await kiosk.language('Svenska').click();
    expect(await kiosk.htmlLang()).toBe('sv');
    await tap(4);
    await expect.poll(() => kiosk.htmlLang(), { timeout: 5000 }).toBe('en');
    expect((await kiosk.rows()).map((row) => [row.value, row.language])).toEqual([[4, 'sv']]);

    const settings = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as {
      defaultLanguage?: string;
    };
    expect(settings.defaultLanguage).toBe('en');
    const port = host.port;
    await host.stop();
    host = await startKioskHost(dataDir, { port, env: QUICK });
    // Same origin (port), so the same store; a new fragment alone would not load the page again.
    await kiosk.page.goto('about:blank');
    await kiosk.open(host.url);
    expect(await kiosk.htmlLang()).toBe('en');
    expect(await kiosk.language('English').getAttribute('aria-pressed')).toBe('true');
    // The service screens now speak English too.
    await tech.openService(PIN);
    await tech.button('Close').click();
    await kiosk.waitForKiosk();
  });

  it('Sync now sends the answers the terminal was holding back, says so, and the server has them', async () => {
    // The Swedish answer of the test before is on the server already.
    await expect.poll(() => total(central, 'ward-7'), { timeout: 15_000 }).toBe(1);
    // The server answers uploads with "busy, come back in ten minutes": the answers wait.
    proxy.forge('/v1/terminal/responses', {
      status: 503,
      headers: { 'retry-after': '600' },
      body: '{}',
    });
    for (const value of [4, 1, 3]) {
      await tap(value);
    }
    await tech.openService(PIN);
    const sync = await tech.menu('Sync now', 'sync');
    await expect
      .poll(() => text(sync), { timeout: 15_000 })
      .toMatch(/Waiting now 3 .*State Waiting to try again/);
    expect(await total(central, 'ward-7')).toBe(1);

    // The server is back; without the technician the terminal would wait out the ten minutes.
    proxy.forge('/v1/terminal/responses', null);
    await sync.getByRole('button', { name: 'Sync now', exact: true }).click();
    await expect.poll(() => text(sync), { timeout: 15_000 }).toContain('Sync finished.');
    expect(await text(sync)).toMatch(
      /Waiting at the start 3 Waiting now 0 Sent so far 3 State Up to date .*Last error none/,
    );
    expect(await tech.violations()).toEqual([]);
    expect(await total(central, 'ward-7')).toBe(4);
    await expect
      .poll(async () => (await kiosk.rows()).map((row) => row.syncState))
      .toEqual(['sent', 'sent', 'sent', 'sent']);
    await tech.button('Close').click();
    await kiosk.waitForKiosk();
  });

  it('Enroll again with a new code moves the terminal to the new unit; its next answers count there', async () => {
    const first = await terminalId();
    await tech.openService(PIN);
    const enroll = await tech.menu('Enroll again', 'enroll');
    await expect.poll(() => text(enroll)).toContain('All answers have been sent.');
    await enroll.getByLabel('API address', { exact: true }).fill(proxy.url);
    await enroll
      .getByLabel('Enrollment code', { exact: true })
      .fill(await newCode(central, WARD_8));
    await enroll.getByLabel('Service PIN (4–8 digits)', { exact: true }).fill(NEW_PIN);
    await enroll.getByLabel('PIN again', { exact: true }).fill(NEW_PIN);
    await enroll.getByRole('button', { name: 'Set up the terminal', exact: true }).click();

    const menu = tech.screen('service').locator('[data-screen="service-menu"]');
    await menu.waitFor({ timeout: 15_000 });
    await expect.poll(() => text(menu)).toMatch(/Enrolled\. Terminal \S+, unit ward-8\./);
    expect(await tech.violations()).toEqual([]);
    const second = await terminalId();
    expect(second).not.toBe(first);
    expect(await text(menu)).toContain(`Terminal ${second}, unit ward-8.`);

    await tech.button('Close').click();
    await kiosk.waitForKiosk();
    await tap(2);
    await tap(3);
    await expect.poll(() => total(central, 'ward-8'), { timeout: 15_000 }).toBe(2);
    expect(await total(central, 'ward-7')).toBe(4);
    const listed = (await (await adminCall(central, 'GET', '/v1/admin/terminals')).json()) as {
      terminalId: string;
      unitId: string;
    }[];
    expect(listed.find((terminal) => terminal.terminalId === second)?.unitId).toBe('ward-8');

    // The new PIN opens the service screens; the old one no longer does.
    await tech.cornerTaps();
    await tech.screen('pin-pad').waitFor();
    await tech.enterPin(PIN);
    await expect
      .poll(() => tech.screen('pin-pad').getByRole('alert').textContent(), { timeout: 10_000 })
      .toBe('Wrong PIN, 4 tries left.');
    await tech.enterPin(NEW_PIN);
    await tech.screen('service').waitFor();
  });
});

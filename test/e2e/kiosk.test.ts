import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { KIOSK_LANGUAGES, testConfig } from './support/fixtures';
import {
  makeDataDir,
  startKioskHost,
  writeTerminalConfig,
  type KioskHost,
} from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';

const LANGUAGES = KIOSK_LANGUAGES;

describe('the kiosk loop in the browser host and headless Chromium', () => {
  let host: KioskHost;
  let browser: BrowserContext;
  let page: Page;
  let kiosk: KioskPage;

  beforeAll(async () => {
    const dataDir = await makeDataDir();
    await writeTerminalConfig(dataDir, testConfig());
    host = await startKioskHost(dataDir);
    browser = await launchBrowser(path.join(dataDir, 'profile'));
    page = await browser.newPage();
    kiosk = new KioskPage(page);
    await kiosk.open(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('stores a tap on every face in Finnish, Swedish and English, each after a thank-you', async () => {
    const namesByLanguage: string[][] = [];
    for (const { ownName, code } of LANGUAGES) {
      await kiosk.language(ownName).click();
      expect(await kiosk.htmlLang()).toBe(code);
      await expect.poll(() => kiosk.faces().count()).toBe(4);
      const names: string[] = [];
      for (const value of [1, 2, 3, 4]) {
        const face = kiosk.face(value);
        names.push((await face.getAttribute('aria-label')) ?? (await face.innerText()));
        await face.click();
        await kiosk.screen('thanks').waitFor();
        await kiosk.waitForKiosk();
        // The idle reset must not switch language back mid-test: re-select when it did.
        if ((await kiosk.htmlLang()) !== code) {
          await kiosk.language(ownName).click();
        }
      }
      namesByLanguage.push(names);
    }
    // Each face is named for its meaning, in each language differently.
    for (const names of namesByLanguage) {
      expect(new Set(names).size).toBe(4);
      expect(names.every((name) => name.trim().length > 0)).toBe(true);
    }
    expect(namesByLanguage[0]).not.toEqual(namesByLanguage[2]);

    const rows = await kiosk.rows();
    expect(rows).toHaveLength(12);
    for (const { code } of LANGUAGES) {
      const values = rows.filter((row) => row.language === code).map((row) => row.value);
      expect(values.sort()).toEqual([1, 2, 3, 4]);
    }
    for (const row of rows) {
      expect(row).toMatchObject({
        surveyId: 'visit-smiley',
        surveyVersion: 3,
        questionId: 'overall',
        scale: 'smiley4',
        source: 'touch',
        syncState: 'pending',
      });
      // UUIDv7: the version nibble is 7.
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(Date.parse(row.answeredAt)).toBeGreaterThan(Date.now() - 5 * 60_000);
    }
  });

  it('keeps every answer through a reload and a restart of the host on the same port', async () => {
    const before = await kiosk.rows();
    expect(before.length).toBeGreaterThan(0);
    await page.reload();
    await kiosk.waitForKiosk();
    expect(await kiosk.rows()).toEqual(before);

    const port = host.port;
    await host.stop();
    host = await startKioskHost(host.dataDir, { port });
    await kiosk.open(host.url);
    // Every answer needs the host's journal now: the page must have found the new host first.
    await expect
      .poll(() => host.stderr(), { timeout: 15_000 })
      .toContain('bridge_client_connected');
    expect((await kiosk.rows()).map((row) => row.id).sort()).toEqual(
      before.map((row) => row.id).sort(),
    );
  });

  it('presses the faces with the keys 1–4 of the top row and the keypad', async () => {
    const before = (await kiosk.rows()).length;
    await kiosk.language('Suomi').click();
    await page.keyboard.press('Digit2');
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    await page.keyboard.press('Numpad4');
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    const keyed = (await kiosk.rows()).filter((row) => row.source === 'keyboard');
    expect((await kiosk.rows()).length).toBe(before + 2);
    expect(keyed.map((row) => row.value).sort()).toEqual([2, 4]);
  });

  it('returns to the default language when nobody has touched it for the idle time', async () => {
    await kiosk.language('English').click();
    expect(await kiosk.htmlLang()).toBe('en');
    await expect.poll(() => kiosk.htmlLang(), { timeout: 6000, interval: 200 }).toBe('fi');
    await expect(kiosk.language('Suomi').getAttribute('aria-pressed')).resolves.toBe('true');
  });

  it('shows faces at least 120 px wide in landscape 1280×800 and portrait 800×1280', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 800, height: 1280 },
    ]) {
      await page.setViewportSize(viewport);
      for (const value of [1, 2, 3, 4]) {
        const box = await kiosk.face(value).boundingBox();
        expect(box, `face ${value} at ${viewport.width}×${viewport.height}`).not.toBeNull();
        expect(box!.width).toBeGreaterThanOrEqual(120);
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('accessibility of the kiosk', () => {
  let host: KioskHost;
  let browser: BrowserContext;
  let kiosk: KioskPage;

  beforeAll(async () => {
    const dataDir = await makeDataDir();
    // A long thank-you so that axe can look at it.
    await writeTerminalConfig(
      dataDir,
      testConfig({ timing: { thankYouMs: 20_000, idleResetMs: 60_000 } }),
    );
    host = await startKioskHost(dataDir);
    browser = await launchBrowser(path.join(dataDir, 'profile'));
    kiosk = new KioskPage(await browser.newPage());
    await kiosk.open(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('has no axe violations on the kiosk screen in any language', async () => {
    for (const { ownName } of LANGUAGES) {
      await kiosk.language(ownName).click();
      const results = await new AxeBuilder({ page: kiosk.page })
        .options({ rules: { 'target-size': { enabled: true } } })
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    }
  });

  it('has no axe violations on the thank-you screen', async () => {
    await kiosk.face(3).click();
    await kiosk.screen('thanks').waitFor();
    // Mid-fade the text is paler than it ends: judge the screen as it stays (seen under load).
    await kiosk.settled();
    const results = await new AxeBuilder({ page: kiosk.page })
      .options({ rules: { 'target-size': { enabled: true } } })
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

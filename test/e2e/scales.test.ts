import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SCALES, type Scale } from '../../core';
import { launchBrowser } from './support/browser';
import { KIOSK_LANGUAGES, testConfig } from './support/fixtures';
import {
  makeDataDir,
  startKioskHost,
  writeTerminalConfig,
  type KioskHost,
} from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';
import { TechnicianPage } from './support/technician-page';

const LANGUAGES = KIOSK_LANGUAGES;

/** A kiosk whose unit asks one question on `scale`, in headless Chromium. */
async function kioskAsking(
  scale: Scale,
  questionId: string,
): Promise<{ host: KioskHost; browser: BrowserContext; kiosk: KioskPage }> {
  const dataDir = await makeDataDir(`hymy-e2e-${scale}-`);
  await writeTerminalConfig(
    dataDir,
    testConfig({
      survey: { id: `survey-${scale}`, version: 1, questions: [{ id: questionId, scale }] },
      timing: { thankYouMs: 300, idleResetMs: 600_000, repeatWindowMs: 0 },
    }),
  );
  const host = await startKioskHost(dataDir);
  const browser = await launchBrowser(path.join(dataDir, 'profile'));
  const kiosk = new KioskPage(await browser.newPage());
  await kiosk.open(host.url);
  return { host, browser, kiosk };
}

describe.each([
  { scale: 'nps11' as const, questionId: 'nps', count: 11, tapped: [0, 7, 10] },
  { scale: 'agree5' as const, questionId: 'met', count: 5, tapped: [1, 4, 5] },
  { scale: 'smiley3' as const, questionId: 'overall', count: 3, tapped: [1, 3] },
  { scale: 'smiley5' as const, questionId: 'overall', count: 5, tapped: [2, 5] },
])('the $scale question on touch', ({ scale, questionId, count, tapped }) => {
  let running: Awaited<ReturnType<typeof kioskAsking>> | undefined;

  afterAll(async () => {
    await running?.browser.close();
    await running?.host.stop();
  });

  it(`shows ${count} named buttons in fi, sv and en, and axe finds nothing`, async () => {
    running = await kioskAsking(scale, questionId);
    const { kiosk } = running;
    const tech = new TechnicianPage(kiosk.page);
    const names = new Set<string>();
    for (const { ownName, code } of LANGUAGES) {
      await kiosk.language(ownName).click();
      expect(await kiosk.htmlLang()).toBe(code);
      await expect.poll(() => kiosk.faces().count()).toBe(count);
      const values = await kiosk
        .faces()
        .evaluateAll((buttons) =>
          buttons.map((button) => Number(button.getAttribute('data-value'))),
        );
      expect(values[0]).toBe(SCALES[scale].min);
      expect(values.at(-1)).toBe(SCALES[scale].max);
      const label = (await kiosk.faces().last().getAttribute('aria-label')) ?? '';
      expect(label.length).toBeGreaterThan(1);
      names.add(label);
      expect(await tech.violations(), `${scale} in ${code}`).toEqual([]);
    }
    // The top answer is named in each language's own words.
    expect(names.size).toBe(3);
  });

  it('stores each tap as a Response with the scale, the question and the value', async () => {
    if (!running) {
      throw new Error('the kiosk of the first test did not start');
    }
    const { kiosk } = running;
    await kiosk.language('English').click();
    for (const value of tapped) {
      await kiosk.face(value).click();
      await kiosk.screen('thanks').waitFor();
      await kiosk.waitForKiosk();
    }
    const rows = (await kiosk.rows()).sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    expect(rows.map((row) => [row.scale, row.questionId, row.value, row.language])).toEqual(
      tapped.map((value) => [scale, questionId, value, 'en']),
    );
  });
});

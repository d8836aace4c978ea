import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser';
import { testConfig } from '../test/e2e/support/fixtures';
import { makeDataDir, startKioskHost, writeTerminalConfig } from '../test/e2e/support/kiosk-host';
import { KioskPage } from '../test/e2e/support/kiosk-page';
import { percentile } from './machine';
import { seedAnswers } from './seed';

const SETTLE_MS = 5000;

export type TapFigures = {
  taps: number;
  storedBefore: number;
  commitP50: number;
  commitP99: number;
  thanksP50: number;
  thanksP99: number;
};

/**
 * Taps faces through real Chromium input and reads the kiosk's own User Timing measures.
 * The waits poll on a timer: Playwright's default waits poll on animation frames, and on a
 * software-rendered 2-core machine those frames compete with the commit being measured.
 * `first` is the tap's number in a longer series, so the faces take turns across calls.
 */
export async function tapMany(kiosk: KioskPage, taps: number, first = 0): Promise<void> {
  const page = kiosk.page;
  for (let i = first; i < first + taps; i += 1) {
    const before = await page.evaluate(
      () => performance.getEntriesByName('hymy:tap-to-thanks').length,
    );
    await kiosk.face((i % 4) + 1).click();
    await page.waitForFunction(
      (n) =>
        performance.getEntriesByName('hymy:tap-to-thanks').length > n &&
        document.querySelector('main[data-screen="kiosk"]') !== null,
      before,
      { polling: 10 },
    );
  }
}

export async function durations(page: Page, name: string): Promise<number[]> {
  return page.evaluate(
    (measure) => performance.getEntriesByName(measure).map((e) => e.duration),
    name,
  );
}

export async function benchTaps(taps: number, seeded: number): Promise<TapFigures> {
  const dataDir = await makeDataDir('hymy-bench-');
  await writeTerminalConfig(
    dataDir,
    testConfig({ timing: { thankYouMs: 50, idleResetMs: 600_000, repeatWindowMs: 4000 } }),
  );
  const host = await startKioskHost(dataDir);
  const profile = path.join(dataDir, 'profile');
  let browser = await launchBrowser(profile);
  try {
    let page = await browser.newPage();
    if (seeded > 0) {
      await new KioskPage(page).open(host.url);
      // As weeks offline would: older answers, half of them sent.
      await seedAnswers(page, seeded, {
        surveyVersion: 3,
        startMs: Date.now() - 30 * 24 * 3600 * 1000,
        stepMs: 1000,
        allPending: false,
      });
      // A terminal that holds 100,000 answers gathered them over weeks, with restarts between:
      // restart the browser on the same profile and let the database settle before measuring,
      // rather than time taps during the compaction that the bulk seeding set off.
      await browser.close();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      browser = await launchBrowser(profile);
      page = await browser.newPage();
    }
    const kiosk = new KioskPage(page);
    await kiosk.open(host.url);
    const storedBefore = (await kiosk.rows()).length;
    await tapMany(kiosk, 20); // warm-up, not counted
    await page.evaluate(() => performance.clearMeasures());
    await tapMany(kiosk, taps);
    const commit = await durations(page, 'hymy:tap-to-commit');
    const thanks = await durations(page, 'hymy:tap-to-thanks');
    if (commit.length !== taps || thanks.length !== taps) {
      throw new Error(
        `expected ${taps} measures, got ${commit.length} commits and ${thanks.length} thanks`,
      );
    }
    return {
      taps,
      storedBefore,
      commitP50: percentile(commit, 50),
      commitP99: percentile(commit, 99),
      thanksP50: percentile(thanks, 50),
      thanksP99: percentile(thanks, 99),
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** Launch of the browser host process to its `kiosk ready` line. */
export async function benchColdStart(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const dataDir = await makeDataDir('hymy-bench-start-');
    const started = performance.now();
    const host = await startKioskHost(dataDir);
    times.push(performance.now() - started);
    await host.stop();
  }
  return times;
}

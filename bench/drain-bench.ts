import path from 'node:path';
import { REPO_ROOT } from '../host/app-info';
import { createDemoEnrollmentCode, startEmbeddedCentral } from '../host/embedded-central';
import { enrollTerminal } from '../host/enrollment';
import { createLogger } from '../host/log';
import { launchBrowser } from '../test/e2e/support/browser';
import { makeDataDir, startKioskHost } from '../test/e2e/support/kiosk-host';
import { KioskPage } from '../test/e2e/support/kiosk-page';
import { percentile } from './machine';
import { seedAnswers } from './seed';

export type DrainFigures = {
  pending: number;
  drainSeconds: number;
  tapsDuringDrain: number;
  commitP50: number;
  commitP99: number;
  /** After the drain: the page marking its rows sent, taps going on. */
  markingSeconds: number;
  tapsDuringMarking: number;
  markingCommitP50: number;
  markingCommitP99: number;
  /** Mean time per batch of 500 in the page: reading the outbox, the upload, recording the answer. */
  batchMeanMs: { read: number; upload: number; mark: number };
  /** Taps whose commit took over 50 ms: when (ms after the page's start) and how long. */
  slowTaps: { atMs: number; ms: number }[];
};

const SEED_END = Date.parse('2026-10-31T00:00:00.000Z');

/**
 * A terminal that was offline for weeks with `pending` answers comes back: the central server
 * (its own process, as in a county) receives them while a patient keeps tapping the kiosk.
 */
export async function benchDrain(pending: number): Promise<DrainFigures> {
  const dataDir = await makeDataDir('hymy-bench-drain-');
  const logger = createLogger({ write: () => undefined });
  const central = await startEmbeddedCentral({ repoRoot: REPO_ROOT, dataDir, port: 0, logger });
  let host;
  let browser;
  try {
    const code = await createDemoEnrollmentCode(central, {
      unit: { id: 'bench-unit', name: { fi: 'Mittaus', sv: 'Mätning', en: 'Bench' } },
      survey: { id: 'visit-smiley', version: 1, questions: [{ id: 'overall', scale: 'smiley4' }] },
      timing: { thankYouMs: 50, idleResetMs: 600_000, repeatWindowMs: 0 },
    });
    const enrolled = await enrollTerminal({
      dataDir,
      apiUrl: central.url,
      code,
      appVersion: '0.1.0',
    });
    if (!enrolled.ok) {
      throw new Error(`enrollment failed: ${enrolled.reason}`);
    }
    host = await startKioskHost(dataDir, { extraArgs: ['--serial', 'none'] });
    browser = await launchBrowser(path.join(dataDir, 'profile'));
    const page = await browser.newPage();
    const kiosk = new KioskPage(page);
    await kiosk.open(host.url);
    await seedAnswers(page, pending, {
      surveyVersion: 1,
      startMs: SEED_END - pending * 20_000,
      stepMs: 20_000,
      allPending: true,
    });

    const seededOnServer = async (): Promise<number> => {
      const answer = await fetch(
        `${central.url}/v1/admin/summary?unitId=bench-unit&to=${new Date(SEED_END).toISOString()}`,
        { headers: { authorization: `Bearer ${central.adminToken}` } },
      );
      return ((await answer.json()) as { total: number }).total;
    };

    // The page's sync engine starts with the page: reload, as a terminal restarts, and time it.
    const started = performance.now();
    await page.reload();
    await kiosk.waitForKiosk();
    await page.evaluate(() => performance.clearMeasures());
    let taps = 0;
    const tap = async (): Promise<void> => {
      await kiosk.face((taps % 4) + 1).click();
      await page.waitForFunction(
        (n) =>
          performance.getEntriesByName('hymy:tap-to-commit').length > n &&
          document.querySelector('main[data-screen="kiosk"]') !== null,
        taps,
        { polling: 10 },
      );
      taps += 1;
    };
    while ((await seededOnServer()) < pending) {
      if (performance.now() - started > 600_000) {
        throw new Error('the drain took over 10 minutes');
      }
      await tap();
    }
    const drainSeconds = (performance.now() - started) / 1000;
    const drainTaps = taps;
    // Then the page marks its rows sent, a chunk at a time: keep tapping until it is done.
    const marksLeft = (): Promise<number> =>
      page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('hymy');
            open.onerror = () => reject(new Error(String(open.error)));
            open.onsuccess = () => {
              const db = open.result;
              const count = db.transaction('marks', 'readonly').objectStore('marks').count();
              count.onsuccess = () => {
                db.close();
                resolve(count.result);
              };
              count.onerror = () => reject(new Error(String(count.error)));
            };
          }),
      );
    while ((await marksLeft()) > 0) {
      if (performance.now() - started > 900_000) {
        throw new Error('marking took over 15 minutes');
      }
      await tap();
    }
    const markingSeconds = (performance.now() - started) / 1000 - drainSeconds;
    const [readMs, uploadMs, markMs] = await page.evaluate(() =>
      ['hymy:sync-read', 'hymy:sync-upload', 'hymy:sync-mark'].map((name) => {
        const times = performance.getEntriesByName(name).map((entry) => entry.duration);
        return times.reduce((sum, time) => sum + time, 0) / Math.max(1, times.length);
      }),
    );
    const entries = await page.evaluate(() =>
      performance
        .getEntriesByName('hymy:tap-to-commit')
        .map((entry) => ({ atMs: Math.round(entry.startTime), ms: entry.duration })),
    );
    const commits = entries.map((entry) => entry.ms);
    const during = commits.slice(0, drainTaps);
    const marking = commits.slice(drainTaps);
    return {
      pending,
      drainSeconds,
      tapsDuringDrain: during.length,
      commitP50: percentile(during, 50),
      commitP99: percentile(during, 99),
      markingSeconds,
      tapsDuringMarking: marking.length,
      markingCommitP50: percentile(marking, 50),
      markingCommitP99: percentile(marking, 99),
      batchMeanMs: { read: readMs ?? 0, upload: uploadMs ?? 0, mark: markMs ?? 0 },
      slowTaps: entries.filter((entry) => entry.ms > 50),
    };
  } finally {
    await browser?.close();
    await host?.stop();
    await central.stop();
  }
}

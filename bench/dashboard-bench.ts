import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser';
import { describeMachine, percentile } from './machine';
import { STORE_ANSWERS, STORE_DIR } from './store-bench';
import { unitIdOf } from './store-data';
import { ensureSeed } from './store-seed';
import { BENCH_ADMIN_TOKEN, startServerProcess } from './store-server-process';

/**
 * The dashboard's bench (`npm run bench -- --only dashboard`), issue 17's speed targets: on the
 * county's year of answers (the store bench's SQLite seed, 10M by default), the units page and a
 * unit's page interactive within 1.5 s of navigation in headless Chromium (median of 5 after one
 * warm-up), the dashboard's JavaScript at most 350 kB gzipped, and no request a page makes over
 * 100 ms at the server (its own `http_request` log lines, which time each request in Fastify).
 *
 * "Interactive" is the time from asking the tab to navigate until the figures a person came for
 * are on the screen: every unit's row with its sparkline, or a unit's headline figures and its
 * charts drawn. It is read by the bench (checked every animation frame), not by the page's own
 * `performance.now()`: Playwright's clock, which sets the browser's date inside the seeded year
 * so the periods the pages ask for hold answers, moves the page's performance clock too. The
 * server's clock is its own.
 */

const RUNS = 5;
const EMAIL = 'bench-county@hymy.invalid';
const PASSWORD = 'bench-county-password-0123';
/** The seed's year is 2025: the pages' "last 90 days" then end at its close. */
const BROWSER_NOW = '2025-12-31T10:00:00Z';
const DIST = join(import.meta.dirname, '..', 'dist', 'dashboard');

export type PageFigures = { page: string; warmUpMs: number; runsMs: number[]; medianMs: number };
export type RequestFigures = { route: string; count: number; p50: number; max: number };
export type DashboardBenchResult = {
  date: string;
  machine: string;
  answers: number;
  units: number;
  pages: PageFigures[];
  requests: RequestFigures[];
  javascript: { files: { name: string; gzipBytes: number }[]; gzipBytes: number };
};

/** Every `.js` file the dashboard's build ships, gzipped as a server would send it. */
export async function dashboardJavascript(): Promise<DashboardBenchResult['javascript']> {
  const assets = join(DIST, 'assets');
  const names = (await readdir(assets)).filter((name) => name.endsWith('.js')).sort();
  const files = await Promise.all(
    names.map(async (name) => ({
      name,
      gzipBytes: gzipSync(await readFile(join(assets, name))).length,
    })),
  );
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

/** A county account for the bench; one left by an earlier run is used again. */
async function ensureAccount(url: string): Promise<void> {
  const response = await fetch(`${url}/v1/admin/accounts`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${BENCH_ADMIN_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ email: EMAIL, role: 'county', password: PASSWORD }),
  });
  if (response.status !== 201 && response.status !== 409) {
    throw new Error(
      `could not make the bench's account: ${response.status} ${await response.text()}`,
    );
  }
}

async function signIn(browser: BrowserContext, url: string): Promise<void> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('#email').fill(EMAIL);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('nav.pages').waitFor();
  await page.close();
}

/** Opens `url` in a new tab: milliseconds from asking it to navigate until `ready` holds. */
async function timeTo(
  browser: BrowserContext,
  url: string,
  ready: (page: Page) => Promise<void>,
): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.clock.setFixedTime(new Date(BROWSER_NOW));
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await ready(page);
    return performance.now() - started;
  } finally {
    await page.close();
  }
}

/** The units page is in use when every unit's row is there, each with its 12-week sparkline. */
function unitsReady(units: number) {
  return async (page: Page): Promise<void> => {
    await page.waitForFunction(
      (count) => {
        const rows = document.querySelectorAll('table.units tbody tr');
        const lines = document.querySelectorAll('table.units tbody tr svg.sparkline');
        return rows.length === count && lines.length === count;
      },
      units,
      { polling: 'raf', timeout: 30_000 },
    );
  };
}

/** A unit's page is in use when its headline figures and every chart it draws are there. */
async function unitReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const charts = document.querySelectorAll('figure.chart');
      const drawn = document.querySelectorAll('figure.chart svg');
      return (
        document.querySelector('.headline') !== null &&
        charts.length > 0 &&
        drawn.length >= charts.length
      );
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
}

/** The `http_request` lines the server logged after byte `from` of its log. */
async function requestTimes(logFile: string, from: number): Promise<RequestFigures[]> {
  const text = (await readFile(logFile, 'utf8')).slice(from);
  const byRoute = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    if (!line.includes('"http_request"')) {
      continue;
    }
    const entry = JSON.parse(line) as { route: string | null; method: string; ms: number };
    const key = `${entry.method} ${entry.route ?? '(no route)'}`;
    byRoute.set(key, [...(byRoute.get(key) ?? []), entry.ms]);
  }
  return [...byRoute]
    .map(([route, times]) => ({
      route,
      count: times.length,
      p50: percentile(times, 50),
      max: Math.max(...times),
    }))
    .sort((a, b) => b.max - a.max);
}

export async function benchDashboard(): Promise<DashboardBenchResult> {
  const answers = STORE_ANSWERS;
  const dataDir = join(STORE_DIR, `sqlite-${answers}`);
  const manifest = await ensureSeed({ engine: 'sqlite', dataDir }, answers, (line) =>
    console.log(line),
  );
  const logFile = join(dataDir, 'dashboard-bench-server.log');
  const server = await startServerProcess(dataDir, undefined, logFile);
  const profile = await mkdtemp(join(tmpdir(), 'hymy-bench-dashboard-'));
  const browser = await launchBrowser(profile);
  try {
    await ensureAccount(server.url);
    await signIn(browser, server.url);
    const logStart = await stat(logFile).then((s) => s.size);
    const units = manifest.shape.units;
    const pages: PageFigures[] = [];
    const targets = [
      { page: 'units', url: `${server.url}/#/units`, ready: unitsReady(units) },
      {
        page: 'unit',
        url: `${server.url}/#/units/${encodeURIComponent(unitIdOf(0))}`,
        ready: unitReady,
      },
    ];
    for (const target of targets) {
      const warmUpMs = await timeTo(browser, target.url, target.ready);
      const runsMs: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        runsMs.push(await timeTo(browser, target.url, target.ready));
      }
      const figures = { page: target.page, warmUpMs, runsMs, medianMs: percentile(runsMs, 50) };
      console.log(`dashboard ${target.page} page: ${JSON.stringify(figures)}`);
      pages.push(figures);
    }
    const requests = await requestTimes(logFile, logStart);
    console.log(`dashboard requests at the server: ${JSON.stringify(requests)}`);
    const javascript = await dashboardJavascript();
    return {
      date: new Date().toISOString(),
      machine: describeMachine(),
      answers: manifest.partial?.answers ?? answers,
      units,
      pages,
      requests,
      javascript,
    };
  } finally {
    await browser.close();
    await server.stop();
    await rm(profile, { recursive: true, force: true });
  }
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** The README's rows: measure, result, target. */
export function dashboardRows(result: DashboardBenchResult): string[][] {
  const stored = `${(result.answers / 1e6).toFixed(0)}M answers, ${result.units} units`;
  const slowest = result.requests[0];
  return [
    ...result.pages.map((page) => [
      `Dashboard: ${page.page === 'units' ? 'units page' : "a unit's page"} interactive from navigation (${stored}; median of ${page.runsMs.length} after a warm-up)`,
      `${ms(page.medianMs)} (runs ${page.runsMs.map((run) => run.toFixed(0)).join(', ')})`,
      '≤ 1.5 s',
    ]),
    [
      "Dashboard: the pages' slowest request at the server",
      slowest === undefined ? '–' : `${slowest.max.toFixed(1)} ms (${slowest.route})`,
      '≤ 100 ms',
    ],
    [
      "Dashboard's JavaScript, gzipped (all files)",
      `${(result.javascript.gzipBytes / 1000).toFixed(1)} kB`,
      '≤ 350 kB',
    ],
  ];
}

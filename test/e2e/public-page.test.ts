import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/local-time';
import { isSuppressed, PublicResultsSchema, type PublicResults } from '../../core/public-api';
import type { Response as Answer } from '../../core/response';
import {
  answer,
  startTestServer,
  TEST_PASSWORD,
  UNIT,
  type TestServer,
} from '../../server/test-support';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './support/browser';
import { axeFinds, focusedName, LANGUAGES, pageWidths, watchCsp } from './support/dashboard';

/**
 * A unit's public page in headless Chromium against the real server, its answers seeded over
 * the terminal API across 13 weeks (one week with only 3): axe finds nothing in fi, sv, en or
 * on a phone, and the CSP is never broken; with JavaScript off the chart and its table are
 * there; Tab reaches the skip link and the language links; the figures are the public JSON's;
 * and no comment, terminal, hardware id or answer time is anywhere in the HTML.
 * `HYMY_SCREENSHOTS=1` also writes docs/public-page-fi.png and docs/public-page-en-mobile.png.
 */

// A Wednesday: the 13 whole weeks before it run from Monday 31 August to Sunday 29 November.
const NOW = new Date('2026-12-02T12:00:00.000Z');
const FIRST_MONDAY = '2026-08-31';
/** The week with only 3 answers (12 October): its figures are suppressed. */
const SMALL_WEEK = 6;
const SURVEY = {
  id: 'visit-smiley',
  version: 3,
  questions: [
    {
      id: 'overall',
      scale: 'smiley4',
      text: {
        fi: 'Miten käyntisi sujui tänään?',
        sv: 'Hur gick ditt besök i dag?',
        en: 'How was your visit today?',
      },
    },
    {
      id: 'recommend',
      scale: 'nps11',
      text: {
        fi: 'Kuinka todennäköisesti suosittelisit meitä läheisellesi?',
        en: 'How likely would you be to recommend us to someone close to you?',
      },
    },
  ],
};
const COMMENT = 'Hoitaja Virtanen kertoi odotusajasta ystävällisesti';
const HARDWARE_ID = 'test-hw';
const HOUR = 60 * 60 * 1000;
const NPS_VALUES = [10, 9, 8, 10, 6, 9, 7, 10, 3, 9, 10, 5, 9];
const DOCS = path.resolve(import.meta.dirname, '../../docs');

/** Answers over the 13 weeks: a few more each week, a dip in weeks 9–10, one week of 3. */
function seed(): Answer[] {
  const out: Answer[] = [];
  let next = 1;
  for (let week = 0; week < 13; week += 1) {
    const monday = Date.parse(`${addDays(FIRST_MONDAY, 7 * week)}T06:00:00.000Z`);
    const count = week === SMALL_WEEK ? 3 : 22 + week * 2;
    const values = week === 9 || week === 10 ? [4, 2, 3, 1, 4, 2] : [4, 4, 3, 4, 2, 4, 3, 4];
    for (let i = 0; i < count; i += 1) {
      out.push(
        answer(next, {
          surveyId: SURVEY.id,
          value: values[i % values.length],
          // Spread over the week's days and hours; never two at the same moment.
          answeredAt: new Date(monday + ((i * 7) % 120) * HOUR + next * 1000).toISOString(),
          ...(i === 1 ? { comment: `${COMMENT} ${week}` } : {}),
        }),
      );
      next += 1;
    }
    if (week !== SMALL_WEEK) {
      for (let i = 0; i < 8 + (week % 4); i += 1) {
        out.push(
          answer(next, {
            surveyId: SURVEY.id,
            questionId: 'recommend',
            scale: 'nps11',
            value: NPS_VALUES[(i + week * 5) % NPS_VALUES.length]!,
            answeredAt: new Date(monday + (i * 11 + 2) * HOUR + next * 1000).toISOString(),
          }),
        );
        next += 1;
      }
    }
  }
  return out;
}

describe("a unit's public page", () => {
  let t: TestServer;
  let terminalId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let json: PublicResults;
  const answers = seed();
  const cspReports: string[] = [];
  const pagePath = `/public/units/${encodeURIComponent(UNIT.id)}`;

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
    const terminal = await t.enroll({ unit: UNIT, survey: SURVEY });
    terminalId = terminal.terminalId;
    for (let at = 0; at < answers.length; at += 200) {
      const sent = await t.upload(terminal.token, answers.slice(at, at + 200));
      expect(sent.status, sent.text).toBe(200);
    }
    const published = await t.admin('PATCH', `/v1/admin/units/${UNIT.id}`, { public: true });
    expect(published.status, published.text).toBe(200);
    await t.addAccount({ email: 'johtaja@lapset.example.fi', role: 'unit', units: [UNIT.id] });
    const manager = await t.signIn('johtaja@lapset.example.fi', TEST_PASSWORD);
    const note = await t.person(manager, 'POST', `/v1/units/${UNIT.id}/notes`, {
      youSaid: {
        fi: 'Odotusajasta ei kerrottu aulassa.',
        en: 'Nobody told you how long the wait would be.',
      },
      weDid: {
        fi: 'Aulan näytöllä näkyy nyt arvioitu odotusaika.',
        en: 'The screen in the lobby now shows the expected wait.',
      },
    });
    expect(note.status, note.text).toBe(201);
    const got = await t.call('GET', `/public/v1/units/${UNIT.id}`);
    json = PublicResultsSchema.parse(got.body);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Every CSP violation the page meets on every load, whether Chromium logs it or not.
    await watchCsp(context, cspReports, { events: true });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it.each([...LANGUAGES])('axe finds nothing on the page in %s', async (language) => {
    await page.goto(`${t.server.url}${pagePath}?lang=${language}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await axeFinds(page)).toEqual([]);
    expect(cspReports).toEqual([]);
  });

  it('fits a phone and a 320 px screen without scrolling sideways, and axe finds nothing there', async () => {
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(`${t.server.url}${pagePath}?lang=fi`);
      const widths = await pageWidths(page);
      expect(widths.page, `${width}`).toBeLessThanOrEqual(widths.view);
      expect(await axeFinds(page)).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(cspReports).toEqual([]);
  });

  it('reads whole with JavaScript off: every chart and its table are there', async () => {
    const off = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await off.newPage();
      await plain.goto(`${t.server.url}${pagePath}?lang=en`);
      await plain.getByRole('heading', { level: 1, name: UNIT.name.en }).waitFor();
      expect(await plain.locator('.chart svg').count()).toBe(2);
      const box = await plain.locator('.chart svg').first().boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(100);
      const tables = plain.getByRole('table');
      expect(await tables.count()).toBe(2);
      const overall = plain.getByRole('table', { name: /^Weekly results: How was your visit/ });
      expect(await overall.locator('tbody tr').count()).toBe(13);
      await plain.getByRole('heading', { level: 2, name: 'You said, we did' }).waitFor();
      expect(await plain.getByText(/^No week|^The chart shows/).count()).toBe(2);
    } finally {
      await off.close();
    }
  });

  it("says the public JSON's figures, and hides the small week", async () => {
    await page.goto(`${t.server.url}${pagePath}?lang=en`);
    const overall = json.questions.find((q) => q.questionId === 'overall')!;
    expect(overall.n).toBe(answers.filter((a) => a.questionId === 'overall').length);
    const share = overall.positiveShare;
    if (isSuppressed(share)) {
      throw new Error('the seeded total is suppressed');
    }
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    await page
      .getByText(
        `${pct(share.value)} positive (95% interval ${Math.round(share.low * 100)}–${pct(share.high)}), ${overall.n} answers`,
        { exact: true },
      )
      .waitFor();
    const rows = await page
      .getByRole('table', { name: /^Weekly results: How was your visit/ })
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')),
      );
    expect(rows).toEqual(
      overall.weeks.map((week, i) => {
        const label = `Week ${36 + i}, 2026`;
        const s = week.positiveShare;
        return week.n === null || isSuppressed(s)
          ? [label, 'Too few answers — not shown']
          : [label, String(week.n), `${pct(s.value)} (${Math.round(s.low * 100)}–${pct(s.high)})`];
      }),
    );
    expect(rows[SMALL_WEEK]).toEqual(['Week 42, 2026', 'Too few answers — not shown']);
  });

  it('lets the keyboard reach the skip link first, then each language', async () => {
    await page.goto(`${t.server.url}${pagePath}?lang=sv`);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Hoppa till huvudinnehållet');
    const skip = await page.locator('.skip').boundingBox();
    expect(skip?.y).toBeGreaterThanOrEqual(0);
    for (const name of ['Suomi', 'Svenska', 'English']) {
      await page.keyboard.press('Tab');
      expect(await focusedName(page)).toBe(name);
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/lang=en/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('never shows a comment, the terminal, its hardware or an answer time', async () => {
    for (const language of LANGUAGES) {
      const html = (await t.call('GET', `${pagePath}?lang=${language}`)).text;
      expect(html).toContain('<h1');
      expect(html).not.toContain(COMMENT);
      expect(html).not.toContain(terminalId);
      expect(html).not.toContain(HARDWARE_ID);
      for (const sent of answers) {
        expect(html).not.toContain(sent.answeredAt);
        expect(html).not.toContain(sent.answeredAt.slice(0, 16));
      }
      // No time of day at all: a week, a month and the period's dates are all it names.
      const text = html.replace(/<svg[\s\S]*?<\/svg>|<style>[\s\S]*?<\/style>/g, '');
      expect(text).not.toMatch(/\b\d{1,2}[:.]\d{2}\b(?![.\d])/);
    }
  });

  it('draws whole pages at 1280 and 390 wide (into docs/ with HYMY_SCREENSHOTS=1)', async () => {
    const into =
      process.env['HYMY_SCREENSHOTS'] === '1'
        ? DOCS
        : await mkdtemp(path.join(tmpdir(), 'hymy-public-shots-'));
    try {
      await mkdir(into, { recursive: true });
      const shots: [string, number, string][] = [
        ['public-page-fi.png', 1280, 'fi'],
        ['public-page-en-mobile.png', 390, 'en'],
      ];
      for (const [file, width, lang] of shots) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(`${t.server.url}${pagePath}?lang=${lang}`);
        const png = await page.screenshot({ path: path.join(into, file), fullPage: true });
        // A PNG, and a whole page: taller than the window it was drawn in.
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(png.readUInt32BE(16)).toBe(width);
        expect(png.readUInt32BE(20)).toBeGreaterThan(844);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
      if (into !== DOCS) {
        await rm(into, { recursive: true, force: true });
      }
    }
  });
});

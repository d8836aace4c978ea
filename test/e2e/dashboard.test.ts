import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitsReport } from '../../core/reports-api';
import {
  answer,
  startTestServer,
  SURVEY,
  TEST_PASSWORD,
  UNIT,
  type TestServer,
} from '../../server/test-support';
import { launchBrowser } from './support/browser';

/**
 * The county's dashboard in headless Chromium against the real server with seeded answers:
 * served at `/` from the build (`npm run build` first), signed into through its form.
 */

const CLINIC = {
  id: 'psykiatria',
  name: {
    fi: 'Psykiatrian poliklinikka',
    sv: 'Psykiatriska polikliniken',
    en: 'Psychiatric clinic',
  },
};
const UNIT_ACCOUNT = 'manager@lapset.example.fi';
const COUNTY_ACCOUNT = 'staff@county.example.fi';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LANGUAGE_LABEL = { fi: 'Kieli', sv: 'Språk', en: 'Language' } as const;
type Language = keyof typeof LANGUAGE_LABEL;

/** Answers an hour apart over the last days, the values cycling so the shares are not trivial. */
function answers(first: number, count: number, values: readonly number[]) {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) =>
    answer(first + i, {
      value: values[i % values.length],
      answeredAt: new Date(now - (i + 1) * 60 * 60 * 1000).toISOString(),
    }),
  );
}

/** "84% (78–89%)" as the English page writes a share, worked out here from the API's figures. */
function englishShare(share: { value: number; low: number; high: number }): string {
  const pct = (x: number) => Math.round(x * 100);
  return `${pct(share.value)}% (${pct(share.low)}–${pct(share.high)}%)`;
}

/** Picks a language in the switcher, named "Kieli", "Språk" or "Language" by the one shown. */
async function chooseLanguage(page: Page, to: Language): Promise<void> {
  const names = Object.values(LANGUAGE_LABEL).join('|');
  await page.getByRole('combobox', { name: new RegExp(`^(${names})$`) }).selectOption(to);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(to);
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail', { exact: true }).pressSequentially(email);
  await page.getByLabel('Password', { exact: true }).pressSequentially(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Each body row of the units table as its cells' texts. */
async function tableRows(page: Page): Promise<string[][]> {
  await page.getByRole('table').waitFor();
  return page.evaluate(() =>
    [...document.querySelectorAll('table.units tbody tr')].map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
    ),
  );
}

async function axeFinds(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Presses Tab until the focused element's accessible text starts with `name`. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (el === null) {
        return '';
      }
      const label = el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? '') : '';
      return `${el.getAttribute('aria-label') ?? ''}${label}${el.textContent ?? ''}`.trim();
    });
    if (name.test(focused)) {
      return;
    }
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

describe("the county's dashboard", () => {
  let t: TestServer;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  /** What Chromium said about the page's CSP: nothing, if the build keeps to it. */
  const cspReports: string[] = [];

  beforeAll(async () => {
    t = await startTestServer();
    const children = await t.enroll({ unit: UNIT, survey: SURVEY });
    const clinic = await t.enroll({ unit: CLINIC, survey: SURVEY });
    expect((await t.upload(children.token, answers(1, 30, [4, 4, 3, 4, 2, 4, 3, 1]))).status).toBe(
      200,
    );
    expect((await t.upload(clinic.token, answers(101, 8, [2, 3, 4, 1]))).status).toBe(200);
    await t.addAccount({ email: UNIT_ACCOUNT, role: 'unit', units: [UNIT.id] });
    await t.addAccount({ email: COUNTY_ACCOUNT, role: 'county' });
    profile = await mkdtemp(path.join(tmpdir(), 'hymy-e2e-dashboard-'));
    browser = await launchBrowser(profile);
    page = await browser.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        cspReports.push(message.text());
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
    if (profile) {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('is served at / with its CSP, and its API paths keep their JSON 404', async () => {
    const index = await fetch(`${t.server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const unknown = await t.call('GET', '/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('shows a wrong password in an alert, in words, and no stack', async () => {
    await page.goto(t.server.url);
    await chooseLanguage(page, 'en');
    await signIn(page, UNIT_ACCOUNT, 'not the password at all');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Wrong e-mail or password.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Hymy');
  });

  it("lets a unit account sign in and see only its unit, with the API's n and positive share", async () => {
    await page.goto(t.server.url);
    await signIn(page, UNIT_ACCOUNT, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    expect(await page.getByText(`Signed in as ${UNIT_ACCOUNT}`).count()).toBe(1);
    const api = await t.person(
      await t.signIn(UNIT_ACCOUNT, TEST_PASSWORD),
      'GET',
      '/v1/reports/units',
    );
    const report = api.body as UnitsReport;
    expect(report.map((row) => row.unitId)).toEqual([UNIT.id]);
    const [row] = report;
    const rows = await tableRows(page);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe(UNIT.name.en);
    expect(rows[0]?.[1]).toBe(String(row?.n));
    expect(row?.n).toBe(30);
    expect(rows[0]?.[2]).toBe(englishShare(row!.positiveShare!));
    const bar = page.getByRole('img', { name: /^Positive \d+%, 95 % interval \d+% to \d+%$/ });
    expect(await bar.count()).toBe(1);
  });

  it('finds no axe violations on the sign-in and units pages in fi, sv and en', async () => {
    // Signed in from the test before: the units page first, then out to the sign-in page.
    for (const language of ['fi', 'sv', 'en'] as const) {
      await chooseLanguage(page, language);
      await page.getByRole('table').waitFor();
      expect(await axeFinds(page), `units ${language}`).toEqual([]);
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Hymy' }).waitFor();
    for (const language of ['fi', 'sv', 'en'] as const) {
      await chooseLanguage(page, language);
      expect(await axeFinds(page), `sign-in ${language}`).toEqual([]);
    }
    // A failed sign-in's alert too.
    await signIn(page, COUNTY_ACCOUNT, 'wrong');
    await page.getByRole('alert').getByText('Wrong e-mail or password.').waitFor();
    expect(await axeFinds(page), 'sign-in with its alert').toEqual([]);
  });

  it('shows a county account every unit, and keeps the language chosen across a reload', async () => {
    await page.goto(t.server.url);
    await page.getByLabel('E-mail', { exact: true }).fill('');
    await signIn(page, COUNTY_ACCOUNT, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    const rows = await tableRows(page);
    expect(rows.map((row) => row[0]).sort()).toEqual([UNIT.name.en, CLINIC.name.en].sort());
    expect(rows.map((row) => row[1]).sort()).toEqual(['30', '8']);
    await chooseLanguage(page, 'sv');
    await page.reload();
    await page.getByRole('heading', { name: 'Enheter', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await chooseLanguage(page, 'en');
  });

  it('works by keyboard alone: sort buttons with Enter and Space, the period with arrow keys', async () => {
    await page.goto(t.server.url);
    await page.getByRole('table').waitFor();
    const sortOf = (name: string) =>
      page.getByRole('columnheader', { name: new RegExp(`^${name}`) }).getAttribute('aria-sort');
    const firstColumn = async () => (await tableRows(page)).map((row) => row[1]);

    await tabTo(page, /^Answers/);
    const outline = await page.evaluate(() =>
      document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none',
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => sortOf('Answers')).toBe('descending');
    expect(await firstColumn()).toEqual(['30', '8']);
    await page.keyboard.press('Space');
    await expect.poll(() => sortOf('Answers')).toBe('ascending');
    expect(await firstColumn()).toEqual(['8', '30']);

    // Shift+Tab back up the page to the period picker: the checked radio holds the focus.
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Shift+Tab');
      const checked = await page.evaluate(
        () =>
          document.activeElement instanceof HTMLInputElement &&
          document.activeElement.type === 'radio',
      );
      if (checked) {
        break;
      }
    }
    expect(await page.getByRole('radio', { name: 'Last 90 days' }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('radio', { name: 'Last 12 months' }).isChecked())
      .toBe(true);
    await page.getByRole('table', { name: /Last 12 months/ }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.getByRole('radio', { name: 'Last 30 days' }).isChecked())
      .toBe(true);
    await page.getByRole('table', { name: /Last 30 days/ }).waitFor();
    expect((await tableRows(page)).map((row) => row[1]).sort()).toEqual(['30', '8']);
  });

  it('fits a 390×844 phone: the page does not scroll sideways, the table scrolls in its own named region', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(t.server.url);
      await page.getByRole('table').waitFor();
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        view: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.view);
      const region = page.getByRole('region', { name: /Results of the units/ });
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await axeFinds(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('broke no rule of its Content-Security-Policy on any page', () => {
    expect(cspReports).toEqual([]);
  });
});

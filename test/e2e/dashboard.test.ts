import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitsReport } from '../../core/reports-api';
import {
  startTestServer,
  SURVEY,
  TEST_PASSWORD,
  UNIT,
  type TestServer,
} from '../../server/test-support';
import {
  axeFinds,
  bodyRows,
  chooseLanguage,
  focusOutline,
  hourlyAnswers,
  openDashboardBrowser,
  pageWidths,
  signIn,
  tabTo,
  watchCsp,
  type DashboardBrowser,
} from './support/dashboard';

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

/** "84% (78–89%)" as the English page writes a share, worked out here from the API's figures. */
function englishShare(share: { value: number; low: number; high: number }): string {
  const pct = (x: number) => Math.round(x * 100);
  return `${pct(share.value)}% (${pct(share.low)}–${pct(share.high)}%)`;
}

/** Each body row of the units table as its cells' texts. */
const tableRows = (page: Page) => bodyRows(page, 'table.units');

describe("the county's dashboard", () => {
  let t: TestServer;
  let browser: DashboardBrowser;
  let page: Page;
  /** What Chromium said about the page's CSP: nothing, if the build keeps to it. */
  const cspReports: string[] = [];

  beforeAll(async () => {
    t = await startTestServer();
    const children = await t.enroll({ unit: UNIT, survey: SURVEY });
    const clinic = await t.enroll({ unit: CLINIC, survey: SURVEY });
    expect(
      (await t.upload(children.token, hourlyAnswers(1, 30, [4, 4, 3, 4, 2, 4, 3, 1]))).status,
    ).toBe(200);
    expect((await t.upload(clinic.token, hourlyAnswers(101, 8, [2, 3, 4, 1]))).status).toBe(200);
    await t.addAccount({ email: UNIT_ACCOUNT, role: 'unit', units: [UNIT.id] });
    await t.addAccount({ email: COUNTY_ACCOUNT, role: 'county' });
    browser = await openDashboardBrowser('hymy-e2e-dashboard-');
    await watchCsp(browser.context, cspReports);
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
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
    await signIn(page, UNIT_ACCOUNT, 'not the password at all', { keystrokes: true });
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Wrong e-mail or password.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Hymy');
  });

  it("lets a unit account sign in and see only its unit, with the API's n and positive share", async () => {
    await page.goto(t.server.url);
    await signIn(page, UNIT_ACCOUNT, TEST_PASSWORD, { keystrokes: true });
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
    await signIn(page, COUNTY_ACCOUNT, 'wrong', { keystrokes: true });
    await page.getByRole('alert').getByText('Wrong e-mail or password.').waitFor();
    expect(await axeFinds(page), 'sign-in with its alert').toEqual([]);
  });

  it('shows a county account every unit, and keeps the language chosen across a reload', async () => {
    await page.goto(t.server.url);
    await page.getByLabel('E-mail', { exact: true }).fill('');
    await signIn(page, COUNTY_ACCOUNT, TEST_PASSWORD, { keystrokes: true });
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
    expect(await focusOutline(page)).not.toBe('none');
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
      const widths = await pageWidths(page);
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

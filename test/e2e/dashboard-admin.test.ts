import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountListSchema } from '../../core/accounts-api';
import { UnitsReportSchema } from '../../core/reports-api';
import { unitVersusTarget } from '../../core/targets';
import {
  startTestServer,
  SURVEY,
  TEST_PASSWORD,
  UNIT,
  type TestServer,
} from '../../server/test-support';
import {
  axeFinds,
  chooseLanguage,
  focusedName,
  focusOutline,
  hourlyAnswers,
  LANGUAGES,
  openDashboardBrowser,
  pageWidths,
  signIn,
  tabTo,
  watchCsp,
  type DashboardBrowser,
} from './support/dashboard';

/**
 * The county's admin pages in headless Chromium against the real server (`npm run build`
 * first): Accounts — an account added through the page signs in from another browser and sees
 * only its unit, its units change, it is removed — and Targets, whose target the Units page
 * then shows against the unit's interval.
 */

const CLINIC = {
  id: 'psykiatria',
  name: {
    fi: 'Psykiatrian poliklinikka',
    sv: 'Psykiatriska polikliniken',
    en: 'Psychiatric clinic',
  },
};
const COUNTY_ACCOUNT = 'staff@county.example.fi';
const NEW_ACCOUNT = 'manager@lapset.example.fi';
const NEW_PASSWORD = 'a password long enough';
const KEYBOARD_ACCOUNT = 'keys@lapset.example.fi';
const HEADINGS = {
  accounts: { fi: 'Käyttäjät', sv: 'Konton', en: 'Accounts' },
  targets: { fi: 'Tavoitteet', sv: 'Mål', en: 'Targets' },
} as const;
const STANDING_WORD = {
  above: 'Above the target',
  below: 'Below the target',
  across: 'Interval spans the target',
} as const;

/** The first cells of the units table's rows: the units' names. */
async function unitNamesShown(page: Page): Promise<string[]> {
  await page.locator('table.units').waitFor();
  return page.evaluate(() =>
    [...document.querySelectorAll('table.units tbody th')].map((cell) => cell.textContent ?? ''),
  );
}

describe("the county's Accounts and Targets pages", () => {
  let t: TestServer;
  let county: DashboardBrowser;
  let other: DashboardBrowser;
  let page: Page;
  /** The added unit account's own browser. */
  let theirs: Page;
  const cspReports: string[] = [];

  const accountsApi = async () =>
    AccountListSchema.parse(
      (await t.person(await t.signIn(COUNTY_ACCOUNT, TEST_PASSWORD), 'GET', '/v1/admin/accounts'))
        .body,
    );

  const open = async (p: Page, hash: string, heading: string) => {
    await p.goto(`${t.server.url}/${hash}`);
    await p.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };

  beforeAll(async () => {
    t = await startTestServer();
    const children = await t.enroll({ unit: UNIT, survey: SURVEY });
    const clinic = await t.enroll({ unit: CLINIC, survey: SURVEY });
    expect(
      (await t.upload(children.token, hourlyAnswers(1, 40, [4, 4, 3, 4, 2, 4, 3, 4]))).status,
    ).toBe(200);
    expect((await t.upload(clinic.token, hourlyAnswers(101, 8, [2, 3, 4, 1]))).status).toBe(200);
    await t.addAccount({ email: COUNTY_ACCOUNT, role: 'county' });
    county = await openDashboardBrowser('hymy-e2e-admin-');
    other = await openDashboardBrowser('hymy-e2e-admin-');
    page = await county.context.newPage();
    for (const { context } of [county, other]) {
      await watchCsp(context, cspReports);
    }
  });

  afterAll(async () => {
    await county?.close();
    await other?.close();
    await t?.cleanup();
  });

  it('adds a unit account with a password through the page, which then signs in and sees only its unit', async () => {
    await page.goto(t.server.url);
    await chooseLanguage(page, 'en');
    await signIn(page, COUNTY_ACCOUNT, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    const form = page.getByRole('region', { name: 'Add an account' });
    await form.getByLabel('E-mail', { exact: true }).fill(NEW_ACCOUNT);
    await form.getByRole('radio', { name: 'Unit' }).check();
    await form.getByRole('checkbox', { name: UNIT.name.en }).check();
    await form.getByLabel('Password (optional)').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('status').getByText(`Account ${NEW_ACCOUNT} added.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(`^${NEW_ACCOUNT}`) });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'Unit',
      UNIT.name.en,
      'Suomi',
      'Password',
      `Change units (${NEW_ACCOUNT})Remove (${NEW_ACCOUNT})`,
    ]);
    expect((await accountsApi()).find((a) => a.email === NEW_ACCOUNT)).toEqual({
      email: NEW_ACCOUNT,
      role: 'unit',
      units: [UNIT.id],
      language: 'fi',
      password: true,
    });

    theirs = await other.context.newPage();
    await theirs.goto(t.server.url);
    await chooseLanguage(theirs, 'en');
    await signIn(theirs, NEW_ACCOUNT, NEW_PASSWORD);
    await theirs.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    expect(await unitNamesShown(theirs)).toEqual([UNIT.name.en]);
    // The county's pages are not offered to a unit account: its units, inbox and alerts only.
    const nav = theirs.getByRole('navigation');
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Units', 'Inbox', 'Alerts']);
  });

  it("changes the account's units, and then removes it: its open session ends", async () => {
    await open(page, '#/accounts', 'Accounts');
    await page.getByRole('button', { name: `Change units (${NEW_ACCOUNT})` }).click();
    const editor = page.getByRole('group', { name: `Units of ${NEW_ACCOUNT}` });
    await editor.getByRole('checkbox', { name: CLINIC.name.en }).check();
    await page.getByRole('button', { name: 'Save units' }).click();
    await page.getByRole('status').getByText(`Units of ${NEW_ACCOUNT} saved.`).waitFor();
    expect((await accountsApi()).find((a) => a.email === NEW_ACCOUNT)?.units.sort()).toEqual(
      [UNIT.id, CLINIC.id].sort(),
    );
    await theirs.reload();
    await expect
      .poll(async () => (await unitNamesShown(theirs)).sort())
      .toEqual([UNIT.name.en, CLINIC.name.en].sort());

    // The signed-in account is never offered for removal.
    const own = page.getByRole('row', { name: new RegExp(`^${COUNTY_ACCOUNT}`) });
    expect(await own.getByRole('button').count()).toBe(0);

    await page.getByRole('button', { name: `Remove (${NEW_ACCOUNT})` }).click();
    const question = page.getByRole('group', {
      name: new RegExp(`^Remove the account ${NEW_ACCOUNT}\\?`),
    });
    await expect.poll(() => question.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeFinds(page), 'accounts with the removal asked').toEqual([]);
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByRole('status').getByText(`Account ${NEW_ACCOUNT} removed.`).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(`^${NEW_ACCOUNT}`) }).count()).toBe(0);
    expect((await accountsApi()).map((a) => a.email)).toEqual([COUNTY_ACCOUNT]);

    await theirs.reload();
    await theirs.getByRole('heading', { name: 'Sign in to Hymy', level: 1 }).waitFor();
  });

  it("sets a unit's target on Targets, and the Units page shows it with the word for where the interval lies", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Targets' }).click();
    await page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor();
    await page.getByRole('button', { name: `Set target (${UNIT.name.en})` }).click();
    await page.getByRole('radio', { name: 'Positive share' }).check();
    await page.getByLabel('Target, % positive (0–100)').fill('50');
    await page.getByRole('button', { name: 'Save target' }).click();
    await page
      .getByRole('status')
      .getByText(`Target of ${UNIT.name.en} saved: 50% positive.`)
      .waitFor();

    const report = UnitsReportSchema.parse(
      (await t.person(await t.signIn(COUNTY_ACCOUNT, TEST_PASSWORD), 'GET', '/v1/reports/units'))
        .body,
    );
    const unit = report.find((row) => row.unitId === UNIT.id)!;
    expect(unit.target).toEqual({ measure: 'positiveShare', value: 0.5 });
    const standing = unitVersusTarget(unit, unit.target);
    expect(standing).not.toBeNull();

    await page.getByRole('navigation').getByRole('link', { name: 'Units' }).click();
    const row = page.locator('table.units tbody tr', { hasText: UNIT.name.en });
    await row.waitFor();
    const cells = await row.locator('th, td').allTextContents();
    expect(cells).toContain('50% positive');
    expect(cells.at(-1)).toMatch(new RegExp(`${STANDING_WORD[standing!]}$`));
  });

  it('finds no axe violations on Accounts and Targets in fi, sv and en', async () => {
    for (const [hash, headings] of [
      ['#/accounts', HEADINGS.accounts],
      ['#/targets', HEADINGS.targets],
    ] as const) {
      await open(page, hash, headings.en);
      for (const language of LANGUAGES) {
        await chooseLanguage(page, language);
        await page.getByRole('heading', { name: headings[language], level: 1 }).waitFor();
        await page.getByRole('table').waitFor();
        expect(await axeFinds(page), `${hash} ${language}`).toEqual([]);
      }
      await chooseLanguage(page, 'en');
    }
    // With a target's form open, and the add form's complaints showing.
    await open(page, '#/targets', 'Targets');
    await page.getByRole('button', { name: `Set target (${CLINIC.name.en})` }).click();
    await page.getByRole('button', { name: 'Save target' }).click();
    await page.getByText('Enter a percentage from 0 to 100, such as 70.').waitFor();
    expect(await axeFinds(page), 'targets with a form open').toEqual([]);
    await open(page, '#/accounts', 'Accounts');
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByText("Enter the person's e-mail address.").waitFor();
    expect(await axeFinds(page), 'accounts with complaints').toEqual([]);
  });

  it('fits a 390×844 phone: no sideways scroll of the page, tables in their own named regions', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [hash, heading, region] of [
        ['#/accounts', 'Accounts', 'Accounts that may sign in'],
        ['#/targets', 'Targets', /^Targets and results of the units/],
      ] as const) {
        await open(page, hash, heading);
        await page.getByRole('table').waitFor();
        const widths = await pageWidths(page);
        expect(widths.page, hash).toBeLessThanOrEqual(widths.view);
        expect(await page.getByRole('region', { name: region }).getAttribute('tabindex')).toBe('0');
        expect(await axeFinds(page), `${hash} on a phone`).toEqual([]);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('adds an account by keyboard alone', async () => {
    await open(page, '#/accounts', 'Accounts');
    await page.locator('body').focus();
    await tabTo(page, /^E-mail$/);
    // Sent empty first: the complaint comes, and the focus stays on the e-mail.
    await page.keyboard.press('Enter');
    await page.getByText("Enter the person's e-mail address.").waitFor();
    expect(await focusedName(page)).toBe('E-mail');
    expect(await focusOutline(page)).not.toBe('none');

    await page.keyboard.type(KEYBOARD_ACCOUNT);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Unit');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe(UNIT.name.en);
    await page.keyboard.press('Space');
    await tabTo(page, /^Language of e-mails$/);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, /^Password \(optional\)$/);
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Account ${KEYBOARD_ACCOUNT} added.`).waitFor();
    expect((await accountsApi()).find((a) => a.email === KEYBOARD_ACCOUNT)).toEqual({
      email: KEYBOARD_ACCOUNT,
      role: 'unit',
      units: [UNIT.id],
      language: 'sv',
      password: true,
    });
  });

  it('broke no rule of its Content-Security-Policy', () => {
    expect(cspReports).toEqual([]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppVersion } from '../../host/app-info';
import { sendHeartbeat } from '../../host/central-client';
import { vitalSigns } from '../../host/heartbeat';
import { readConfig, readSettings } from '../../host/terminal-files';
import {
  startTestServer,
  SURVEY,
  TEST_PASSWORD,
  UNIT,
  type TestServer,
} from '../../server/test-support';
import { provision } from '../support/provision';
import {
  axeFinds,
  bodyRows,
  chooseLanguage,
  focusedName,
  openDashboardBrowser,
  pageWidths,
  signIn,
  tabTo,
  watchCsp,
  type DashboardBrowser,
} from './support/dashboard';

/**
 * The Terminals page in headless Chromium against the real server (`npm run build` first): a
 * county account makes an enrollment code in the browser, by keyboard alone; a terminal enrolls
 * with it through the technician's own tool and sends its heartbeat as a terminal does; the page
 * shows it, revokes it (and the terminal is refused), and a terminal silent for 3 hours stands out.
 */

const COUNTY_ACCOUNT = 'staff@county.example.fi';
const HOUR_MS = 3_600_000;
const NEW_UNIT = { id: 'khks-paivystys', fi: 'Päivystys', sv: 'Jouren', en: 'Emergency unit' };

/** The fleet table's body rows, each as its cells' texts. */
const fleetRows = (page: Page) => bodyRows(page, 'table.fleet');

/** The Terminals page, loaded afresh. */
async function openTerminals(page: Page, serverUrl: string): Promise<void> {
  await page.goto(`${serverUrl}/#/terminals`);
  await page.reload();
  await page.locator('table.fleet').waitFor();
}

describe("the county's Terminals page", () => {
  let t: TestServer;
  let browser: DashboardBrowser;
  let page: Page;
  let terminalDir: string;
  /** The test server's clock runs this far from the real one (a heartbeat "3 hours ago"). */
  let clockOffsetMs = 0;
  let seeded: { terminalId: string; token: string };
  let enrolled: { terminalId: string; token: string };
  const cspReports: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ now: () => new Date(Date.now() + clockOffsetMs) });
    await t.addAccount({ email: COUNTY_ACCOUNT, role: 'county' });
    // A unit the form can pick, with a terminal that is alive.
    const first = await t.enroll({ unit: UNIT, survey: SURVEY });
    seeded = { terminalId: first.terminalId, token: first.token };
    const beat = await sendHeartbeat(
      { apiUrl: t.server.url, token: seeded.token },
      vitalSigns('0.1.0', null, null, null, null),
    );
    expect(beat).toEqual({ ok: true });
    terminalDir = await mkdtemp(path.join(tmpdir(), 'hymy-e2e-terminal-'));
    browser = await openDashboardBrowser('hymy-e2e-terminals-');
    await watchCsp(browser.context, cspReports);
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
    if (terminalDir) {
      await rm(terminalDir, { recursive: true, force: true });
    }
  });

  it('makes an enrollment code by keyboard alone, and a terminal enrolls with it and shows up', async () => {
    await page.goto(t.server.url);
    await chooseLanguage(page, 'en');
    await signIn(page, COUNTY_ACCOUNT, TEST_PASSWORD, { keystrokes: true });
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Terminals' }).click();
    await page.getByRole('heading', { name: 'Terminals', level: 1 }).waitFor();
    expect(await page.title()).toBe('Hymy – terminals');
    expect(await page.getByText('No terminal needs attention.').count()).toBe(1);

    // The unit: a new one, its id and names.
    await tabTo(page, /^An existing unit$/);
    await page.keyboard.press('ArrowRight');
    expect(await focusedName(page)).toBe('A new unit');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe("The new unit's ID");
    await page.keyboard.type(NEW_UNIT.id);
    for (const language of ['fi', 'sv', 'en'] as const) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(NEW_UNIT[language]);
    }
    // The survey: the national template, its default statements, and who answers asked first.
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Visit smiley');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('National customer feedback');
    await tabTo(page, /^First ask who is answering/);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Valid for (hours)');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('48');
    await page.keyboard.press('Enter');

    const heading = page.getByRole('heading', { name: 'The enrollment code' });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const code = (await page.locator('.enrollment-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const validUntil = await page.getByText(/^Valid until /).textContent();
    expect(validUntil).toMatch(/^Valid until .+\. It enrolls one terminal\.$/);
    expect(await page.getByText(t.server.url, { exact: true }).count()).toBe(1);
    // The copy button: keyboard too, and the browser's clipboard gets the code.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: t.server.url,
    });
    await tabTo(page, /^Copy the code$/);
    await page.keyboard.press('Enter');
    await page.getByText('The code has been copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // The technician's tool enrolls a terminal with the code read off the page.
    const provisioned = await provision([
      '--data-dir',
      terminalDir,
      '--api',
      t.server.url,
      '--code',
      code,
      '--serial',
      'none',
    ]);
    expect(provisioned.code, provisioned.stderr).toBe(0);
    const line = new RegExp(`^provisioned (\\S+) unit ${NEW_UNIT.id}$`, 'm').exec(
      provisioned.stdout,
    );
    expect(line).not.toBeNull();
    const settings = await readSettings(terminalDir);
    const config = await readConfig(terminalDir);
    if (!settings.ok || settings.value.token === undefined || !config.ok) {
      throw new Error('the provisioned terminal has no token or config');
    }
    // What the form chose is what the terminal got.
    expect(config.value.unit).toEqual({
      id: NEW_UNIT.id,
      name: { fi: NEW_UNIT.fi, sv: NEW_UNIT.sv, en: NEW_UNIT.en },
    });
    expect(config.value.survey.id).toBe('national');
    expect(config.value.survey.askRespondent).toBe(true);
    expect(config.value.survey.questions.map((question) => question.id)).toEqual([
      'nps',
      'access',
      'met',
      'safety',
      'information',
      'useful',
    ]);
    enrolled = { terminalId: line?.[1] ?? '', token: settings.value.token };

    // Its first heartbeat, as the terminal sends it.
    const appVersion = readAppVersion();
    const beat = await sendHeartbeat(
      { apiUrl: t.server.url, token: enrolled.token },
      vitalSigns(appVersion, null, null, null, null),
    );
    expect(beat).toEqual({ ok: true });

    await page.reload();
    const rows = await fleetRows(page);
    const row = rows.find((cells) => cells[1] === NEW_UNIT.en);
    expect(row?.[0]).toBe('OK');
    expect(row?.[2]).toContain(enrolled.terminalId.slice(-8));
    expect(row?.[3]).toMatch(/^now/);
    expect(row?.[4]).toBe(appVersion);
    expect(row?.[5]).toBe('None');
    expect(row?.[6]).toBe('Not in use');
    expect(row?.[7]).toBe('In time');
  });

  it('revokes a terminal after a confirmation; its next call is refused with 403', async () => {
    const short = enrolled.terminalId.slice(-8);
    const revoke = page.getByRole('button', {
      name: `Revoke terminal …${short} of ${NEW_UNIT.en}`,
    });
    // Escape cancels, and the focus is back on the row's button.
    await revoke.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Revoke this terminal?' });
    await dialog.waitFor();
    expect(await focusedName(page)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => revoke.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await t.call('POST', '/v1/terminal/heartbeat', {
        token: enrolled.token,
        body: vitalSigns('0.1.0', null, null, null, null),
      }),
    ).toMatchObject({ status: 204 });

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.getByText(enrolled.terminalId, { exact: true }).count()).toBe(1);
    expect(await axeFinds(page), 'the confirmation').toEqual([]);
    await dialog.getByRole('button', { name: 'Revoke the terminal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Terminal …${short} has been revoked.`).waitFor();
    const restore = page.getByRole('button', {
      name: `Restore terminal …${short} of ${NEW_UNIT.en}`,
    });
    await expect.poll(() => restore.evaluate((el) => el === document.activeElement)).toBe(true);

    const refused = await t.call('POST', '/v1/terminal/heartbeat', {
      token: enrolled.token,
      body: vitalSigns('0.1.0', null, null, null, null),
    });
    expect(refused.status).toBe(403);
    expect(
      await sendHeartbeat(
        { apiUrl: t.server.url, token: enrolled.token },
        vitalSigns('0.1.0', null, null, null, null),
      ),
    ).toEqual({ ok: false, reason: 'revoked' });
    // And so the server says after a reload too.
    await page.reload();
    const row = (await fleetRows(page)).find((cells) => cells[1] === NEW_UNIT.en);
    expect(row?.[0]).toBe('Revoked');
  });

  it('makes a terminal last heard from 3 hours ago stand out, counted and listed first', async () => {
    clockOffsetMs = -3 * HOUR_MS;
    try {
      // Sent 3 hours ago by a terminal whose clock was right then.
      const beat = await sendHeartbeat(
        { apiUrl: t.server.url, token: seeded.token },
        {
          ...vitalSigns('0.1.0', null, null, null, null),
          clock: new Date(Date.now() + clockOffsetMs).toISOString(),
        },
      );
      expect(beat).toEqual({ ok: true });
    } finally {
      clockOffsetMs = 0;
    }
    await page.reload();
    await page.getByText('1 terminal needs attention').waitFor();
    const rows = await fleetRows(page);
    expect(rows[0]?.[0]).toBe('⚠ Needs attentionNot heard from for 3 hours');
    expect(rows[0]?.[1]).toBe(UNIT.name.en);
    expect(rows[0]?.[3]).toMatch(/^3 hours ago/);
    expect(rows[0]?.[7]).toBe('In time');
    expect(rows.at(-1)?.[0]).toBe('Revoked');

    await chooseLanguage(page, 'fi');
    await page.getByText('1 pääte vaatii huomiota').waitFor();
    expect((await fleetRows(page))[0]?.[0]).toBe('⚠ Vaatii huomiotaOllut ilman yhteyttä 3 tuntia');
    await chooseLanguage(page, 'sv');
    await page.getByText('1 terminal behöver åtgärdas').waitFor();
    await chooseLanguage(page, 'en');
  });

  it('finds no axe violations in fi, sv and en, with a code shown and a problem in the form', async () => {
    for (const language of ['fi', 'sv', 'en'] as const) {
      await openTerminals(page, t.server.url);
      await chooseLanguage(page, language);
      await page.locator('table.fleet').waitFor();
      expect(await axeFinds(page), `terminals ${language}`).toEqual([]);
    }
    // A problem next to a field, and a code made.
    await page.getByRole('radio', { name: 'A new unit' }).check();
    await page.getByRole('button', { name: 'Make the code' }).click();
    await page.getByText("Enter the new unit's ID.").waitFor();
    expect(await axeFinds(page), 'with problems').toEqual([]);
    await page.getByRole('radio', { name: 'An existing unit' }).check();
    await page.getByRole('button', { name: 'Make the code' }).click();
    await page.getByRole('heading', { name: 'The enrollment code' }).waitFor();
    expect(await axeFinds(page), 'with a code').toEqual([]);
  });

  it('fits a 390×844 phone: the page does not scroll sideways, the table scrolls in its own region', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openTerminals(page, t.server.url);
      await page.locator('table.fleet').waitFor();
      await page.getByRole('button', { name: 'Make the code' }).click();
      await page.getByRole('heading', { name: 'The enrollment code' }).waitFor();
      const widths = await pageWidths(page);
      expect(widths.page).toBeLessThanOrEqual(widths.view);
      const region = page.getByRole('region', { name: /^Terminals, as of / });
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await axeFinds(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('broke no rule of its Content-Security-Policy', () => {
    expect(cspReports).toEqual([]);
  });
});

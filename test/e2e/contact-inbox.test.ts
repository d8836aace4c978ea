import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackListSchema } from '../../core/feedback-api';
import { writeNewContactKey } from '../../server/contact-key';
import { createLogger } from '../../server/log';
import {
  adminCall,
  enrollmentCode,
  startTestCentral,
  WARD_SURVEY,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { provision } from '../support/provision';
import { launchBrowser } from './support/browser';
import {
  axeFinds,
  chooseLanguage,
  openDashboardBrowser,
  signIn,
  watchCsp,
  type DashboardBrowser,
} from './support/dashboard';
import { makeDataDir, startKioskHost, type KioskHost } from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';
import { TechnicianPage } from './support/technician-page';

// Issue 18's path of a contact request, end to end: a patient on the kiosk leaves a comment and
// a phone number and an e-mail address; the unit manager sees the item in the inbox with its
// due date, opens the contact (the audit log has it) and marks it handled with a note; the
// sealed contact is gone (410) and the answer stays in the reports. Then every file the
// terminal and the server wrote — IndexedDB's, the journal, the logs, the export, the database —
// is searched for what was typed.

const PIN = '2468';
const MANAGER = 'osastonhoitaja@example.fi';
const MANAGER_PASSWORD = 'pitkä salasana 2026';
const TYPED = { name: 'Maija Meikäläinen', phone: '0401234567', email: 'maija.m@example.fi' };
const COMMENT = 'Odotin liian kauan';
const TIMING = { thankYouMs: 300, idleResetMs: 600_000, repeatWindowMs: 0 };

/** Every file under `dir`, recursively, with its path relative to `dir`. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Which of `needles` (as UTF-8 bytes) stand in which file under `dirs`. */
async function searchFiles(dirs: readonly string[], needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const dir of dirs) {
    for (const file of await filesUnder(dir)) {
      const bytes = await readFile(file).catch(() => Buffer.alloc(0));
      for (const needle of needles) {
        if (bytes.includes(Buffer.from(needle, 'utf8'))) {
          hits.push(`${needle} in ${path.relative(dir, file)}`);
        }
      }
    }
  }
  return hits;
}

describe('a contact request from the kiosk to the unit manager', () => {
  let dataDir: string;
  let centralDir: string;
  let stick: string;
  let central: TestCentral;
  let host: KioskHost;
  let kioskBrowser: BrowserContext;
  let kiosk: KioskPage;
  let dashboard: DashboardBrowser;
  let page: Page;
  const centralLog: string[] = [];
  const csp: string[] = [];
  let itemId = '';

  beforeAll(async () => {
    dataDir = await makeDataDir('hymy-e2e-contact-');
    centralDir = path.join(dataDir, 'central');
    stick = await mkdtemp(path.join(tmpdir(), 'hymy-e2e-contact-stick-'));
    await mkdir(centralDir, { recursive: true, mode: 0o700 });
    const key = await writeNewContactKey(path.join(centralDir, 'contact-key'));
    expect(key.ok).toBe(true);
    central = await startTestCentral(centralDir, {
      logger: createLogger({ write: (line) => centralLog.push(line), level: 'debug' }),
    });
    // Contact on without a key: the server puts its own public key into the config.
    const code = await enrollmentCode(central, {
      unit: WARD_UNIT,
      survey: { ...WARD_SURVEY, comment: { enabled: true } },
      timing: TIMING,
      contact: { enabled: true },
    });
    const provisioned = await provision([
      ...['--data-dir', dataDir, '--api', central.url, '--code', code],
      ...['--pin', PIN, '--serial', 'none'],
    ]);
    expect(provisioned.code, provisioned.stderr).toBe(0);
    host = await startKioskHost(dataDir);
    kioskBrowser = await launchBrowser(path.join(dataDir, 'profile'));
    kiosk = new KioskPage(await kioskBrowser.newPage());
    await kiosk.open(host.url);

    const account = await adminCall(central, 'POST', '/v1/admin/accounts', {
      email: MANAGER,
      role: 'unit',
      units: [WARD_UNIT.id],
      password: MANAGER_PASSWORD,
      language: 'en',
    });
    expect(account.status).toBe(201);
    dashboard = await openDashboardBrowser('hymy-e2e-contact-dashboard-');
    await watchCsp(dashboard.context, csp, { events: true });
    page = await dashboard.context.newPage();
  });

  afterAll(async () => {
    await dashboard?.close();
    await kioskBrowser?.close();
    await host?.stop();
    await central?.close();
    await rm(stick, { recursive: true, force: true });
  });

  it('the patient leaves a comment and a phone number and an e-mail address: only the sealed box is stored, and it reaches the server', async () => {
    const { page: kioskPage } = kiosk;
    await kiosk.face(1).click();
    const comment = kioskPage.locator('main[data-screen="comment"]');
    await comment.waitFor();
    await comment.getByRole('textbox').fill(COMMENT);
    await comment.getByRole('button', { name: 'Lähetä' }).click();

    const question = kioskPage.locator('main[data-screen="contact"]');
    await question
      .getByText('Haluatko, että otamme sinuun yhteyttä palautteesi johdosta?')
      .waitFor();
    const axe = new TechnicianPage(kioskPage);
    const problems: Record<string, string[]> = { question: await axe.violations() };
    await question.getByRole('button', { name: 'Kyllä' }).click();
    const form = kioskPage.locator('main[data-screen="contact-form"]');
    await form.waitFor();
    problems.form = await axe.violations();
    // A wrong number is caught before anything is sealed, with the field named.
    await form.getByLabel('Puhelinnumero').fill('12');
    await form.getByRole('button', { name: 'Lähetä' }).click();
    await form.getByText('Tarkista puhelinnumero', { exact: false }).waitFor();
    expect(await form.getByLabel('Puhelinnumero').getAttribute('aria-invalid')).toBe('true');
    problems.wrongNumber = await axe.violations();
    expect(problems).toEqual({ question: [], form: [], wrongNumber: [] });

    await form.getByLabel('Nimi (vapaaehtoinen)').fill(TYPED.name);
    // The number on the screen's own keys, as a patient types it.
    await form.getByLabel('Puhelinnumero').fill('');
    await form.getByLabel('Puhelinnumero').focus();
    const keys = form.getByRole('group', { name: 'Näyttönäppäimistö' });
    for (const digit of TYPED.phone) {
      await keys.getByRole('button', { name: digit, exact: true }).click();
    }
    await form.getByLabel('Sähköpostiosoite').fill(TYPED.email);
    await form.getByRole('button', { name: 'Lähetä' }).click();
    await kiosk.screen('thanks').waitFor();

    const rows = await kiosk.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.comment).toBe(COMMENT);
    expect(rows[0]?.contactSealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const stored = JSON.stringify(rows);
    for (const typed of Object.values(TYPED)) {
      expect(stored).not.toContain(typed);
    }

    await expect
      .poll(
        async () => {
          const listed = await adminCall(central, 'GET', '/v1/feedback?unitId=ward-7');
          return FeedbackListSchema.parse(await listed.json());
        },
        { timeout: 20_000 },
      )
      .toHaveLength(1);
    const items = FeedbackListSchema.parse(
      await (await adminCall(central, 'GET', '/v1/feedback?unitId=ward-7')).json(),
    );
    const item = items[0]!;
    itemId = item.id;
    expect(item).toMatchObject({ comment: COMMENT, hasContact: true, state: 'new', value: 1 });
    // Due seven calendar days after the answer (no change of summer time in between here).
    const days = (Date.parse(item.dueAt ?? '') - Date.parse(item.answeredAt)) / 86_400_000;
    expect(Math.round(days)).toBe(7);
  });

  it('the unit manager finds it in the inbox with its due date, opens the contact (audited) and marks it handled: the contact is gone, the answer stays', async () => {
    await page.goto(central.url);
    await chooseLanguage(page, 'en');
    await signIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: COMMENT });
    await row.waitFor();
    expect(await row.textContent()).toContain('Contact request');
    expect(await row.textContent()).toMatch(/by \S/);
    for (const language of ['fi', 'sv', 'en'] as const) {
      await chooseLanguage(page, language);
      expect(await axeFinds(page), language).toEqual([]);
    }

    await row.getByRole('button', { name: /^Open/ }).click();
    const heading = page.getByRole('heading', { name: /^Feedback of / });
    await heading.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toMatch(/^Feedback of /);
    await page.getByRole('button', { name: 'Show contact details' }).click();
    await page.getByText('Each opening is recorded in the audit log', { exact: false }).waitFor();
    expect(await axeFinds(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, show them' }).click();
    await page.getByRole('link', { name: TYPED.phone }).waitFor();
    expect(await page.getByRole('link', { name: TYPED.phone }).getAttribute('href')).toBe(
      `tel:${TYPED.phone}`,
    );
    expect(await page.getByRole('link', { name: TYPED.email }).getAttribute('href')).toBe(
      `mailto:${TYPED.email}`,
    );
    await page.getByText(TYPED.name).waitFor();
    expect(await axeFinds(page)).toEqual([]);

    // The opening is in the audit log: who, when, which.
    const db = new Database(path.join(centralDir, 'central.sqlite'), { readonly: true });
    try {
      const opened = db
        .prepare("SELECT actor, at, target FROM audit_log WHERE action = 'contact_opened'")
        .all() as { actor: string; at: string; target: string }[];
      expect(opened).toHaveLength(1);
      expect(opened[0]).toMatchObject({ actor: MANAGER, target: itemId });
      expect(Date.now() - Date.parse(opened[0]!.at)).toBeLessThan(60_000);
    } finally {
      db.close();
    }

    // Handled needs a note for a contact request; with one, the contact is deleted.
    await page.getByRole('button', { name: 'Mark handled' }).click();
    await page
      .getByText('Write a note on how the contact request was answered', { exact: false })
      .waitFor();
    await page.getByRole('textbox', { name: /^Note/ }).fill('Soitettu, pahoiteltu odotusta.');
    await page.getByRole('button', { name: 'Mark handled' }).click();
    await page.getByText('The item was marked handled.').waitFor();

    const gone = await adminCall(central, 'POST', `/v1/feedback/${itemId}/contact`);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('contact_deleted');
    const [handled] = FeedbackListSchema.parse(
      await (await adminCall(central, 'GET', '/v1/feedback?unitId=ward-7')).json(),
    );
    expect(handled).toMatchObject({ state: 'handled', handledBy: MANAGER });
    expect(handled?.contactDeletedAt).toBeDefined();
    const report = (await (await adminCall(central, 'GET', '/v1/reports/units/ward-7')).json()) as {
      n: number;
      byValue: Record<string, number>;
    };
    expect(report.n).toBe(1);
    expect(report.byValue['1']).toBe(1);
    expect(csp).toEqual([]);
  });

  it('nothing the patient typed is in any file of the terminal or the server: IndexedDB, the journal, the logs, the export, the database', async () => {
    // The technician's export, onto a stick.
    const tech = new TechnicianPage(kiosk.page);
    await kiosk.waitForKiosk();
    await tech.openService(PIN);
    // The service screens speak the kiosk's language, Finnish here.
    const exportScreen = await tech.menu('Vie vastaukset', 'export');
    await exportScreen.getByLabel('Kansio', { exact: true }).fill(stick);
    await exportScreen.getByRole('button', { name: 'Vie', exact: true }).click();
    await expect
      .poll(() => exportScreen.textContent(), { timeout: 20_000 })
      .toContain('Valmis: 1 vastaus viety');
    expect(await readdir(stick)).toHaveLength(2);

    // The data dir holds the host's journal and log, Chromium's profile (IndexedDB among it)
    // and the embedded server's database; the stick the export.
    const files = await filesUnder(dataDir);
    expect(files.some((file) => file.includes('IndexedDB'))).toBe(true);
    expect(files.some((file) => file.endsWith('central.sqlite'))).toBe(true);
    // (Not "040 123 4567": the kiosk's own hint shows it as an example, cached by Chromium.)
    const needles = [...Object.values(TYPED), 'Meikäläinen'];
    expect(await searchFiles([dataDir, stick], needles)).toEqual([]);
    expect(centralLog.length).toBeGreaterThan(0);
    const log = centralLog.join('\n');
    for (const needle of needles) {
      expect(log).not.toContain(needle);
    }
    // The search does find what is there: the comment, in the server's database.
    expect(await searchFiles([centralDir], [COMMENT])).not.toEqual([]);
  });
});

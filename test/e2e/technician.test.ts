import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminCall,
  enrollmentCode,
  startTestCentral,
  WARD_SURVEY,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { provision } from '../support/provision';
import { launchBrowser } from './support/browser';
import { makeDataDir, startKioskHost, type KioskHost } from './support/kiosk-host';
import { KioskPage, type StoredRow } from './support/kiosk-page';
import { TechnicianPage } from './support/technician-page';

const PIN = '2468';
const QUICK = { HYMY_CONFIG_POLL_MS: '500', HYMY_HEARTBEAT_MS: '1000' };

type Summary = { total: number; excluded: { repeat: number; test: number } };

async function newCode(central: TestCentral): Promise<string> {
  return enrollmentCode(central, {
    unit: WARD_UNIT,
    survey: WARD_SURVEY,
    defaultLanguage: 'en',
    timing: { thankYouMs: 300, idleResetMs: 600_000, repeatWindowMs: 0 },
  });
}

async function summary(central: TestCentral): Promise<Summary> {
  return (await (
    await adminCall(central, 'GET', '/v1/admin/summary?unitId=ward-7')
  ).json()) as Summary;
}

/** Types into a labelled field as a technician with a keyboard would. */
async function fill(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(text);
}

async function submitEnrollment(page: Page, apiUrl: string, code: string): Promise<void> {
  await fill(page, 'API address', apiUrl);
  await fill(page, 'Enrollment code', code);
  await fill(page, 'Service PIN (4–8 digits)', PIN);
  await fill(page, 'PIN again', PIN);
  await page.getByRole('button', { name: 'Set up the terminal', exact: true }).click();
}

describe('a technician sets a terminal up on its screen and looks after it', () => {
  let central: TestCentral;
  let proxy: FaultProxy;
  let host: KioskHost;
  let browser: BrowserContext;
  let kiosk: KioskPage;
  let tech: TechnicianPage;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await makeDataDir('hymy-e2e-tech-');
    central = await startTestCentral(path.join(dataDir, 'central'));
    // The terminal talks to its server through a proxy that can forge the server's answers.
    proxy = await startFaultProxy(central.url);
    host = await startKioskHost(dataDir, { demo: false, env: QUICK });
    browser = await launchBrowser(path.join(dataDir, 'profile'));
    const page = await browser.newPage();
    kiosk = new KioskPage(page);
    tech = new TechnicianPage(page);
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await proxy?.close();
    await central?.close();
  });

  it('a terminal never set up says so calmly, shows its hardware id, and offers the set-up form', async () => {
    await tech.screen('first-run').waitFor({ timeout: 15_000 });
    await tech.button('English').click();
    await expect
      .poll(() => tech.screen('first-run').getByRole('heading', { level: 1 }).textContent())
      .toBe('This terminal has not been set up yet');
    const hardwareId = await tech.screen('first-run').textContent();
    expect(hardwareId).toMatch(/Hardware ID/);
    expect(hardwareId).toMatch(/hw-[0-9a-f]{12}/);
    expect(await tech.violations()).toEqual([]);
    await tech.button('Set up').click();
    await tech.page.getByLabel('API address', { exact: true }).waitFor();
    expect(await tech.violations()).toEqual([]);
  });

  it('an unreachable address, an unknown code and a used code each get their own message; a good code shows the unit', async () => {
    const alert = tech.screen('first-run').getByRole('alert');
    await submitEnrollment(tech.page, 'http://127.0.0.1:9', 'K7QD-M3XP');
    await expect
      .poll(() => alert.textContent(), { timeout: 15_000 })
      .toContain('could not be reached');

    await submitEnrollment(tech.page, proxy.url, 'K7QD-M3XP');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('not recognised');

    const spent = await newCode(central);
    const other = await makeDataDir('hymy-e2e-other-');
    const first = await provision(['--data-dir', other, '--api', central.url, '--code', spent]);
    expect(first.code, first.stderr).toBe(0);
    await submitEnrollment(tech.page, proxy.url, spent);
    await expect
      .poll(() => alert.textContent(), { timeout: 15_000 })
      .toContain('already been used');
    expect(await tech.violations()).toEqual([]);

    await submitEnrollment(tech.page, proxy.url, await newCode(central));
    await kiosk.waitForKiosk();
    expect(await kiosk.faces().count()).toBe(4);
    const settings = await stat(path.join(dataDir, 'settings.json'));
    expect(settings.mode & 0o777).toBe(0o600);
  });

  it('five taps in the corner open the PIN pad; the PIN opens the service screens, and axe finds nothing on any of them', async () => {
    await tech.cornerTaps();
    await tech.screen('pin-pad').waitFor();
    expect(await tech.violations()).toEqual([]);
    await tech.enterPin(PIN);
    await tech.screen('service').waitFor();
    expect(await tech.violations()).toEqual([]);
    const screens: [string, string][] = [
      ['Status', 'status'],
      ['Button test', 'buttons'],
      ['Sync now', 'sync'],
      ['Export answers', 'export'],
      ['Default language', 'language'],
      ['Enroll again', 'enroll'],
      ['Factory reset', 'reset'],
    ];
    for (const [entry, screen] of screens) {
      await tech.menu(entry, screen);
      expect(await tech.violations(), screen).toEqual([]);
      await tech.button('Back to the menu').click();
      await tech.screen('service').locator('[data-screen="service-menu"]').waitFor();
    }
  });

  it('the button test shows each press and records nothing', async () => {
    const before = (await kiosk.rows()).length;
    const test = await tech.menu('Button test', 'buttons');
    await tech.page.keyboard.press('1');
    await tech.page.keyboard.press('3');
    await tech.page.keyboard.press('3');
    await expect.poll(() => test.textContent()).toContain('Button 3 pressed (2 times)');
    expect(await test.textContent()).toContain('Button 11 press');
    expect((await kiosk.rows()).length).toBe(before);
    await tech.button('Back to the menu').click();
  });

  it('answers given in test mode carry the test flag to the server, under a ribbon on the kiosk', async () => {
    const base = await summary(central);
    await tech.page.getByRole('switch', { name: /Test mode/ }).click();
    await kiosk.waitForKiosk();
    const ribbon = tech.page.getByRole('status').filter({ hasText: 'TEST MODE' });
    await ribbon.waitFor();
    expect(await tech.violations()).toEqual([]);
    await kiosk.face(4).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    await kiosk.face(2).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    const tests = (await kiosk.rows()).filter((row) => row.flags.includes('test'));
    expect(tests.map((row) => row.value).sort()).toEqual([2, 4]);
    await expect
      .poll(async () => (await summary(central)).excluded.test, { timeout: 20_000 })
      .toBe(base.excluded.test + 2);
    expect((await summary(central)).total).toBe(base.total);

    await tech.button('End test mode').click();
    await ribbon.waitFor({ state: 'detached' });
    await kiosk.face(1).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    const last = (await kiosk.rows())
      .sort((a, b) => a.answeredAt.localeCompare(b.answeredAt))
      .at(-1);
    expect(last?.value).toBe(1);
    expect(last?.flags).not.toContain('test');
  });

  it('a config change made centrally shows at once; a bad one is refused with its field named on the status screen', async () => {
    const settings = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as {
      terminalId: string;
    };
    const terminalId = settings.terminalId;
    const patched = await adminCall(central, 'PATCH', `/v1/admin/terminals/${terminalId}`, {
      languages: ['fi', 'en'],
    });
    expect(patched.status).toBe(200);
    await expect.poll(() => kiosk.language('Svenska').count(), { timeout: 10_000 }).toBe(0);
    expect(await kiosk.language('Suomi').count()).toBe(1);

    const good = (await patched.json()) as Record<string, unknown>;
    proxy.forge('/v1/terminal/config', {
      status: 200,
      headers: { etag: '"forged-1"' },
      body: JSON.stringify({ ...good, timing: { thankYouMs: -5 } }),
    });
    await tech.openService(PIN);
    const status = await tech.menu('Status', 'status');
    await expect
      .poll(() => status.textContent(), { timeout: 10_000 })
      .toMatch(/refused .*timing\.thankYouMs/);
    proxy.forge('/v1/terminal/config', null);
    // The last good config stays: still no Swedish, and the faces still answer.
    await tech.button('Close').click();
    await kiosk.waitForKiosk();
    expect(await kiosk.language('Svenska').count()).toBe(0);
  });

  it('the export holds every answer of IndexedDB, unsent first, in CSV and JSON on the folder picked', async () => {
    // The server goes away: new answers stay unsent.
    proxy.forge('/v1/terminal/responses', {
      status: 503,
      headers: { 'retry-after': '600' },
      body: '{}',
    });
    for (const value of [3, 4]) {
      await kiosk.face(value).click();
      await kiosk.screen('thanks').waitFor();
      await kiosk.waitForKiosk();
    }
    await tech.openService(PIN);
    const exportScreen = await tech.menu('Export answers', 'export');
    const stick = await mkdtemp(path.join(tmpdir(), 'hymy-stick-'));
    await exportScreen.getByLabel('Folder', { exact: true }).fill(stick);
    const held = await kiosk.rows();
    const unsent = held.filter((row) => row.syncState === 'pending').length;
    expect(unsent).toBeGreaterThanOrEqual(2);
    await exportScreen.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => exportScreen.textContent(), { timeout: 20_000 })
      .toContain(`Done: ${held.length} answers exported, ${unsent} of them unsent`);

    const files = (await readdir(stick)).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^hymy-.+\.csv$/);
    expect(files[1]).toMatch(/^hymy-.+\.json$/);
    const rows = await kiosk.rows();
    const json = JSON.parse(await readFile(path.join(stick, files[1] ?? ''), 'utf8')) as {
      answers: StoredRow[];
    };
    const byId = (list: readonly StoredRow[]) =>
      Object.fromEntries(
        list.map((row) => [row.id, [row.value, row.syncState, row.flags.join(';')]]),
      );
    expect(byId(json.answers)).toEqual(byId(rows));
    expect(json.answers.slice(0, 2).map((row) => row.syncState)).toEqual(['pending', 'pending']);
    const csv = (await readFile(path.join(stick, files[0] ?? ''), 'utf8')).trim().split(/\r?\n/);
    expect(csv[0]).toBe(
      'id,terminalId,unitId,surveyId,surveyVersion,questionId,scale,value,language,source,answeredAt,receivedAt,flags,respondent,followUpQuestionId,followUpValue,comment,syncState,syncedAt,rejectCode',
    );
    expect(csv).toHaveLength(rows.length + 1);
    expect(new Set(csv.slice(1).map((line) => line.split(',')[0]))).toEqual(
      new Set(rows.map((row) => row.id)),
    );
    await tech.button('Back to the menu').click();
  });

  it('a factory reset refuses unsent answers no export holds, asks twice, then the terminal is new', async () => {
    await tech.button('Close').click();
    await kiosk.waitForKiosk();
    // One more unsent answer, after the export: the export no longer holds them all.
    await kiosk.face(2).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    await tech.openService(PIN);
    let reset = await tech.menu('Factory reset', 'reset');
    await expect.poll(() => reset.textContent()).toContain('Export them first');
    expect(await reset.getByRole('button', { name: 'Factory reset…' }).count()).toBe(0);
    await tech.button('Back to the menu').click();

    const exportScreen = await tech.menu('Export answers', 'export');
    const stick = await mkdtemp(path.join(tmpdir(), 'hymy-stick-'));
    await exportScreen.getByLabel('Folder', { exact: true }).fill(stick);
    const unsent = (await kiosk.rows()).filter((row) => row.syncState === 'pending').length;
    await exportScreen.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => exportScreen.textContent(), { timeout: 20_000 })
      .toContain(`${unsent} of them unsent`);
    await tech.button('Back to the menu').click();

    reset = await tech.menu('Factory reset', 'reset');
    await reset.getByRole('button', { name: 'Factory reset…' }).click();
    await reset.getByRole('button', { name: 'Yes, erase everything on this terminal' }).click();
    await tech.screen('first-run').waitFor({ timeout: 15_000 });
    expect(await kiosk.rows()).toEqual([]);
    await expect(stat(path.join(dataDir, 'settings.json'))).rejects.toThrow(/ENOENT/);
    await expect(stat(path.join(dataDir, 'config.json'))).rejects.toThrow(/ENOENT/);
  });
});

describe('five wrong PINs lock the pad, and the lock outlives a restart', () => {
  let central: TestCentral;
  let host: KioskHost;
  let browser: BrowserContext;

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await central?.close();
  });

  it('locks after five wrong PINs, is still locked after the host and page restart, and records no answer', async () => {
    const dataDir = await makeDataDir('hymy-e2e-lock-');
    central = await startTestCentral(path.join(dataDir, 'central'));
    const done = await provision([
      '--data-dir',
      dataDir,
      '--api',
      central.url,
      '--code',
      await newCode(central),
      '--pin',
      PIN,
      '--serial',
      'none',
    ]);
    expect(done.code, done.stderr).toBe(0);
    host = await startKioskHost(dataDir);
    browser = await launchBrowser(path.join(dataDir, 'profile'));
    const page = await browser.newPage();
    const kiosk = new KioskPage(page);
    const tech = new TechnicianPage(page);
    await kiosk.open(host.url);
    await tech.cornerTaps();
    await tech.screen('pin-pad').waitFor();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await tech.enterPin('0000');
      await expect
        .poll(() => tech.screen('pin-pad').getByRole('alert').textContent())
        .toContain(`${5 - attempt} tr`);
    }
    await tech.enterPin('0000');
    await expect.poll(() => tech.screen('pin-pad').textContent()).toContain('The pad is locked');
    expect(await tech.violations()).toEqual([]);

    const port = host.port;
    await host.stop();
    host = await startKioskHost(dataDir, { port });
    // Same origin (port), so the same store; the new launch has a new bridge secret, and a new
    // fragment alone would not load the page again.
    await page.goto('about:blank');
    await kiosk.open(host.url);
    await tech.cornerTaps();
    await tech.screen('pin-pad').waitFor();
    await expect.poll(() => tech.screen('pin-pad').textContent()).toContain('The pad is locked');
    await expect.poll(() => tech.screen('pin-pad').textContent()).toMatch(/Unlocks in 4 min/);
    // The right PIN is refused while locked.
    await tech.page.keyboard.type(PIN);
    await tech.page.keyboard.press('Enter');
    expect(await tech.screen('service').count()).toBe(0);
    expect(await kiosk.rows()).toEqual([]);
  });
});

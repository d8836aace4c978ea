import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { surveyTemplate, type SurveyInput } from '../../core';
import {
  adminCall,
  enrollmentCode,
  startTestCentral,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { provision } from '../support/provision';
import { launchBrowser } from './support/browser';
import { testConfig } from './support/fixtures';
import {
  makeDataDir,
  startKioskHost,
  writeTerminalConfig,
  type KioskHost,
} from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';
import { TechnicianPage } from './support/technician-page';

type Running = { host: KioskHost; browser: BrowserContext; kiosk: KioskPage; axe: TechnicianPage };
const running: Running[] = [];

afterEach(async () => {
  for (const { browser, host } of running.splice(0)) {
    await browser.close();
    await host.stop();
  }
});

const TIMING = { thankYouMs: 300, idleResetMs: 600_000, repeatWindowMs: 0 };

/** A kiosk on its own config (no central server), in headless Chromium. */
async function kioskWith(survey: SurveyInput, prefix: string): Promise<Running> {
  const dataDir = await makeDataDir(`hymy-e2e-${prefix}-`);
  await writeTerminalConfig(dataDir, testConfig({ survey, timing: TIMING }));
  return openKiosk(dataDir);
}

async function openKiosk(dataDir: string): Promise<Running> {
  const host = await startKioskHost(dataDir);
  const browser = await launchBrowser(path.join(dataDir, 'profile'));
  const page = await browser.newPage();
  const kiosk = new KioskPage(page);
  await page.goto(host.url);
  await page.locator('main[data-screen="kiosk"], main[data-screen="respondent"]').waitFor();
  const started = { host, browser, kiosk, axe: new TechnicianPage(page) };
  running.push(started);
  return started;
}

function screenOf(page: Page, name: string) {
  return page.locator(`main[data-screen="${name}"]`);
}

/** Waits for question `index` (from 0) of the visit to be on screen. */
async function question(page: Page, index: number): Promise<void> {
  await page.locator(`main[data-screen="kiosk"][data-question="${index}"]`).waitFor();
}

describe('a national set, on touch, from who is answering to the open question', () => {
  let central: TestCentral | undefined;

  afterAll(async () => {
    await central?.close();
  });

  it('stores each answer with its scale, question, value and respondent, the comment redacted, and sends them only once the visit ends; axe finds nothing on any screen', async () => {
    const dataDir = await makeDataDir('hymy-e2e-national-');
    central = await startTestCentral(path.join(dataDir, 'central'));
    const code = await enrollmentCode(central, {
      unit: WARD_UNIT,
      surveyTemplate: { id: 'national', options: { askRespondent: true } },
      timing: TIMING,
    });
    const provisioned = await provision([
      ...['--data-dir', dataDir, '--api', central.url, '--code', code, '--serial', 'none'],
    ]);
    expect(provisioned.code, provisioned.stderr).toBe(0);
    const { kiosk, axe } = await openKiosk(dataDir);
    const { page } = kiosk;
    const problems: Record<string, string[]> = {};

    await screenOf(page, 'respondent').waitFor();
    problems.respondent = await axe.violations();
    await page.getByRole('button', { name: 'Vanhempi tai läheinen' }).click();

    await question(page, 0);
    problems.nps11 = await axe.violations();
    await kiosk.face(8).click();
    await question(page, 1);
    // Held while the visit is open: the sync runs after its debounce and finds nothing to send.
    await expect.poll(async () => (await kiosk.rows()).length).toBe(1);
    const committed = await kiosk.now();
    await kiosk.waitForSyncRead(committed);
    expect(await kiosk.uploadsSince(committed)).toBe(0);
    const summary = async () =>
      (await (
        await adminCall(central!, 'GET', '/v1/admin/summary?unitId=ward-7&questionId=nps')
      ).json()) as { total: number };
    expect((await summary()).total).toBe(0);

    problems.agree5 = await axe.violations();
    await kiosk.face(5).click();
    await question(page, 2);
    await page.getByRole('button', { name: 'En osaa sanoa' }).click();
    await question(page, 3);
    await page.getByRole('button', { name: 'Ohita' }).click();
    await question(page, 4);
    await kiosk.face(4).click();
    await question(page, 5);
    await kiosk.face(2).click();

    await screenOf(page, 'comment').waitFor();
    problems.comment = await axe.violations();
    const field = page.getByRole('textbox', { name: 'Mikä vaikutti kokemukseesi eniten?' });
    // On-screen keys, ä and ö among them, then a physical keyboard: digits stay text.
    const keyboard = page.getByRole('group', { name: 'Näyttönäppäimistö' });
    for (const key of [...'hyvä hoito öin']) {
      await keyboard
        .getByRole('button', { name: key === ' ' ? 'Välilyönti' : key, exact: true })
        .click();
    }
    await field.focus();
    await page.keyboard.type(', soita 040 123 4567 tai maija@example.fi, hetu 131052-308T');
    await page.getByRole('button', { name: 'Lähetä' }).click();
    await kiosk.screen('thanks').waitFor();
    problems.thanks = await axe.violations();
    expect(problems).toEqual({ respondent: [], nps11: [], agree5: [], comment: [], thanks: [] });

    const rows = (await kiosk.rows()).sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    expect(rows.map((row) => [row.scale, row.questionId, row.value, row.respondent])).toEqual([
      ['nps11', 'nps', 8, 'relative'],
      ['agree5', 'access', 5, 'relative'],
      ['agree5', 'information', 4, 'relative'],
      ['agree5', 'useful', 2, 'relative'],
    ]);
    expect(rows[0]?.comment).toBe(
      'hyvä hoito öin, soita [poistettu] tai [poistettu], hetu [poistettu]',
    );

    // The visit ended: all four reach the server, the comment with its answer.
    await expect.poll(async () => (await summary()).total, { timeout: 20_000 }).toBe(1);
    const csv = await (
      await adminCall(central, 'GET', '/v1/admin/responses.csv?unitId=ward-7')
    ).text();
    expect(csv.trim().split('\n')).toHaveLength(5);
    expect(csv).toContain('hyvä hoito öin, soita [poistettu] tai [poistettu], hetu [poistettu]');
    expect(csv).not.toContain('4567');
    expect(csv.match(/,relative,/g)).toHaveLength(4);
  });
});

describe('an NPS survey with its open question', () => {
  it('stores the 0–10 answer in Swedish, and the open question can be skipped', async () => {
    const { kiosk, axe } = await kioskWith(
      {
        id: 'nps-only',
        version: 1,
        questions: [{ id: 'recommend', scale: 'nps11' }],
        comment: { enabled: true },
      },
      'nps',
    );
    const { page } = kiosk;
    await kiosk.language('Svenska').click();
    await kiosk.face(10).click();
    await screenOf(page, 'comment').waitFor();
    expect(await page.locator('.visit-warning').textContent()).toMatch(/Skriv inte ditt namn/);
    expect(await axe.violations()).toEqual([]);
    await page.getByRole('button', { name: 'Hoppa över' }).click();
    await kiosk.screen('thanks').waitFor();
    const rows = await kiosk.rows();
    expect(rows.map((row) => [row.scale, row.questionId, row.value, row.language])).toEqual([
      ['nps11', 'recommend', 10, 'sv'],
    ]);
    expect(rows[0]?.comment).toBeUndefined();
  });
});

describe('the follow-up chips', () => {
  it('store the reason with a low answer, chosen with the keyboard alone, in English; axe finds nothing', async () => {
    const { kiosk, axe } = await kioskWith(surveyTemplate('visit-smiley'), 'follow-up');
    const { page } = kiosk;
    await kiosk.language('English').click();
    await kiosk.face(2).click();
    await screenOf(page, 'follow-up').waitFor();
    expect(await axe.violations()).toEqual([]);
    // Every control is reached by Tab, in reading order, and Enter chooses: no pointer needed.
    const reached: string[] = [];
    for (let step = 0; step < 8; step += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached.slice(0, 6)).toEqual([
      'Waiting time',
      'How I was treated',
      'Information',
      'Cleanliness',
      'Something else',
      'Skip',
    ]);
    for (let step = 0; step < 8 + 6; step += 1) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement?.textContent?.trim());
      if (name === 'Waiting time') {
        break;
      }
    }
    await page.keyboard.press('Enter');
    await kiosk.screen('thanks').waitFor();
    const rows = await kiosk.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      value: 2,
      language: 'en',
      followUp: { questionId: 'reason', value: 'waiting-time' },
    });
  });
});

describe('child mode', () => {
  it('shows bigger faces that breathe gently, still under reduced motion, and passes axe', async () => {
    const normal = await kioskWith(surveyTemplate('visit-smiley', { scale: 'smiley3' }), 'plain');
    const plainWidth = (await normal.kiosk.face(1).boundingBox())?.width ?? 0;
    const child = await kioskWith(surveyTemplate('children'), 'child');
    const { page } = child.kiosk;
    expect(await page.locator('main[data-child="true"] h1 svg.question-icon').count()).toBe(1);
    const childWidth = (await child.kiosk.face(1).boundingBox())?.width ?? 0;
    expect(childWidth).toBeGreaterThan(plainWidth * 1.2);
    expect(plainWidth).toBeGreaterThan(0);
    const running = () =>
      page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
    await expect.poll(running).toBeGreaterThanOrEqual(3);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(running).toBe(0);
    expect(await child.axe.violations()).toEqual([]);
    const answers = [3, 2, 3, 1];
    for (const [index, value] of answers.entries()) {
      await question(page, index);
      await child.kiosk.face(value).click();
    }
    await child.kiosk.screen('thanks').waitFor();
    expect(await page.locator('main[data-screen="thanks"][data-child="true"]').count()).toBe(1);
    expect(await child.axe.violations()).toEqual([]);
    const rows = (await child.kiosk.rows()).sort((a, b) =>
      a.answeredAt.localeCompare(b.answeredAt),
    );
    expect(rows.map((row) => [row.scale, row.questionId, row.value])).toEqual([
      ['smiley3', 'listened', 3],
      ['smiley3', 'told', 2],
      ['smiley3', 'safe', 3],
      ['smiley3', 'nice', 1],
    ]);
  });
});

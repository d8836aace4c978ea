import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sodium from 'libsodium-wrappers';
import type { Page } from 'playwright-core';
import { surveyTemplate, type SurveyInput, type TerminalConfigInput } from '../../core';
import { launchBrowser } from '../e2e/support/browser';
import { KIOSK_LANGUAGES, testConfig } from '../e2e/support/fixtures';
import { makeDataDir, startKioskHost, writeTerminalConfig } from '../e2e/support/kiosk-host';
import { KioskPage } from '../e2e/support/kiosk-page';
import { TechnicianPage } from '../e2e/support/technician-page';
import { adminCall, startTestCentral, WARD_SURVEY, WARD_UNIT } from '../support/central';
import { dashboardShots } from './dashboard-screenshots';
import { provision } from '../support/provision';

/** `npm run screenshots`: the kiosk in fi, sv and en, landscape and portrait, into docs/. */
const DOCS = path.resolve(import.meta.dirname, '../../docs');
const LANGUAGES = KIOSK_LANGUAGES;
const VIEWPORTS = [
  { name: 'landscape', width: 1280, height: 800 },
  { name: 'portrait', width: 800, height: 1280 },
];

async function main(): Promise<void> {
  await mkdir(DOCS, { recursive: true });
  const dataDir = await makeDataDir('hymy-shots-');
  await writeTerminalConfig(
    dataDir,
    testConfig({ timing: { thankYouMs: 60_000, idleResetMs: 600_000 } }),
  );
  const host = await startKioskHost(dataDir);
  const browser = await launchBrowser(path.join(dataDir, 'profile'));
  try {
    const kiosk = new KioskPage(await browser.newPage());
    await kiosk.open(host.url);
    for (const viewport of VIEWPORTS) {
      await kiosk.page.setViewportSize(viewport);
      for (const { ownName, code } of LANGUAGES) {
        await kiosk.language(ownName).click();
        const file = path.join(DOCS, `kiosk-${code}-${viewport.name}.png`);
        await kiosk.page.screenshot({ path: file, animations: 'disabled' });
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
      }
    }
    await kiosk.page.setViewportSize(VIEWPORTS[0]!);
    await kiosk.language('Suomi').click();
    await kiosk.face(4).click();
    await kiosk.screen('thanks').waitFor();
    const thanks = path.join(DOCS, 'thanks-fi-landscape.png');
    await kiosk.page.screenshot({ path: thanks, animations: 'disabled' });
    console.log(`wrote ${path.relative(process.cwd(), thanks)}`);
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** The technician's side, in English: first run, the set-up form, the PIN pad, menu and status. */
async function technicianShots(): Promise<void> {
  const shot = async (page: TechnicianPage['page'], name: string): Promise<void> => {
    await page.waitForFunction(() =>
      document.getAnimations().every((animation) => animation.playState !== 'running'),
    );
    const file = path.join(DOCS, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled' });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  };
  const fresh = await makeDataDir('hymy-shots-first-');
  const firstHost = await startKioskHost(fresh, { demo: false });
  const firstBrowser = await launchBrowser(path.join(fresh, 'profile'));
  try {
    const tech = new TechnicianPage(await firstBrowser.newPage());
    await tech.page.goto(firstHost.url);
    await tech.screen('first-run').waitFor();
    await tech.button('English').click();
    await shot(tech.page, 'first-run-en');
    await tech.button('Set up').click();
    await tech.page.getByLabel('API address', { exact: true }).waitFor();
    await shot(tech.page, 'enroll-en');
  } finally {
    await firstBrowser.close();
    await firstHost.stop();
  }

  const dataDir = await makeDataDir('hymy-shots-tech-');
  const central = await startTestCentral(path.join(dataDir, 'central'));
  const made = await adminCall(central, 'POST', '/v1/admin/enrollment-codes', {
    unit: WARD_UNIT,
    survey: WARD_SURVEY,
    defaultLanguage: 'en',
  });
  const { code } = (await made.json()) as { code: string };
  const args = ['--data-dir', dataDir, '--api', central.url, '--code', code, '--pin', '2468'];
  const done = await provision([...args, '--serial', 'none']);
  if (done.code !== 0) {
    throw new Error(`provisioning failed: ${done.stderr}`);
  }
  const host = await startKioskHost(dataDir);
  const browser = await launchBrowser(path.join(dataDir, 'profile'));
  try {
    const kiosk = new KioskPage(await browser.newPage());
    const tech = new TechnicianPage(kiosk.page);
    await kiosk.open(host.url);
    await kiosk.face(3).click();
    await kiosk.screen('thanks').waitFor();
    await kiosk.waitForKiosk();
    await tech.cornerTaps();
    await tech.screen('pin-pad').waitFor();
    await shot(tech.page, 'pin-pad-en');
    await tech.enterPin('2468');
    await tech.screen('service').waitFor();
    await shot(tech.page, 'service-menu-en');
    await tech.menu('Status', 'status');
    await tech.page.waitForTimeout(1500);
    await shot(tech.page, 'service-status-en');
  } finally {
    await browser.close();
    await host.stop();
    await central.close();
  }
}

/** Each scale's question screen, in Finnish, landscape: docs/scale-<scale>-fi.png. */
async function scaleShots(): Promise<void> {
  for (const scale of ['smiley3', 'smiley5', 'nps11', 'agree5'] as const) {
    const dataDir = await makeDataDir(`hymy-shots-${scale}-`);
    await writeTerminalConfig(
      dataDir,
      testConfig({
        survey: { id: `survey-${scale}`, version: 1, questions: [{ id: 'q', scale }] },
        timing: { thankYouMs: 60_000, idleResetMs: 600_000 },
      }),
    );
    const host = await startKioskHost(dataDir);
    const browser = await launchBrowser(path.join(dataDir, 'profile'));
    try {
      const kiosk = new KioskPage(await browser.newPage());
      await kiosk.open(host.url);
      await kiosk.page.setViewportSize(VIEWPORTS[0]!);
      await kiosk.language('Suomi').click();
      const file = path.join(DOCS, `scale-${scale}-fi.png`);
      await kiosk.page.screenshot({ path: file, animations: 'disabled' });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    } finally {
      await browser.close();
      await host.stop();
    }
  }
}

/**
 * A kiosk on `survey` (and `extra` config), in Finnish, landscape; `steps` walk it to each screen
 * to shoot.
 */
async function visitOf(
  survey: SurveyInput,
  name: string,
  steps: ((page: Page) => Promise<string | undefined>)[],
  extra: Partial<TerminalConfigInput> = {},
): Promise<void> {
  const dataDir = await makeDataDir(`hymy-shots-${name}-`);
  await writeTerminalConfig(
    dataDir,
    testConfig({ ...extra, survey, timing: { thankYouMs: 60_000, idleResetMs: 600_000 } }),
  );
  const host = await startKioskHost(dataDir);
  const browser = await launchBrowser(path.join(dataDir, 'profile'));
  try {
    const page = await browser.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(host.url);
    for (const step of steps) {
      const shot = await step(page);
      if (shot !== undefined) {
        await page.waitForTimeout(300);
        const file = path.join(DOCS, `${shot}.png`);
        await page.screenshot({ path: file, animations: 'disabled' });
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
      }
    }
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** The screens of a visit (issue 7): who answers, progress, "cannot say", follow-up, comment. */
async function visitShots(): Promise<void> {
  const at = (page: Page, selector: string) => page.locator(selector).waitFor();
  await visitOf(surveyTemplate('national', { askRespondent: true }), 'national', [
    async (page) => (await at(page, 'main[data-screen="respondent"]'), 'visit-respondent-fi'),
    async (page) => {
      await page.getByRole('button', { name: 'Potilas tai asiakas' }).click();
      await at(page, 'main[data-question="0"]');
      return 'visit-nps-fi';
    },
    async (page) => {
      await page.locator('button[data-value="9"]').click();
      await at(page, 'main[data-question="1"]');
      return 'visit-statement-fi';
    },
    async (page) => {
      await page.getByRole('button', { name: 'Lopeta' }).click();
      return undefined;
    },
  ]);
  await visitOf(
    { ...surveyTemplate('national', { statements: ['access', 'useful'] }), id: 'nps-comment' },
    'comment',
    [
      async (page) => {
        await page.locator('button[data-value="9"]').click();
        for (const value of [5, 4]) {
          await page.locator(`main[data-question] button[data-value="${value}"]`).last().click();
          await page.waitForTimeout(200);
        }
        await at(page, 'main[data-screen="comment"]');
        await page.getByRole('textbox').fill('Hoitaja kuunteli ja selitti kaiken.');
        return 'visit-comment-fi';
      },
    ],
  );
  await visitOf(surveyTemplate('visit-smiley'), 'follow-up', [
    async (page) => {
      await page.locator('button[data-value="2"]').click();
      await at(page, 'main[data-screen="follow-up"]');
      return 'visit-follow-up-fi';
    },
  ]);
  await visitOf(surveyTemplate('children'), 'children', [
    async (page) => (await at(page, 'main[data-child="true"]'), 'child-mode-fi'),
  ]);
  // A contact request (issue 18): the form, a name and a number typed on the screen's keys.
  await sodium.ready;
  const publicKey = sodium.to_base64(
    sodium.crypto_box_keypair().publicKey,
    sodium.base64_variants.ORIGINAL,
  );
  await visitOf(
    testConfig().survey,
    'contact',
    [
      async (page) => {
        await page.locator('button[data-value="2"]').click();
        await at(page, 'main[data-screen="contact"]');
        await page.getByRole('button', { name: 'Kyllä' }).click();
        const form = page.locator('main[data-screen="contact-form"]');
        await form.waitFor();
        await form.getByLabel('Nimi (vapaaehtoinen)').fill('Maija');
        await form.getByLabel('Puhelinnumero').focus();
        const keys = form.getByRole('group', { name: 'Näyttönäppäimistö' });
        for (const digit of '0401234567') {
          await keys.getByRole('button', { name: digit, exact: true }).click();
        }
        return 'visit-contact-fi';
      },
    ],
    { contact: { enabled: true, publicKey } },
  );
}

main()
  .then(scaleShots)
  .then(visitShots)
  .then(technicianShots)
  .then(dashboardShots)
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });

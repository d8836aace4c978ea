import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SurveyInput } from '../../core';
import { startVirtualBox, type VirtualBox } from '../../hardware/sim/virtual-box';
import {
  adminCall,
  enrollmentCode,
  startTestCentral,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { provision } from '../support/provision';
import { buttonAnswersInJournal, HAS_SOCAT, holdStore, reportMissingSocat } from './support/box';
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

// How a visit of several questions ends other than by its last answer: the patient walks away,
// or the next patient presses the box while the screen still shows a later question.

reportMissingSocat('the box press in the middle of a visit');

const TEXT = (fi: string, sv: string, en: string) => ({ fi, sv, en });

/** Three questions, no follow-ups and no open question: every answer moves the visit on. */
const THREE_QUESTIONS: SurveyInput = {
  id: 'three-questions',
  version: 1,
  questions: [
    { id: 'overall', scale: 'smiley4' },
    {
      id: 'staff',
      scale: 'smiley4',
      text: TEXT(
        'Miten henkilökunta kohteli sinua?',
        'Hur bemötte personalen dig?',
        'How did the staff treat you?',
      ),
    },
    {
      id: 'recommend',
      scale: 'nps11',
      text: TEXT(
        'Suosittelisitko meitä?',
        'Skulle du rekommendera oss?',
        'Would you recommend us?',
      ),
    },
  ],
};

let central: TestCentral | null = null;
let host: KioskHost | null = null;
let browser: BrowserContext | null = null;
let box: VirtualBox | null = null;

afterEach(async () => {
  await browser?.close();
  await host?.stop();
  await box?.close();
  await central?.close();
  browser = null;
  host = null;
  box = null;
  central = null;
});

async function openKiosk(dataDir: string, extraArgs: string[] = []): Promise<KioskPage> {
  host = await startKioskHost(dataDir, { extraArgs });
  browser = await launchBrowser(path.join(dataDir, 'profile'));
  const kiosk = new KioskPage(await browser.newPage());
  await kiosk.open(host.url);
  return kiosk;
}

/** Question `index` (from 0) of the visit on screen. */
function question(page: Page, index: number) {
  return page.locator(`main[data-screen="kiosk"][data-question="${index}"]`);
}

describe('a visit left half-way', () => {
  it('ends by itself after the visit idle time: back to the start, no thank-you, the first answer kept and sent, nothing else', async () => {
    const dataDir = await makeDataDir('hymy-e2e-visit-idle-');
    central = await startTestCentral(path.join(dataDir, 'central'));
    // The shortest visit idle time the config allows.
    const timing = {
      thankYouMs: 300,
      idleResetMs: 600_000,
      repeatWindowMs: 0,
      visitIdleMs: 3000,
    };
    const code = await enrollmentCode(central, {
      unit: WARD_UNIT,
      survey: THREE_QUESTIONS,
      timing,
    });
    const provisioned = await provision([
      ...['--data-dir', dataDir, '--api', central.url, '--code', code, '--serial', 'none'],
    ]);
    expect(provisioned.code, provisioned.stderr).toBe(0);
    const kiosk = await openKiosk(dataDir);
    const { page } = kiosk;
    await question(page, 0).waitFor();
    const screens = await kiosk.recordScreens();

    await kiosk.face(4).click();
    await question(page, 1).waitFor();
    // Nobody touches the screen again: in three seconds the next patient sees the start.
    await question(page, 0).waitFor({ timeout: 10_000 });
    expect(await screens()).toEqual(['kiosk:0', 'kiosk:1', 'kiosk:0']);
    expect(await new TechnicianPage(page).violations()).toEqual([]);

    const rows = await kiosk.rows();
    expect(rows.map((row) => [row.questionId, row.value, row.source])).toEqual([
      ['overall', 4, 'touch'],
    ]);
    // The visit is over, so its answer is released to the sync and reaches the server alone.
    await expect
      .poll(async () => (await kiosk.rows()).map((row) => row.syncState), { timeout: 20_000 })
      .toEqual(['sent']);
    const csv = await (
      await adminCall(central, 'GET', '/v1/admin/responses.csv?unitId=ward-7')
    ).text();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(rows[0]?.id);
    expect(lines[1]).toContain(',overall,');
    expect(await screens()).toEqual(['kiosk:0', 'kiosk:1', 'kiosk:0']);
  });
});

describe.skipIf(!HAS_SOCAT)('a box press on a later question', () => {
  it('begins a new visit, is stored as its own first answer, and is lit only once it is durable', async () => {
    box = await startVirtualBox({ protocol: 'line', buttons: 4 });
    const dataDir = await makeDataDir('hymy-e2e-visit-box-');
    await writeTerminalConfig(
      dataDir,
      testConfig({
        survey: THREE_QUESTIONS,
        timing: { thankYouMs: 400, idleResetMs: 600_000, repeatWindowMs: 0 },
      }),
    );
    const kiosk = await openKiosk(dataDir, ['--serial', box.path]);
    const { page } = kiosk;
    await box.waitForKiosk(10_000);

    // A patient answers the first question on the screen and is shown the second.
    await kiosk.face(2).click();
    await question(page, 1).waitFor();
    expect(await new TechnicianPage(page).violations()).toEqual([]);
    const screens = await kiosk.recordScreens();

    // The next patient presses the box. Until the page's store has the answer, no light.
    const held = await holdStore(kiosk);
    await box.press(3);
    // The host's journal has it: the page took the press and is writing it down.
    await expect.poll(() => buttonAnswersInJournal(dataDir), { timeout: 10_000 }).toBe(1);
    expect(box.acks).toEqual([]);
    expect(await kiosk.screen('thanks').count()).toBe(0);
    await held.release();
    await box.waitForAcks(1, 5000);
    expect(box.acks.map((ack) => ack.button)).toEqual([3]);

    const rows = (await kiosk.rows()).sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    expect(rows.map((row) => [row.questionId, row.value, row.source])).toEqual([
      ['overall', 2, 'touch'],
      ['overall', 3, 'button'],
    ]);
    // The new visit goes on from its own first answer: its second question, no thank-you.
    await question(page, 1).waitFor();
    await kiosk.face(4).click();
    await question(page, 2).waitFor();
    const after = (await kiosk.rows()).sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
    expect(after.map((row) => [row.questionId, row.value, row.source])).toEqual([
      ['overall', 2, 'touch'],
      ['overall', 3, 'button'],
      ['staff', 4, 'touch'],
    ]);
    expect((await screens()).filter((name) => name.startsWith('thanks'))).toEqual([]);
    expect(box.acks).toHaveLength(1);
  });
});

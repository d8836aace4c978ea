import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminCall,
  enrollmentCode,
  startTestCentral,
  WARD_SURVEY,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { launchBrowser } from './support/browser';
import { makeDataDir, startKioskHost, type KioskHost } from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';
import { provision } from '../support/provision';

type Summary = { total: number; byValue: Record<string, number> };

describe('taps reach the central server', () => {
  let central: TestCentral;
  let host: KioskHost;
  let browser: BrowserContext;
  let kiosk: KioskPage;
  let terminalId: string;

  beforeAll(async () => {
    const dataDir = await makeDataDir('hymy-e2e-sync-');
    central = await startTestCentral(path.join(dataDir, 'central'));
    const code = await enrollmentCode(central, {
      unit: WARD_UNIT,
      survey: WARD_SURVEY,
      timing: { thankYouMs: 300, idleResetMs: 60_000, repeatWindowMs: 0 },
    });
    const provisioned = await provision([
      '--data-dir',
      dataDir,
      '--api',
      central.url,
      '--code',
      code,
      '--serial',
      'none',
    ]);
    expect(provisioned.code, provisioned.stderr).toBe(0);
    const line = /^provisioned (\S+) unit ward-7$/m.exec(provisioned.stdout);
    expect(line).not.toBeNull();
    terminalId = line?.[1] ?? '';
    host = await startKioskHost(dataDir);
    browser = await launchBrowser(path.join(dataDir, 'profile'));
    kiosk = new KioskPage(await browser.newPage());
    await kiosk.open(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await central?.close();
  });

  it('every tap on an enrolled terminal is counted once by the server, and the page marks it sent', async () => {
    const taps = [4, 4, 3, 1, 2, 4, 3, 4];
    for (const value of taps) {
      await kiosk.face(value).click();
      await kiosk.screen('thanks').waitFor();
      await kiosk.waitForKiosk();
    }
    const summary = async (): Promise<Summary> =>
      (await (
        await adminCall(central, 'GET', '/v1/admin/summary?unitId=ward-7')
      ).json()) as Summary;
    await expect.poll(async () => (await summary()).total, { timeout: 20_000 }).toBe(taps.length);
    expect((await summary()).byValue).toEqual({ '1': 1, '2': 1, '3': 2, '4': 4 });
    await expect
      .poll(async () => (await kiosk.rows()).map((row) => row.syncState), { timeout: 10_000 })
      .toEqual(taps.map(() => 'sent'));
  });

  it('the terminal tells the server it is alive and how much it holds', async () => {
    type Listed = {
      terminalId: string;
      unitId: string;
      appVersion: string | null;
      queued: number | null;
    };
    const listed = async (): Promise<Listed | undefined> =>
      ((await (await adminCall(central, 'GET', '/v1/admin/terminals')).json()) as Listed[]).find(
        (terminal) => terminal.terminalId === terminalId,
      );
    await expect.poll(async () => (await listed())?.appVersion, { timeout: 15_000 }).toBe('0.1.0');
    expect(await listed()).toMatchObject({ unitId: 'ward-7', queued: 0 });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startVirtualBox, type VirtualBox } from '../../hardware/sim/virtual-box';
import {
  adminCall,
  enrollmentCode,
  startTestCentral,
  WARD_SURVEY,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { provision } from '../support/provision';
import { HAS_SOCAT, reportMissingSocat } from './support/box';
import { launchBrowser } from './support/browser';
import { startKioskHost, type KioskHost } from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';

// The product's one promise on a disk that fills up (a 40 MB tmpfs holding the data dir and the
// browser profile, as a small SD card would): taps while it is full are neither thanked nor lit;
// once it has room the next tap is thanked without a hand on the terminal; and after browser
// restarts and the profile's IndexedDB folder deleted outright, every answer that was thanked or
// lit reaches the central server exactly once, put back from the host's journal. A write the
// full disk never answers is refused at its deadline (renderer/store/deadline.ts), not waited on.

const DISK_MB = 40;

/** Whether this process may mount a tmpfs (CI runs as root); the reason when it may not. */
function mountProblem(): string | null {
  const probe = path.join(tmpdir(), `hymy-mount-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    return null;
  } catch (error) {
    return error instanceof Error
      ? (error.message.split('\n')[0] ?? 'mount failed')
      : 'mount failed';
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}

const cannotMount = mountProblem();
if (cannotMount) {
  process.stderr.write(`full-disk test skipped: cannot mount a tmpfs here (${cannotMount})\n`);
}
reportMissingSocat('full-disk test (box presses)');

/**
 * Writes until the file system says it is full; returns the filler's path. Called again, it
 * takes whatever others freed meanwhile (Chromium and the journal free space as they compact).
 */
async function fillDisk(dir: string): Promise<string> {
  const filler = path.join(dir, 'filler');
  const file = await open(filler, 'a');
  try {
    for (const size of [1 << 20, 1 << 12, 1 << 9]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          await file.write(chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
            break;
          }
          throw error;
        }
      }
    }
  } finally {
    await file.close().catch(() => undefined);
  }
  return filler;
}

/** What the host logged of the page's store and its journal, in order, to tell why a tap hung. */
function storeEvents(hostStderr: string): string[] {
  return [
    ...hostStderr.matchAll(/"event":"((?:renderer_store|journal)_\w+)"(?:.*?"code":"(\w+)")?/g),
  ].map(([, event, code]) => (code ? `${event}:${code}` : event!));
}

describe.skipIf(cannotMount !== null)('a disk that fills up', () => {
  let mountDir = '';
  let central: TestCentral | null = null;
  let host: KioskHost | null = null;
  let browser: BrowserContext | null = null;
  let box: VirtualBox | null = null;

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await host?.stop();
    await box?.close();
    await central?.close();
    if (mountDir) {
      execFileSync('umount', ['-l', mountDir]);
      await rm(mountDir, { recursive: true, force: true });
    }
  });

  it('loses no answer that was thanked or lit, thanks none it could not keep, and heals by itself', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'hymy-e2e-full-'));
    mountDir = path.join(root, 'disk');
    await mkdir(mountDir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}m,mode=0700`, 'tmpfs', mountDir]);
    const dataDir = path.join(mountDir, 'data');
    const profileDir = path.join(mountDir, 'profile');

    // Enrolled with a central server that then stops: everything waits on the terminal.
    central = await startTestCentral(path.join(root, 'central'));
    const port = Number(new URL(central.url).port);
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
    ]);
    expect(provisioned.code, provisioned.stderr).toBe(0);
    await central.close();
    central = null;

    if (HAS_SOCAT) {
      box = await startVirtualBox({ protocol: 'line', buttons: 4 });
    }
    host = await startKioskHost(dataDir, {
      demo: false,
      extraArgs: ['--serial', box ? box.path : 'none'],
    });
    const kioskUrl = host.url;

    const thanked = new Set<string>();
    let kiosk = null as unknown as KioskPage;
    let loads = 0;
    let reloads = 0;
    const openKiosk = async (): Promise<void> => {
      browser = await launchBrowser(profileDir);
      kiosk = new KioskPage(await browser.newPage());
      kiosk.page.on('load', () => {
        loads += 1;
      });
      await kiosk.open(kioskUrl);
    };
    const closeBrowser = async (): Promise<void> => {
      await browser?.close();
      browser = null;
    };
    /** Every id the page holds now that was not thanked before: the answer just thanked. */
    const noteThanked = async (): Promise<void> => {
      for (const row of await kiosk.rows()) {
        thanked.add(row.id);
      }
    };
    const tapThanked = async (value: number): Promise<void> => {
      await kiosk.face(value).click();
      await kiosk.screen('thanks').waitFor();
      await noteThanked();
      await kiosk.waitForKiosk();
    };
    const pressLit = async (button: number): Promise<void> => {
      if (!box) {
        return;
      }
      const lit = box.acks.length;
      await box.press(button);
      await box.waitForAcks(lit + 1, 10_000);
      await noteThanked();
      await kiosk.waitForKiosk();
    };

    await openKiosk();
    await tapThanked(4);
    await tapThanked(3);
    await pressLit(2);
    await tapThanked(1);
    expect(thanked.size).toBe(box ? 4 : 3);

    // Full. A write may still fit in the last page of a file for a tap or two; after that every
    // tap and press says "try again", and none of those is thanked or lit.
    let filler = '';
    let failed = 0;
    let attempts = 0;
    const outcomes: string[] = [];
    for (; failed < 4 && attempts < 30; attempts += 1) {
      filler = await fillDisk(mountDir);
      const lit = box?.acks.length ?? 0;
      const loadsBefore = loads;
      const byBox = box !== null && attempts % 2 === 1;
      // The page writes down every screen it shows: the thank-you stays only 300 ms, shorter
      // than one look from here may take on a busy machine, so looking now and then could miss it.
      const screensSince = await kiosk.recordScreens();
      if (byBox) {
        await box!.press((attempts % 4) + 1);
      } else {
        await kiosk.face((attempts % 4) + 1).click();
      }
      // The host may reload a page that keeps failing: a tap lost in the reload was never thanked.
      let outcome: string | null = null;
      let seen: string[] = [];
      await expect
        .poll(
          async () => {
            if (loads !== loadsBefore) {
              outcome = 'reloaded';
              return true;
            }
            seen = await screensSince().catch(() => seen);
            const shown = seen.map((screen) => screen.split(':')[0]);
            outcome = shown.includes('failed')
              ? 'failed'
              : shown.includes('thanks')
                ? 'thanks'
                : null;
            return outcome !== null;
          },
          { timeout: 30_000 },
        )
        .toBe(true)
        .catch((error: unknown) => {
          throw new Error(
            `no outcome for attempt ${attempts} (${byBox ? 'box' : 'tap'}); the page showed ` +
              `${seen.join(' ')}; earlier attempts: ${outcomes.join(' ')}; the host said of ` +
              `the store: ${storeEvents(host!.stderr()).join(' ')}`,
            { cause: error },
          );
        });
      outcomes.push(`${byBox ? 'box' : 'tap'}:${outcome ?? 'none'}`);
      if (outcome === 'reloaded') {
        reloads += 1;
        expect(box?.acks.length ?? 0).toBe(lit);
      } else if (outcome === 'failed') {
        failed += 1;
        expect(box?.acks.length ?? 0).toBe(lit);
      } else {
        if (byBox) {
          await box!.waitForAcks(lit + 1, 10_000);
        }
        await noteThanked();
      }
      await kiosk.waitForKiosk();
    }
    expect(failed, outcomes.join(' ')).toBe(4);

    // Room again: the next tap is thanked, with nobody reloading the page.
    await rm(filler);
    await tapThanked(2);
    await pressLit(4);

    // Two browser restarts; a tap between them is thanked too.
    await closeBrowser();
    await openKiosk();
    await tapThanked(3);
    await closeBrowser();

    // The central server is back; the profile's IndexedDB is gone before the browser starts.
    central = await startTestCentral(path.join(root, 'central'), { port });
    await rm(path.join(profileDir, 'Default', 'IndexedDB'), { recursive: true, force: true });
    await openKiosk();

    const serverIds = async (): Promise<string[]> => {
      const csv = await (
        await adminCall(central!, 'GET', '/v1/admin/responses.csv?unitId=ward-7')
      ).text();
      const [header, ...rows] = csv.trim().split('\n');
      const idAt = header!.split(',').indexOf('id');
      return rows.map((row) => row.split(',')[idAt]!);
    };
    await expect
      .poll(async () => (await serverIds()).length, { timeout: 30_000 })
      .toBe(thanked.size);
    const ids = await serverIds();
    expect(new Set(ids)).toEqual(thanked);
    expect(host.stderr()).toMatch(/store restored: \d+ answers/);
    process.stderr.write(
      `full-disk test: ${thanked.size} thanked or lit, ${ids.length} on the server, ` +
        `${failed} refused while full in ${attempts} tries, ${reloads} reloads by the host, ` +
        `${box ? 'with' : 'without'} a box\n`,
    );
  }, 180_000);
});

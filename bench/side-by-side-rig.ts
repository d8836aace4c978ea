import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { BrowserContext } from 'playwright-core';
import { startVirtualBox, type VirtualBox } from '../hardware/sim/virtual-box';
import { launchBrowser } from '../test/e2e/support/browser';
import { testConfig } from '../test/e2e/support/fixtures';
import { makeDataDir, writeTerminalConfig } from '../test/e2e/support/kiosk-host';
import { KioskPage } from '../test/e2e/support/kiosk-page';
import { percentile } from './machine';
import { installStepProbe } from './step-probe';

/**
 * One side of bench/side-by-side.ts: the browser host of a checkout (this one, or an older
 * one in a worktree) with its own data dir, a Chromium on it, and a virtual box if asked for.
 */

export type Spread = { p50: number; p99: number };
export const spread = (values: readonly number[]): Spread => ({
  p50: percentile(values, 50),
  p99: percentile(values, 99),
});

export const ROOT = path.resolve(import.meta.dirname, '..');
const TIMING = { thankYouMs: 50, idleResetMs: 600_000, repeatWindowMs: 4000 };

type Host = { url: string; stop(): Promise<void> };

/** `npm run kiosk:browser` of the checkout at `root`, as test/e2e/support/kiosk-host.ts runs it. */
async function startHostAt(
  root: string,
  dataDir: string,
  extraArgs: string[],
  probeFile: string | null,
): Promise<Host> {
  const probe = probeFile === null ? [] : ['--import', path.join(ROOT, 'bench', 'host-probe.ts')];
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      ...probe,
      'host/cli/kiosk-browser.ts',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--demo',
      ...extraArgs,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HYMY_BENCH_HOST_PROBE: probeFile ?? '' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host in ${root} printed no ready line in 20 s:\n${stderr}`));
    }, 20_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^kiosk ready (\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host in ${root} exited with ${code}:\n${stderr}`));
    });
  });
  return { url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export type Side = {
  name: 'before' | 'after';
  host: Host;
  browser: BrowserContext;
  kiosk: KioskPage;
  box?: VirtualBox;
  /** Where the after side's host writes its write and fdatasync times (bench/host-probe.ts). */
  probeFile: string | null;
};

export async function openSide(name: Side['name'], root: string, withBox: boolean): Promise<Side> {
  const dataDir = await makeDataDir(`hymy-bench-${name}-`);
  await writeTerminalConfig(dataDir, testConfig({ timing: TIMING }));
  const box = withBox ? await startVirtualBox({ protocol: 'line', buttons: 4 }) : undefined;
  const probeFile = name === 'after' ? path.join(dataDir, 'host-probe.json') : null;
  const host = await startHostAt(root, dataDir, box ? ['--serial', box.path] : [], probeFile);
  const browser = await launchBrowser(path.join(dataDir, 'profile'));
  const page = await browser.newPage();
  await installStepProbe(page);
  const kiosk = new KioskPage(page);
  await kiosk.open(host.url);
  await box?.waitForKiosk(10_000);
  return { name, host, browser, kiosk, box, probeFile };
}

export type HostFileTimes = {
  writes: number;
  write: Spread;
  datasyncs: number;
  datasync: Spread;
  /** A `journal:append` frame's arrival at the host → its answer sent. */
  journalCall: Spread;
};

/** Closes a side; the after side's host then says what its writes and fdatasyncs took. */
export async function closeSide(side: Side): Promise<HostFileTimes | null> {
  await side.browser.close();
  await side.host.stop();
  await side.box?.close();
  if (side.probeFile === null) {
    return null;
  }
  const times = JSON.parse(await readFile(side.probeFile, 'utf8')) as {
    write: number[];
    datasync: number[];
    journalCall: number[];
  };
  return {
    writes: times.write.length,
    write: spread(times.write),
    datasyncs: times.datasync.length,
    datasync: spread(times.datasync),
    journalCall: spread(times.journalCall),
  };
}

import { randomUUID } from 'node:crypto';
import { appendFile, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Response } from '../../core';
import { startVirtualBox, type VirtualBox } from '../../hardware/sim/virtual-box';
import { dataDirPaths } from '../../host/data-dir';
import { journalLine, parseJournalLine } from '../../host/journal';
import { buttonSequence, HAS_SOCAT, reportMissingSocat } from './support/box';
import { launchKillableBrowser, type KillableBrowser } from './support/browser';
import { testConfig } from './support/fixtures';
import { readHostStatus } from './support/host-bridge';
import {
  makeDataDir,
  startKioskHost,
  writeTerminalConfig,
  type KioskHost,
} from './support/kiosk-host';
import { KioskPage } from './support/kiosk-page';

// The box's light is a receipt. Kill the browser and the host outright in the middle of a
// stream of presses, start both again on the same profile and port: every press that was lit
// is in the store, exactly once.

reportMissingSocat('button box crash test');

let box: VirtualBox | null = null;
const hosts: KioskHost[] = [];
const browsers: KillableBrowser[] = [];

afterEach(async () => {
  for (const browser of browsers.splice(0)) {
    await browser.close();
  }
  for (const host of hosts.splice(0)) {
    await host.stop();
  }
  await box?.close();
  box = null;
});

async function startKiosk(dataDir: string, boxPath: string, port = 0) {
  const host = await startKioskHost(dataDir, { port, extraArgs: ['--serial', boxPath] });
  hosts.push(host);
  const browser = await launchKillableBrowser(path.join(dataDir, 'profile'));
  browsers.push(browser);
  const kiosk = new KioskPage(await browser.context.newPage());
  await kiosk.open(host.url);
  return { host, browser, kiosk };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the kiosk on a new data dir, streams 120 presses from the box and SIGKILLs Chromium and
 * the host once 30 are lit, while presses keep coming; resolves once the stream has ended.
 */
async function burstAndKill(liveBox: VirtualBox) {
  const dataDir = await makeDataDir('hymy-e2e-crash-');
  await writeTerminalConfig(dataDir, testConfig());
  const first = await startKiosk(dataDir, liveBox.path);
  await liveBox.waitForKiosk(10_000);

  const pressed = buttonSequence(120);
  let sent = 0;
  const stream = (async () => {
    for (const button of pressed) {
      await liveBox.press(button).catch(() => undefined);
      sent += 1;
      // The same button every 200 ms: clear of the 150 ms bounce window even with jitter.
      await pause(50);
    }
  })();
  // Kill both once a good part of the stream has been lit, while presses keep coming.
  const waitStart = Date.now();
  while (liveBox.acks.length < 30) {
    if (Date.now() - waitStart > 20_000) {
      throw new Error(`only ${liveBox.acks.length} acks after 20 s; ${sent} presses sent`);
    }
    await pause(20);
  }
  first.browser.kill();
  await first.host.stop('SIGKILL');
  const litBeforeCrash = liveBox.acks.map((ack) => ack.button);
  await stream;
  expect(sent).toBe(pressed.length);
  expect(litBeforeCrash.length).toBeLessThan(pressed.length);
  const journaled = await journalAnswers(dataDirPaths(dataDir).journal);
  return { dataDir, port: first.host.port, pressed, litBeforeCrash, journaled };
}

/**
 * Stored rows from the box, in the order they were answered. Presses the page heard in one burst
 * (after a stall) can share a millisecond, and then nothing in a row orders them: a UUIDv7 made
 * for a given time is random within it. The journal's lines are in the order the page recorded
 * them, one at a time: that breaks the tie (a row it lacks, the last one at most, goes last).
 */
async function buttonRows(kiosk: KioskPage, journaled: Map<string, Response>) {
  const place = new Map([...journaled.keys()].map((id, index) => [id, index]));
  const at = (id: string): number => place.get(id) ?? Number.MAX_SAFE_INTEGER;
  const rows = (await kiosk.rows()).filter((row) => row.source === 'button');
  return rows.sort((a, b) => a.answeredAt.localeCompare(b.answeredAt) || at(a.id) - at(b.id));
}

/** The answers in a journal's whole lines, by id (each one's last version); a torn tail is none. */
async function journalAnswers(file: string): Promise<Map<string, Response>> {
  const wholeLines = (await readFile(file, 'utf8')).split('\n').slice(0, -1);
  const answers = new Map<string, Response>();
  for (const line of wholeLines) {
    const entry = parseJournalLine(line);
    // Nothing confirms or withdraws here (no central API, every press stored): only puts.
    expect(entry?.t, line).toBe('put');
    if (entry?.t === 'put') {
      answers.set(entry.r.id, entry.r);
    }
  }
  return answers;
}

/** The host's JSON log lines with this event. */
function logged(host: KioskHost, event: string): Record<string, unknown>[] {
  return host
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line['event'] === event);
}

describe.skipIf(!HAS_SOCAT)('a crash in the middle of a stream of presses', () => {
  it('loses no press that was lit, and stores none twice', async () => {
    box = await startVirtualBox({ protocol: 'line', buttons: 4 });
    const { dataDir, port, pressed, litBeforeCrash, journaled } = await burstAndKill(box);

    const second = await startKiosk(dataDir, box.path, port);
    const rows = await buttonRows(second.kiosk, journaled);

    process.stderr.write(
      `crash test: ${pressed.length} pressed, ${litBeforeCrash.length} lit before the kill, ${rows.length} stored\n`,
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(litBeforeCrash.length);
    expect(rows.length).toBeLessThanOrEqual(pressed.length);
    // Presses are stored and lit in the order they came: the lit ones are the first rows.
    expect(rows.slice(0, litBeforeCrash.length).map((row) => row.value)).toEqual(litBeforeCrash);
    // And what was stored is the start of what was pressed, nothing invented, nothing twice.
    expect(rows.map((row) => row.value)).toEqual(pressed.slice(0, rows.length));
  }, 120_000);

  // The power cut: the journal's last line torn mid-write, and IndexedDB gone with it (a worn
  // SD card, or Chromium discarding a store it found damaged). The journal puts every lit press
  // back, and says how many.
  it('after a power cut that took the whole store, every lit press comes back, once', async () => {
    box = await startVirtualBox({ protocol: 'line', buttons: 4 });
    // Both are dead when it resolves. What the journal holds, the restore must bring back.
    const { dataDir, port, pressed, litBeforeCrash, journaled } = await burstAndKill(box);

    const journalFile = dataDirPaths(dataDir).journal;
    const lastKept = [...journaled.values()].at(-1);
    if (!lastKept) {
      throw new Error('the journal holds no answer after 30 lit presses');
    }
    // The start of the next answer's line, no newline: what a cut in the middle of a write leaves.
    const unlit = journalLine({ t: 'put', r: { ...lastKept, id: randomUUID() } });
    await appendFile(journalFile, unlit.slice(0, 60));
    // Chromium keeps the page's store in <profile>/Default/IndexedDB/<origin>.indexeddb.leveldb.
    const indexedDbDir = path.join(dataDir, 'profile', 'Default', 'IndexedDB');
    expect(await readdir(indexedDbDir)).toContain(`http_127.0.0.1_${port}.indexeddb.leveldb`);
    await rm(indexedDbDir, { recursive: true });

    const second = await startKiosk(dataDir, box.path, port);
    await expect
      .poll(() => second.host.stderr(), { timeout: 15_000 })
      .toMatch(/store restored: \d+ answers/);
    const said = [...second.host.stderr().matchAll(/store restored: (\d+) answers/g)];
    const restored = Number(said[0]?.[1]);
    const rows = await buttonRows(second.kiosk, journaled);
    // One page: the bridge serves one at a time, and the status is read over it next.
    await second.kiosk.page.close();
    const journal = (await readHostStatus(second.host)).journal;
    const skipped = logged(second.host, 'journal_lines_skipped');

    process.stderr.write(
      `power-cut test: ${pressed.length} pressed, ${litBeforeCrash.length} lit before the kill, ` +
        `${journaled.size} in the journal, ${journal?.skippedLines} torn line skipped, ` +
        `${restored} restored, ${rows.length} stored\n`,
    );
    // Said once, with the count of what is now in the store: it was empty, and nothing was sent.
    expect(said).toHaveLength(1);
    expect(restored).toBe(rows.length);
    expect(logged(second.host, 'store_restored').map((line) => line['count'])).toEqual([restored]);
    expect(skipped.map((line) => line['count'])).toEqual([1]);
    expect(journal).toMatchObject({
      skippedLines: 1,
      unconfirmed: journaled.size,
      problem: null,
      lastRestore: { count: restored },
    });
    // The journal's answers, the same ids and the same content, pending again; nothing twice.
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(rows.map((row) => row.id).sort()).toEqual([...journaled.keys()].sort());
    for (const { syncState, ...response } of rows) {
      expect(syncState).toBe('pending');
      expect(response).toEqual(journaled.get(response.id));
    }
    // Every lit press, in order, and the stored values the start of what was pressed.
    expect(rows.length).toBeGreaterThanOrEqual(litBeforeCrash.length);
    expect(rows.slice(0, litBeforeCrash.length).map((row) => row.value)).toEqual(litBeforeCrash);
    expect(rows.map((row) => row.value)).toEqual(pressed.slice(0, rows.length));
  }, 120_000);
});

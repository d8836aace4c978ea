import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RendererStatus } from '../core/bridge';
import type { Response } from '../core/response';
import { sampleResponse, sampleResponseId } from '../core/sample-response';
import { createLogger } from './log';
import { manualClock } from '../core/timers';
import { createHostServices } from './services';
import type { HostServices } from './services-types';
import { sendJson, startFakeCentral, type FakeCentral } from './fake-central';
import { writeSettings } from './terminal-files';

let root: string;
let dataDir: string;
let machineIdFile: string;
let logLines: string[];
let said: string[];
let nowMs: number;
let api: FakeCentral | null;
const hosts: HostServices[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-services-journal-'));
  dataDir = join(root, 'data');
  machineIdFile = join(root, 'machine-id');
  await writeFile(machineIdFile, '4c4c4544004d3510804ab4c04f4e4b32\n');
  await mkdir(dataDir, { mode: 0o700 });
  logLines = [];
  said = [];
  nowMs = Date.parse('2026-12-01T08:00:00Z');
  api = null;
});
afterEach(async () => {
  for (const host of hosts.splice(0)) {
    await host.close();
  }
  await api?.close();
  await rm(root, { recursive: true, force: true });
});

async function services(): Promise<HostServices> {
  const host = await createHostServices({
    dataDir,
    host: 'browser',
    appVersion: '1.2.3',
    logger: createLogger({ write: (line) => logLines.push(line) }),
    say: (line) => said.push(line),
    hardwareId: { machineIdFiles: [machineIdFile] },
    timers: manualClock().timers,
    now: () => nowMs,
  });
  hosts.push(host);
  return host;
}

const events = () => logLines.map((line) => JSON.parse(line) as { event: string });

const answer = (n: number): Response => sampleResponse({ id: sampleResponseId(n) });

describe("the host's journal of answers", () => {
  it('an answer the host has kept is still there after the host starts again', async () => {
    const first = await services();
    await expect(first.handlers['journal:append']({ response: answer(1) })).resolves.toEqual({
      ok: true,
    });
    await first.close();
    hosts.splice(0);
    const second = await services();
    expect(await second.handlers['journal:unconfirmed'](null)).toEqual({ ids: [answer(1).id] });
    expect(await second.handlers['journal:read']({ ids: [answer(1).id] })).toEqual({
      responses: [answer(1)],
    });
    expect(second.status().journal?.unconfirmed).toBe(1);
  });

  it('answers the central API accepted, found duplicate or rejected leave the journal', async () => {
    api = await startFakeCentral((request, response) =>
      sendJson(response, 200, {
        accepted: [answer(1).id],
        duplicate: [answer(2).id],
        rejected: [{ id: answer(3).id, code: 'unknown_survey', message: 'no such survey' }],
      }),
    );
    await writeSettings(dataDir, { apiUrl: api.url, token: 'tok_0123456789abcdefghijklmnop' });
    const host = await services();
    const batch = [1, 2, 3, 4].map(answer);
    for (const response of batch) {
      await host.handlers['journal:append']({ response });
    }
    const outcome = await host.handlers['sync:upload']({ responses: batch.slice(0, 3) });
    expect(outcome.ok).toBe(true);
    // The fourth was not in the batch: it stays until the server has it.
    expect(await host.handlers['journal:unconfirmed'](null)).toEqual({ ids: [answer(4).id] });
  });

  it('a failed upload leaves every answer in the journal', async () => {
    api = await startFakeCentral((_request, response) => sendJson(response, 503, {}));
    await writeSettings(dataDir, { apiUrl: api.url, token: 'tok_0123456789abcdefghijklmnop' });
    const host = await services();
    await host.handlers['journal:append']({ response: answer(1) });
    const outcome = await host.handlers['sync:upload']({ responses: [answer(1)] });
    expect(outcome.ok).toBe(false);
    expect(await host.handlers['journal:unconfirmed'](null)).toEqual({ ids: [answer(1).id] });
  });

  it('a restore is said on the console, in the log and in the status; settled answers leave', async () => {
    const host = await services();
    await host.handlers['journal:append']({ response: answer(1) });
    await host.handlers['journal:append']({ response: answer(2) });
    await host.handlers['journal:restored']({ restored: 0, settled: [answer(2).id] });
    expect(host.status().journal?.lastRestore).toBeNull();
    await host.handlers['journal:restored']({ restored: 1, settled: [] });
    expect(said).toContain('store restored: 1 answers');
    expect(events()).toContainEqual(expect.objectContaining({ event: 'store_restored', count: 1 }));
    expect(host.status().journal).toMatchObject({
      unconfirmed: 1,
      lastRestore: { count: 1, at: expect.any(String) as unknown },
    });
  });

  it('a journal that cannot be written refuses the answer and the status says why', async () => {
    // A folder where the file should be: every read and write of it fails with an I/O error.
    await mkdir(join(dataDir, 'journal.jsonl'));
    const host = await services();
    const changes: unknown[] = [];
    host.on('status:changed', (status) => changes.push(status.journal?.problem));
    expect(await host.handlers['journal:append']({ response: answer(1) })).toEqual({
      ok: false,
      reason: 'io_error',
    });
    expect(host.status().journal).toMatchObject({ problem: 'io_error', unconfirmed: 0 });
    expect(events()).toContainEqual(expect.objectContaining({ event: 'journal_unreadable' }));
  });
});

describe('a page that cannot open its store again', () => {
  const failing = (reopenFailures: number): RendererStatus => ({
    store: { ok: false, code: 'database_closed', reopenFailures },
    persisted: true,
    sync: null,
  });

  it('is reloaded by the host after five failed re-opens, and no more than once a minute', async () => {
    const host = await services();
    let reloads = 0;
    host.on('page:reload', () => {
      reloads += 1;
    });
    for (const failures of [0, 1, 2, 3, 4]) {
      await host.handlers['status:report'](failing(failures));
    }
    expect(reloads).toBe(0);
    await host.handlers['status:report'](failing(5));
    expect(reloads).toBe(1);
    expect(events()).toContainEqual(
      expect.objectContaining({ event: 'page_reload', code: 'database_closed', failures: 5 }),
    );
    // The page came back and failed again: not within the minute.
    nowMs += 59_000;
    for (const failures of [0, 5, 6]) {
      await host.handlers['status:report'](failing(failures));
    }
    expect(reloads).toBe(1);
    nowMs += 1_000;
    await host.handlers['status:report'](failing(7));
    expect(reloads).toBe(2);
  });

  it('a store that is well again is never reloaded', async () => {
    const host = await services();
    let reloads = 0;
    host.on('page:reload', () => {
      reloads += 1;
    });
    await host.handlers['status:report'](failing(2));
    await host.handlers['status:report']({ store: { ok: true }, persisted: true, sync: null });
    expect(reloads).toBe(0);
  });
});

// IndexedDB exists only in a browser: here the terminal's store is fake-indexeddb, and what is
// under test is everything after it — the sync engine, the host's HTTP transport, a bad network
// and the real central server on its SQLite file. test/e2e/sync.test.ts runs the same path from
// real IndexedDB in Chromium.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Response, UploadOutcome } from '../../core';
import { sampleResponse } from '../../core/sample-response';
import { manualClock, type Timers } from '../../core/timers';
import type { Fetch } from '../../host/central-http';
import { uploadBatch } from '../../host/sync-transport';
import { HymyDb, type StoredResponse } from '../../renderer/store/db';
import { createOutbox } from '../../renderer/sync/outbox';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncStatus,
} from '../../renderer/sync/sync-engine';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import {
  adminCall,
  enrollWardTerminal,
  startTestCentral,
  type TestCentral,
} from '../support/central';

const STALL_TIMEOUT_MS = 1500;

let dir: string;
let central: TestCentral;
let proxy: FaultProxy;
let db: HymyDb;
let engine: SyncEngine | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hymy-sync-'));
  central = await startTestCentral(join(dir, 'central'));
  proxy = await startFaultProxy(central.url);
  db = new HymyDb(`hymy-sync-${Math.random()}`);
  await db.open();
});

afterEach(async () => {
  engine?.stop();
  engine = undefined;
  db.close();
  await proxy.close();
  await central.close();
  await rm(dir, { recursive: true, force: true });
});

/** `count` answers made over the last three weeks, as a terminal offline that long holds. */
function weeksOfAnswers(count: number, overrides: Partial<Response> = {}): StoredResponse[] {
  const start = Date.parse('2026-11-01T07:00:00.000Z');
  const step = Math.floor((21 * 24 * 3600 * 1000) / count);
  return Array.from({ length: count }, (_, i) => ({
    ...sampleResponse({
      id: crypto.randomUUID(),
      value: (i % 4) + 1,
      answeredAt: new Date(start + i * step).toISOString(),
      ...overrides,
    }),
    syncState: 'pending' as const,
  }));
}

/** The host's transport as both hosts run it, to `apiUrl()` (which a test may move). */
function transport(apiUrl: () => string, token: string) {
  // The real transport waits 30 s for a stalled server; the same abort, sooner.
  const impatient: Fetch = (input, init) =>
    fetch(input, { ...init, signal: AbortSignal.timeout(STALL_TIMEOUT_MS) });
  return (responses: Response[]): Promise<UploadOutcome> =>
    uploadBatch({ apiUrl: apiUrl(), token }, responses, impatient);
}

function startEngine(
  upload: (responses: Response[]) => Promise<UploadOutcome>,
  timers?: Timers,
): SyncEngine {
  engine = createSyncEngine({
    outbox: createOutbox(db),
    upload,
    ...(timers ? { timers } : {}),
    // Short waits, so a test sees several retries: the jitter is a tenth of the ceiling.
    random: () => 0.1,
    debounceMs: 50,
  });
  return engine;
}

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const localStates = async (): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {};
  await db.responses.each((row) => {
    counts[row.syncState] = (counts[row.syncState] ?? 0) + 1;
  });
  return counts;
};

const drained = (sync: SyncEngine) => async (): Promise<boolean> =>
  sync.status().state === 'idle' && (await createOutbox(db).stats()).queued === 0;

/** The ids the server stored for the unit, from its CSV export: each must appear once. */
async function storedIds(unitId: string): Promise<string[]> {
  const csv = await adminCall(central, 'GET', `/v1/admin/responses.csv?unitId=${unitId}`);
  const lines = (await csv.text()).trim().split('\r\n').slice(1);
  return lines.map((line) => line.split(',')[0] ?? '');
}

describe('sync to the central server through a bad network', () => {
  it('a terminal offline for three weeks sends all 3,000 answers, each once, when the network is back', async () => {
    const terminal = await enrollWardTerminal(central);
    const rows = weeksOfAnswers(3000);
    await db.responses.bulkAdd(rows);
    let apiUrl = 'http://127.0.0.1:9'; // nothing listens there: the network is down
    const sync = startEngine(transport(() => apiUrl, terminal.token));
    await until(() => sync.status().state === 'waiting', 'sync backs off');
    expect(sync.status().lastError).toBe('offline');
    expect(await localStates()).toEqual({ pending: 3000 });

    apiUrl = proxy.url;
    sync.online();
    await until(drained(sync), 'the outbox is empty');

    const ids = await storedIds(terminal.unitId);
    expect(ids).toHaveLength(3000);
    expect(new Set(ids)).toEqual(new Set(rows.map((row) => row.id)));
    expect(await localStates()).toEqual({ sent: 3000 });
    // Oldest first, at most 500 a batch.
    expect(proxy.seen().filter((seen) => seen.method === 'POST')).toHaveLength(6);
  });

  it('after a 503 with Retry-After, a connection cut once the server took the batch, and a stall, the server holds every answer exactly once', async () => {
    const terminal = await enrollWardTerminal(central);
    const rows = weeksOfAnswers(1200);
    await db.responses.bulkAdd(rows);
    proxy.queue(
      { kind: 'unavailable', retryAfterS: 1 },
      { kind: 'cut_after_commit' },
      { kind: 'stall' },
      { kind: 'pass' },
      { kind: 'cut_after_commit' },
    );
    const startedAt = Date.now();
    const sync = startEngine(transport(() => proxy.url, terminal.token));
    await until(drained(sync), 'the outbox is empty', 40_000);

    const seen = proxy.seen();
    expect(seen.map((request) => request.fault).slice(0, 5)).toEqual([
      'unavailable',
      'cut_after_commit',
      'stall',
      'pass',
      'cut_after_commit',
    ]);
    // Retry-After: 1 was honoured before the second attempt.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    const ids = await storedIds(terminal.unitId);
    expect(ids).toHaveLength(1200);
    expect(new Set(ids).size).toBe(1200);
    expect(await localStates()).toEqual({ sent: 1200 });
    const summary = (await (
      await adminCall(central, 'GET', `/v1/admin/summary?unitId=${terminal.unitId}`)
    ).json()) as { total: number };
    expect(summary.total).toBe(1200);
  });

  it('a revoked terminal stops sending, says so, and keeps its answers', async () => {
    const terminal = await enrollWardTerminal(central);
    const revoked = await adminCall(
      central,
      'PATCH',
      `/v1/admin/terminals/${terminal.terminalId}`,
      {
        revoked: true,
      },
    );
    expect(revoked.status).toBe(200);
    await db.responses.bulkAdd(weeksOfAnswers(20));
    const statuses: SyncStatus[] = [];
    // The engine's waits run when the test says: a retry it should not make would show below.
    const clock = manualClock({ start: Date.now() });
    const sync = startEngine(
      transport(() => proxy.url, terminal.token),
      clock.timers,
    );
    await until(async () => {
      if (clock.nextDue() !== null) {
        await clock.runNext();
      }
      return sync.status().state === 'stopped';
    }, 'sync stops');
    statuses.push(sync.status());
    expect(statuses[0]).toMatchObject({ state: 'stopped', lastError: 'revoked' });

    const requests = proxy.seen().length;
    sync.online();
    sync.committed();
    expect(clock.pending()).toEqual([]);
    await clock.advance(60 * 60_000);
    expect(proxy.seen()).toHaveLength(requests);
    expect(await localStates()).toEqual({ pending: 20 });
  });

  it('answers the server rejects are kept, marked, and never sent again', async () => {
    const terminal = await enrollWardTerminal(central);
    const good = weeksOfAnswers(3);
    const unknown = weeksOfAnswers(2, { surveyId: 'retired-survey' });
    await db.responses.bulkAdd([...good, ...unknown]);
    const sync = startEngine(transport(() => proxy.url, terminal.token));
    await until(drained(sync), 'the outbox is empty');

    expect(await localStates()).toEqual({ sent: 3, rejected: 2 });
    const rejected = await db.responses
      .where('id')
      .anyOf(unknown.map((row) => row.id))
      .toArray();
    expect(rejected.map((row) => row.rejectCode)).toEqual(['unknown_survey', 'unknown_survey']);

    // A new answer, made now, after the others.
    await db.responses.add({
      ...sampleResponse({ id: crypto.randomUUID(), answeredAt: new Date().toISOString() }),
      syncState: 'pending',
    });
    await sync.syncNow();
    const bodies = proxy.seen().map((request) => request.body);
    for (const row of unknown) {
      expect(bodies.filter((body) => body.includes(row.id))).toHaveLength(1);
    }
    expect(await storedIds(terminal.unitId)).toHaveLength(4);
  });
});

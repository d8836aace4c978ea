import { afterEach, describe, expect, it } from 'vitest';
import type { RendererStatus } from '../core/bridge';
import { HeartbeatSchema, type Heartbeat } from '../core/central-api';
import { DEFAULT_RESERVE_BYTES, type JournalStatus, type StorageStatus } from '../core/durability';
import type { HeartbeatOutcome } from './central-client';
import {
  deadApiUrl,
  SAMPLE_TOKEN,
  sendError,
  startFakeCentral,
  type Answer,
  type FakeCentral,
} from './fake-central';
import {
  FIRST_BEAT_DELAY_MS,
  startHeartbeat,
  storeHealth,
  vitalSigns,
  type HeartbeatOptions,
} from './heartbeat';
import { manualClock, type ManualClock } from '../core/timers';
import type { Fetch } from './central-http';

const MINUTE = 60_000;

let central: FakeCentral | null = null;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  await central?.close();
  central = null;
});

async function serve(answer: Answer): Promise<FakeCentral> {
  central = await startFakeCentral(answer);
  return central;
}

const noContent: Answer = (_request, response) => {
  response.writeHead(204);
  response.end();
};

function vitals(queued: number): Heartbeat {
  return {
    appVersion: '0.1.0',
    queued,
    oldestQueuedAt: null,
    lastSyncAt: '2026-11-23T10:00:00.000Z',
    buttonBox: null,
    clock: '2026-11-23T10:20:00.000Z',
  };
}

type Harness = {
  clock: ManualClock;
  results: HeartbeatOutcome[];
  /** Fires the pending timer and resolves with the outcome of the beat it started. */
  tick(): Promise<HeartbeatOutcome>;
  sender: ReturnType<typeof startHeartbeat>;
};

function start(apiUrl: string, options: Partial<HeartbeatOptions> = {}): Harness {
  const clock = manualClock();
  const results: HeartbeatOutcome[] = [];
  let heard: ((outcome: HeartbeatOutcome) => void) | null = null;
  let queued = 0;
  const sender = startHeartbeat({
    target: { apiUrl, token: SAMPLE_TOKEN },
    timers: clock.timers,
    collect: () => vitals((queued += 1)),
    ...options,
    onResult: (outcome) => {
      results.push(outcome);
      heard?.(outcome);
    },
  });
  stops.push(() => sender.stop());
  return {
    clock,
    results,
    sender,
    tick: () => {
      const next = new Promise<HeartbeatOutcome>((resolve) => (heard = resolve));
      clock.fire();
      return next;
    },
  };
}

describe('the heartbeat', () => {
  it('beats soon after start, then every minute, with fresh vital signs each time', async () => {
    const api = await serve(noContent);
    const test = start(api.url);
    expect(test.clock.pending()).toEqual([FIRST_BEAT_DELAY_MS]);
    expect(await test.tick()).toEqual({ ok: true });
    expect(test.clock.pending()).toEqual([MINUTE]);
    expect(await test.tick()).toEqual({ ok: true });
    expect(api.requests.map((seen) => (JSON.parse(seen.body) as Heartbeat).queued)).toEqual([1, 2]);
    expect(api.requests[0]!.headers.authorization).toBe(`Bearer ${SAMPLE_TOKEN}`);
  });

  it('keeps the interval it is given', async () => {
    const api = await serve(noContent);
    const test = start(api.url, { intervalMs: 15_000, firstBeatDelayMs: 10 });
    expect(test.clock.pending()).toEqual([10]);
    await test.tick();
    expect(test.clock.pending()).toEqual([15_000]);
  });

  it('after a failed beat, just waits for the next one', async () => {
    const test = start(await deadApiUrl());
    expect(await test.tick()).toEqual({ ok: false, reason: 'offline' });
    expect(test.clock.pending()).toEqual([MINUTE]);
    expect(await test.tick()).toEqual({ ok: false, reason: 'offline' });
    expect(test.clock.pending()).toEqual([MINUTE]);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'revoked'],
    [500, 'server_error'],
  ])('reports a %i as %s and beats on', async (status, reason) => {
    const api = await serve((_request, response) => sendError(response, status, 'x'));
    const test = start(api.url);
    expect(await test.tick()).toEqual({ ok: false, reason });
    expect(test.clock.pending()).toEqual([MINUTE]);
  });

  it('waits as long as a 429 asks', async () => {
    const api = await serve((_request, response) =>
      sendError(response, 429, 'rate_limited', { 'retry-after': '600' }),
    );
    const test = start(api.url);
    expect(await test.tick()).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAfterMs: 600_000,
    });
    expect(test.clock.pending()).toEqual([600_000]);
  });

  it('survives vital signs that cannot be gathered, and sends nothing then', async () => {
    const api = await serve(noContent);
    let broken = true;
    const test = start(api.url, {
      collect: () => {
        if (broken) {
          throw new TypeError('no status yet');
        }
        return vitals(0);
      },
    });
    expect(await test.tick()).toEqual({
      ok: false,
      reason: 'invalid',
      field: '(collect)',
      message: 'TypeError',
    });
    expect(api.requests).toHaveLength(0);
    broken = false;
    expect(await test.tick()).toEqual({ ok: true });
  });

  it('beats once when asked twice at the same time, and restarts the interval', async () => {
    const api = await serve(noContent);
    const test = start(api.url);
    const both = [test.sender.beatNow(), test.sender.beatNow()];
    expect(both[0]).toBe(both[1]);
    expect(await both[0]).toEqual({ ok: true });
    expect(api.requests).toHaveLength(1);
    expect(test.clock.pending()).toEqual([MINUTE]);
  });

  it('once stopped, beats no more', async () => {
    const api = await serve(noContent);
    const test = start(api.url);
    await test.sender.stop();
    expect(test.clock.pending()).toEqual([]);
    expect(api.requests).toHaveLength(0);
  });

  it('stopped while a beat waits for its answer, the stop ends only when that beat has', async () => {
    let asked: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => (asked = resolve));
    let answer: () => void = () => undefined;
    const fetchImpl: Fetch = () =>
      new Promise<Response>((resolve) => {
        answer = () => resolve(new Response(null, { status: 204 }));
        asked();
      });
    const test = start('http://central.invalid', { fetchImpl });
    const beating = test.sender.beatNow();
    await sent;
    let stopped = false;
    const stopping = test.sender.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    answer();
    await stopping;
    expect(await beating).toEqual({ ok: true });
    // Nobody hears of it, and no next beat is set.
    expect(test.results).toEqual([]);
    expect(test.clock.pending()).toEqual([]);
  });
});

const MB = 1024 * 1024;

const renderer = (store: RendererStatus['store']): RendererStatus => ({
  store,
  persisted: true,
  sync: {
    state: 'idle',
    queued: 3,
    oldestQueuedAt: '2026-11-23T09:00:00.000Z',
    lastSyncAt: '2026-11-23T09:59:00.000Z',
    lastError: null,
  },
});

const journal = (over: Partial<JournalStatus> = {}): JournalStatus => ({
  unconfirmed: 3,
  problem: null,
  problemSince: null,
  lastRestore: null,
  skippedLines: 0,
  ...over,
});

const storage = (data: number | null, profile: number | null): StorageStatus => ({
  reserveBytes: DEFAULT_RESERVE_BYTES,
  places: [
    { which: 'data', path: '/var/lib/hymy', freeBytes: data },
    { which: 'profile', path: '/var/lib/hymy/chromium-profile', freeBytes: profile },
  ],
  low: (data ?? Infinity) < DEFAULT_RESERVE_BYTES || (profile ?? Infinity) < DEFAULT_RESERVE_BYTES,
  checkedAt: '2026-11-23T10:00:00.000Z',
});

describe('the vital signs', () => {
  it('tell the county of the stores: all well', () => {
    const beat = vitalSigns(
      '0.1.0',
      renderer({ ok: true }),
      null,
      journal(),
      storage(900 * MB, 2000 * MB),
    );
    expect(beat.queued).toBe(3);
    expect(beat.health).toEqual({
      store: 'ok',
      journal: null,
      restored: null,
      freeBytes: 900 * MB,
      storageLow: false,
    });
    expect(HeartbeatSchema.safeParse(beat).success).toBe(true);
  });

  it('tell of a failing page store, a journal that cannot write, a restore and a short disk', () => {
    const restore = { count: 12, at: '2026-11-23T08:00:00.000Z' };
    const beat = vitalSigns(
      '0.1.0',
      renderer({ ok: false, code: 'quota_exceeded', reopenFailures: 4 }),
      null,
      journal({
        problem: 'disk_full',
        problemSince: '2026-11-23T09:00:00.000Z',
        lastRestore: restore,
      }),
      storage(null, 20 * MB),
    );
    expect(beat.health).toEqual({
      store: 'quota_exceeded',
      journal: 'disk_full',
      restored: restore,
      freeBytes: 20 * MB,
      storageLow: true,
    });
    expect(HeartbeatSchema.safeParse(beat).success).toBe(true);
  });

  it('say what is not known yet as unknown or null, never as well', () => {
    expect(storeHealth(null, null, null)).toEqual({
      store: 'unknown',
      journal: null,
      restored: null,
      freeBytes: null,
      storageLow: false,
    });
    expect(storeHealth(null, null, storage(null, null)).freeBytes).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { Response, UploadOutcome } from '../../core';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { BACKOFF_CAP_MS, nextAttemptDelay, retryDelay } from './backoff';
import { manualClock } from '../../core/timers';
import type { Outbox } from './outbox';
import { createSyncEngine } from './sync-engine';

/**
 * Lets the engine's promise chains (the fake outbox and upload) run to their next stop after a
 * timer ran: a few macrotask turns.
 */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
};

function response(n: number): Response {
  return sampleResponse({
    id: sampleResponseId(n),
    value: 3,
    answeredAt: '2026-11-23T10:00:00.000Z',
  });
}

/** An in-memory outbox with the real one's contract. */
function memoryOutbox(count: number) {
  const state = new Map(Array.from({ length: count }, (_, i) => [response(i).id, 'pending']));
  const outbox: Outbox = {
    // Marks apply at once here, so every read finds only what is still pending.
    next: (cursor, limit = 500) => {
      const responses = [...state.entries()]
        .filter(([, s]) => s === 'pending')
        .slice(0, limit)
        .map(([id]) => ({ ...response(0), id }));
      const after = responses.length > 0 ? { ...cursor, from: '2026-11-23T10:00:00.000Z' } : cursor;
      return Promise.resolve({ batch: { responses, unreadable: [] }, cursor: after });
    },
    markOutcome(_batch, outcome) {
      for (const id of [...outcome.accepted, ...outcome.duplicate]) {
        state.set(id, 'sent');
      }
      for (const rejected of outcome.rejected) {
        state.set(rejected.id, 'rejected');
      }
      return Promise.resolve();
    },
    purgeSent: () => Promise.resolve(0),
    stats: () =>
      Promise.resolve({
        queued: [...state.values()].filter((s) => s === 'pending').length,
        oldestQueuedAt: null,
      }),
    noteAdded: () => undefined,
    restored: () => undefined,
    applyMarks: () => Promise.resolve(),
  };
  return {
    outbox,
    state,
    pending: () => [...state.values()].filter((s) => s === 'pending').length,
  };
}

function engine(count: number, answer: (batch: Response[]) => UploadOutcome) {
  const clock = manualClock({ settle });
  const box = memoryOutbox(count);
  const batches: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sync = createSyncEngine({
    outbox: box.outbox,
    upload: async (batch) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      batches.push(batch.length);
      await Promise.resolve();
      inFlight -= 1;
      return answer(batch);
    },
    timers: clock.timers,
    random: () => 0.5,
  });
  return { sync, clock, box, batches, maxInFlight: () => maxInFlight };
}

const acceptAll = (batch: Response[]): UploadOutcome => ({
  ok: true,
  accepted: batch.map((r) => r.id),
  duplicate: [],
  rejected: [],
});

describe('the sync engine', () => {
  it('sends the whole outbox in batches of at most 500, one at a time', async () => {
    const e = engine(1200, acceptAll);
    await e.clock.advance(0);
    expect(e.batches).toEqual([500, 500, 200]);
    expect(e.maxInFlight()).toBe(1);
    expect(e.box.pending()).toBe(0);
    expect(e.sync.status()).toMatchObject({ state: 'idle', lastError: null });
  });

  it('keeps a batch the server did not confirm and sends it again after a backoff', async () => {
    let fail = true;
    const e = engine(3, (batch) =>
      fail ? { ok: false, reason: 'server_error' } : acceptAll(batch),
    );
    await e.clock.advance(0);
    expect(e.sync.status().state).toBe('waiting');
    expect(e.box.pending()).toBe(3);
    fail = false;
    await e.clock.runNext();
    expect(e.box.pending()).toBe(0);
    expect(e.batches).toEqual([3, 3]);
  });

  it('honours Retry-After when it asks for longer than its own backoff', async () => {
    const e = engine(1, () => ({ ok: false, reason: 'rate_limited', retryAfterMs: 120_000 }));
    await e.clock.advance(0);
    expect(e.clock.nextDue()).toBe(120_000);
  });

  it('stops on a refused token and sends nothing until resumed', async () => {
    let answer: UploadOutcome = { ok: false, reason: 'revoked' };
    const e = engine(2, () => answer);
    await e.clock.advance(0);
    expect(e.sync.status()).toMatchObject({ state: 'stopped', lastError: 'revoked' });
    e.sync.committed();
    e.sync.online();
    await e.clock.advance(3_600_000);
    expect(e.batches).toEqual([2]);
    answer = acceptAll([response(0), response(1)]);
    e.sync.resume();
    await e.clock.advance(0);
    expect(e.batches).toEqual([2, 2]);
  });

  it('backs off when the server leaves ids out of its answer, and keeps those pending', async () => {
    const e = engine(3, (batch) => ({
      ok: true,
      accepted: [batch[0]!.id],
      duplicate: [],
      rejected: [],
    }));
    await e.clock.advance(0);
    expect(e.batches).toEqual([3]);
    expect(e.box.pending()).toBe(2);
    expect(e.sync.status()).toMatchObject({ state: 'waiting', lastError: 'incomplete_answer' });
  });

  it('marks rejected answers and never sends them again', async () => {
    const e = engine(2, (batch) => ({
      ok: true,
      accepted: [batch[0]!.id],
      duplicate: [],
      rejected: batch.slice(1).map((r) => ({ id: r.id, code: 'bad_value', message: 'no' })),
    }));
    await e.clock.advance(0);
    e.sync.committed();
    await e.clock.advance(10_000);
    expect(e.batches).toEqual([2]);
    expect([...e.box.state.values()].sort()).toEqual(['rejected', 'sent']);
  });

  it('a commit triggers a sync after the debounce, several commits one sync', async () => {
    const e = engine(0, acceptAll);
    await e.clock.advance(0);
    e.box.state.set(response(7).id, 'pending');
    e.sync.committed();
    e.sync.committed();
    await e.clock.advance(1999);
    expect(e.batches).toEqual([]);
    await e.clock.advance(1);
    expect(e.batches).toEqual([1]);
  });

  it('tries again on a timer while not enrolled, quietly', async () => {
    const e = engine(1, () => ({ ok: false, reason: 'not_enrolled' }));
    await e.clock.advance(0);
    expect(e.sync.status()).toMatchObject({ state: 'not_enrolled', lastError: null });
    await e.clock.advance(60_000);
    expect(e.batches).toEqual([1, 1]);
  });
});

describe('the sync engine and its outbox', () => {
  it('reads from where the last answered batch ended, and from the start after restored answers', async () => {
    const e = engine(2, acceptAll);
    const froms: (string | null)[] = [];
    const next = e.box.outbox.next.bind(e.box.outbox);
    e.box.outbox.next = (cursor, limit) => {
      froms.push(cursor.from);
      return next(cursor, limit);
    };
    await e.clock.advance(0);
    // The first batch from the start, then on from its end, where nothing is left.
    expect(froms).toEqual([null, '2026-11-23T10:00:00.000Z']);
    froms.length = 0;
    e.box.state.set(response(9).id, 'pending');
    e.sync.restored();
    await e.clock.advance(2000);
    expect(froms[0]).toBeNull();
    expect(e.box.pending()).toBe(0);
  });

  it('marks rows that no longer parse without sending anything', async () => {
    const e = engine(0, acceptAll);
    let unreadable = ['bad-row'];
    const marked: string[][] = [];
    e.box.outbox.next = (cursor) =>
      Promise.resolve({ batch: { responses: [], unreadable }, cursor: { ...cursor, from: 'x' } });
    e.box.outbox.markOutcome = (batch) => {
      marked.push(batch.unreadable);
      unreadable = [];
      return Promise.resolve();
    };
    await e.clock.advance(0);
    expect(marked).toEqual([['bad-row']]);
    expect(e.batches).toEqual([]);
    expect(e.sync.status().state).toBe('idle');
  });

  it("gives the outbox the engine's clock: the purge's cutoff and its hourly limit", async () => {
    const e = engine(1, acceptAll);
    const purges: [string, number][] = [];
    e.box.outbox.purgeSent = (cutoffIso, nowMs) => {
      purges.push([cutoffIso, nowMs]);
      return Promise.resolve(0);
    };
    await e.clock.advance(0);
    const now = e.clock.now();
    expect(purges).toEqual([[new Date(now - 30 * 24 * 3600 * 1000).toISOString(), now]]);
  });
});

describe('backoff', () => {
  it('grows exponentially from 1 s with full jitter, capped at 5 min', () => {
    expect(retryDelay(1, () => 0.999)).toBe(999);
    expect(retryDelay(3, () => 0.5)).toBe(2000);
    expect(retryDelay(40, () => 0.999)).toBeLessThan(BACKOFF_CAP_MS);
    expect(retryDelay(40, () => 0)).toBe(0);
  });

  it('takes Retry-After when it is longer', () => {
    expect(nextAttemptDelay(1, 30_000, () => 0.5)).toBe(30_000);
    expect(nextAttemptDelay(20, 1000, () => 0.5)).toBe(BACKOFF_CAP_MS / 2);
  });
});

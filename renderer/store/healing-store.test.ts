import { describe, expect, it } from 'vitest';
import type { RendererStatus } from '../../core';
import { sampleResponse } from '../../core/sample-response';
import { manualClock } from '../../core/timers';
import { MemoryStore } from '../testing/stores';
import { createHealingStore } from './healing-store';

type StoreStatus = RendererStatus['store'];

/** A store that fails until it is opened again while `reopenable`; `clock` drives its tries. */
function setUp() {
  const clock = manualClock();
  const inner = new MemoryStore();
  const reports: StoreStatus[] = [];
  const state = { reopenable: false, reopens: 0, reopened: 0, hangs: false };
  const store = createHealingStore({
    inner,
    reopen() {
      state.reopens += 1;
      if (state.hangs) {
        // Chromium on a full disk: the open never answers.
        return new Promise<void>(() => undefined);
      }
      if (!state.reopenable) {
        return Promise.reject(new Error('QuotaExceededError'));
      }
      inner.fail = undefined;
      return Promise.resolve();
    },
    report: (status) => reports.push(status),
    onReopened: () => {
      state.reopened += 1;
    },
    timers: clock.timers,
  });
  return { inner, store, reports, state, clock };
}

describe('a store that mends itself after a fault', () => {
  it('tries to open again 1 s after the fault, doubling to 30 s, and tells the host each try', async () => {
    const { inner, store, reports, state, clock } = setUp();
    inner.fail = { ok: false, code: 'quota_exceeded' };
    await store.save(sampleResponse());
    expect(reports).toEqual([{ ok: false, code: 'quota_exceeded', reopenFailures: 0 }]);
    const triesAt: number[] = [];
    for (let second = 1; second <= 120; second += 1) {
      const before = state.reopens;
      await clock.advance(1000);
      if (state.reopens > before) {
        triesAt.push(second);
      }
    }
    // 1, 2, 4, 8, 16 s apart, then every 30 s.
    expect(triesAt).toEqual([1, 3, 7, 15, 31, 61, 91]);
    expect(reports.at(-1)).toEqual({ ok: false, code: 'quota_exceeded', reopenFailures: 7 });
    store.dispose();
  });

  it('once the store opens again, the host hears it is well and what it lost is put back', async () => {
    const { inner, store, reports, state, clock } = setUp();
    inner.fail = { ok: false, code: 'database_closed' };
    await store.save(sampleResponse());
    await clock.advance(1000);
    state.reopenable = true;
    await clock.advance(2000);
    expect(reports.at(-1)).toEqual({ ok: true });
    expect(state.reopened).toBe(1);
    // No more tries once well.
    const tries = state.reopens;
    await clock.advance(120_000);
    expect(state.reopens).toBe(tries);
  });

  it('a tap while the store is faulty tries to open it first, without moving the backoff', async () => {
    const { inner, store, reports, state, clock } = setUp();
    inner.fail = { ok: false, code: 'quota_exceeded' };
    await store.save(sampleResponse());
    await store.save(sampleResponse());
    await store.save(sampleResponse());
    expect(state.reopens).toBe(2);
    expect(reports.at(-1)).toEqual({ ok: false, code: 'quota_exceeded', reopenFailures: 0 });
    await clock.advance(1000);
    expect(reports.at(-1)).toEqual({ ok: false, code: 'quota_exceeded', reopenFailures: 1 });
    store.dispose();
  });

  it('the first tap after space returns is thanked without waiting for the next try', async () => {
    const { inner, store, state, clock } = setUp();
    inner.fail = { ok: false, code: 'quota_exceeded' };
    await store.save(sampleResponse());
    await clock.advance(7000);
    state.reopenable = true;
    await expect(store.save(sampleResponse())).resolves.toEqual({ ok: true });
    expect(inner.rows).toHaveLength(1);
    expect(state.reopened).toBe(1);
  });

  it('a journal that failed or a refused addition is no fault of the store', async () => {
    const { inner, store, reports, state, clock } = setUp();
    inner.fail = { ok: false, code: 'journal_failed' };
    await store.save(sampleResponse());
    await expect(store.amend('missing', { comment: 'x' })).resolves.toEqual({
      ok: false,
      code: 'journal_failed',
    });
    await clock.advance(60_000);
    expect(reports).toEqual([]);
    expect(state.reopens).toBe(0);
  });

  it('a store that failed to open at the start heals the same way', async () => {
    const { store, reports, state, clock } = setUp();
    store.fault('write_failed');
    expect(reports).toEqual([{ ok: false, code: 'write_failed', reopenFailures: 0 }]);
    state.reopenable = true;
    await clock.advance(1000);
    expect(reports.at(-1)).toEqual({ ok: true });
    expect(state.reopened).toBe(1);
  });

  it('a re-open that never answers fails at its deadline: the tap is answered, the backoff moves', async () => {
    const { inner, store, reports, state, clock } = setUp();
    inner.fail = { ok: false, code: 'quota_exceeded' };
    await store.save(sampleResponse());
    state.hangs = true;
    let saved: unknown = 'waiting';
    void store.save(sampleResponse()).then((result) => {
      saved = result;
    });
    await clock.advance(4_999);
    expect(saved).toBe('waiting');
    await clock.advance(1);
    // The write itself was tried, and said why it failed.
    expect(saved).toEqual({ ok: false, code: 'quota_exceeded' });
    // The timer's tries that hang count as failures, so the host reloads the page in time.
    await clock.advance(60_000);
    expect(reports.at(-1)).toMatchObject({ ok: false, code: 'quota_exceeded' });
    expect((reports.at(-1) as { reopenFailures: number }).reopenFailures).toBeGreaterThanOrEqual(3);
    store.dispose();
  });
});

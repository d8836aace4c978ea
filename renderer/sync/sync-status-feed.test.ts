import { describe, expect, it, vi } from 'vitest';
import type { RendererSyncStatus } from '../../core';
import { manualClock } from '../../core/timers';
import type { SyncStatus } from './sync-engine';
import { createSyncStatusFeed } from './sync-status-feed';

function setup() {
  let engine: SyncStatus = { state: 'idle', lastSyncAt: null, lastError: null, retryAt: null };
  let queue = { queued: 0, oldestQueuedAt: null as string | null };
  const reports: RendererSyncStatus[] = [];
  const stats = vi.fn(() => Promise.resolve(queue));
  const clock = manualClock();
  const feed = createSyncStatusFeed({
    engineStatus: () => engine,
    stats,
    report: (status) => reports.push(status),
    timers: clock.timers,
  });
  return {
    feed,
    clock,
    reports,
    stats,
    setEngine: (next: Partial<SyncStatus>) => {
      engine = { ...engine, ...next };
    },
    setQueue: (next: typeof queue) => {
      queue = next;
    },
  };
}

describe('the sync status the host hears', () => {
  it('reports the queue at once, then whenever the engine changes', async () => {
    const t = setup();
    await t.clock.advance(0);
    expect(t.reports).toEqual([
      { state: 'idle', queued: 0, oldestQueuedAt: null, lastSyncAt: null, lastError: null },
    ]);
    t.setQueue({ queued: 3, oldestQueuedAt: '2026-11-27T08:00:00.000Z' });
    t.setEngine({ state: 'waiting', lastError: 'offline' });
    t.feed.changed();
    await t.clock.advance(2000);
    expect(t.reports.at(-1)).toEqual({
      state: 'waiting',
      queued: 3,
      oldestQueuedAt: '2026-11-27T08:00:00.000Z',
      lastSyncAt: null,
      lastError: 'offline',
    });
    t.feed.stop();
  });

  it('counts the outbox at most once per two seconds while a drain changes state every batch', async () => {
    const t = setup();
    await t.clock.advance(0);
    for (let batch = 0; batch < 50; batch += 1) {
      t.setEngine({ state: 'syncing', lastSyncAt: new Date(t.clock.now()).toISOString() });
      t.feed.changed();
      await t.clock.advance(100);
    }
    // 5 s of batches: the first count, then one per 2 s.
    expect(t.stats.mock.calls.length).toBeLessThanOrEqual(4);
    t.setEngine({ state: 'idle' });
    t.feed.changed();
    await t.clock.advance(2000);
    expect(t.reports.at(-1)?.state).toBe('idle');
    t.feed.stop();
  });

  it('shows answers that pile up offline within the refresh period, without any engine change', async () => {
    const t = setup();
    await t.clock.advance(0);
    t.setQueue({ queued: 40, oldestQueuedAt: '2026-11-27T08:00:00.000Z' });
    await t.clock.advance(30_000);
    expect(t.reports.at(-1)?.queued).toBe(40);
    t.feed.stop();
    const count = t.stats.mock.calls.length;
    await t.clock.advance(120_000);
    expect(t.stats.mock.calls.length).toBe(count);
  });
});

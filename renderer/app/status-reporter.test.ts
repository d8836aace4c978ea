import { describe, expect, it, vi } from 'vitest';
import type { BridgeCallName } from '../../core';
import { manualClock } from '../../core/timers';
import { FakeBridge } from '../testing/fake-bridge';
import { createStatusReporter } from './status-reporter';

describe('reporting the store to the host', () => {
  it('sends a change once, with whether storage is persistent', async () => {
    const bridge = new FakeBridge(null);
    const reporter = createStatusReporter(bridge, Promise.resolve(false));
    reporter.report({ ok: true });
    reporter.report({ ok: true });
    reporter.report({ ok: false, code: 'quota_exceeded', reopenFailures: 0 });
    reporter.report({ ok: false, code: 'quota_exceeded', reopenFailures: 0 });
    reporter.report({ ok: false, code: 'quota_exceeded', reopenFailures: 1 });
    reporter.report({ ok: true });
    await vi.waitFor(() => expect(bridge.reports()).toHaveLength(4));
    expect(bridge.reports()).toEqual([
      { store: { ok: true }, persisted: false, sync: null },
      {
        store: { ok: false, code: 'quota_exceeded', reopenFailures: 0 },
        persisted: false,
        sync: null,
      },
      {
        store: { ok: false, code: 'quota_exceeded', reopenFailures: 1 },
        persisted: false,
        sync: null,
      },
      { store: { ok: true }, persisted: false, sync: null },
    ]);
  });

  it('sends a report again when the host was not there to hear it', async () => {
    const clock = manualClock();
    const bridge = new FakeBridge(null);
    let down = true;
    const call = bridge.call.bind(bridge);
    bridge.call = <K extends BridgeCallName>(name: K, args: Parameters<typeof call<K>>[1]) =>
      down ? Promise.reject(new Error('disconnected')) : call(name, args);
    const reporter = createStatusReporter(bridge, Promise.resolve(true), clock.timers);
    reporter.report({ ok: false, code: 'write_failed', reopenFailures: 0 });
    await clock.advance(0);
    expect(bridge.reports()).toEqual([]);
    down = false;
    // Sent again 5 s after it was lost, not before.
    await clock.advance(4999);
    expect(bridge.reports()).toEqual([]);
    await clock.advance(1);
    expect(bridge.reports()).toEqual([
      {
        store: { ok: false, code: 'write_failed', reopenFailures: 0 },
        persisted: true,
        sync: null,
      },
    ]);
  });

  it('tells the host how many answers wait to be sent, once the store has opened', async () => {
    const bridge = new FakeBridge(null);
    const reporter = createStatusReporter(bridge, Promise.resolve(true));
    const waiting = {
      state: 'waiting' as const,
      queued: 12,
      oldestQueuedAt: '2026-11-20T08:00:00.000Z',
      lastSyncAt: null,
      lastError: 'offline',
    };
    reporter.reportSync(waiting);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.reports()).toEqual([]);
    reporter.report({ ok: true });
    reporter.reportSync({ ...waiting });
    reporter.reportSync({
      ...waiting,
      state: 'idle',
      queued: 0,
      oldestQueuedAt: null,
      lastError: null,
    });
    await vi.waitFor(() => expect(bridge.reports()).toHaveLength(2));
    expect(bridge.reports().map((report) => report.sync)).toEqual([
      waiting,
      { ...waiting, state: 'idle', queued: 0, oldestQueuedAt: null, lastError: null },
    ]);
  });
});

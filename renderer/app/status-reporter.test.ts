import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeCallName } from '../../core';
import { FakeBridge } from '../testing/fake-bridge';
import { createStatusReporter } from './status-reporter';

afterEach(() => {
  vi.useRealTimers();
});

describe('reporting the store to the host', () => {
  it('sends a change once, with whether storage is persistent', async () => {
    const bridge = new FakeBridge(null);
    const reporter = createStatusReporter(bridge, Promise.resolve(false));
    reporter.report({ ok: true });
    reporter.report({ ok: true });
    reporter.report({ ok: false, code: 'quota_exceeded' });
    reporter.report({ ok: false, code: 'quota_exceeded' });
    reporter.report({ ok: true });
    await vi.waitFor(() => expect(bridge.reports()).toHaveLength(3));
    expect(bridge.reports()).toEqual([
      { store: { ok: true }, persisted: false },
      { store: { ok: false, code: 'quota_exceeded' }, persisted: false },
      { store: { ok: true }, persisted: false },
    ]);
  });

  it('sends a report again when the host was not there to hear it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const bridge = new FakeBridge(null);
    let down = true;
    const call = bridge.call.bind(bridge);
    bridge.call = <K extends BridgeCallName>(name: K, args: Parameters<typeof call<K>>[1]) =>
      down ? Promise.reject(new Error('disconnected')) : call(name, args);
    const reporter = createStatusReporter(bridge, Promise.resolve(true));
    reporter.report({ ok: false, code: 'write_failed' });
    await vi.advanceTimersByTimeAsync(0);
    expect(bridge.reports()).toEqual([]);
    down = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(bridge.reports()).toEqual([
      { store: { ok: false, code: 'write_failed' }, persisted: true },
    ]);
  });
});

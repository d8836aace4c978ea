import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESERVE_BYTES,
  type ButtonBoxStatus,
  type CentralStatus,
  type JournalStatus,
  type RendererSyncStatus,
  type ShellStatus,
  type StorageStatus,
} from '../../../core';
import { hostStatus, serviceConfig } from '../../testing/scripted-service-bridge';
import {
  boxLight,
  clockLight,
  configLight,
  diskLight,
  journalLight,
  overallLight,
  queueLight,
  shellLight,
  shownRows,
  statusLights,
  storageLight,
  storeLight,
  syncLight,
  worstLight,
} from './status-lights';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;

const sync = (over: Partial<RendererSyncStatus> = {}): RendererSyncStatus => ({
  state: 'idle',
  queued: 0,
  oldestQueuedAt: null,
  lastSyncAt: ago(MIN),
  lastError: null,
  ...over,
});

const box = (over: Partial<ButtonBoxStatus> = {}): ButtonBoxStatus => ({
  connected: true,
  port: '/dev/hymy-box',
  model: 'hymy-5',
  firmware: '1.2.0',
  protocol: 'line',
  malformedLines: 0,
  lastPressAt: null,
  problem: null,
  boxError: null,
  ...over,
});

const central = (over: Partial<CentralStatus> = {}): CentralStatus => ({
  terminalId: 't_test',
  configPoll: { at: ago(MIN), error: null },
  configReceivedAt: ago(HOUR),
  heartbeat: { at: ago(MIN), error: null },
  clock: { skewMs: 400, at: ago(MIN) },
  ...over,
});

const journal = (over: Partial<JournalStatus> = {}): JournalStatus => ({
  unconfirmed: 4,
  problem: null,
  problemSince: null,
  lastRestore: null,
  skippedLines: 0,
  ...over,
});

const MB = 1024 * 1024;
const disk = (free: (number | null)[], low = false): StorageStatus => ({
  reserveBytes: DEFAULT_RESERVE_BYTES,
  places: free.map((freeBytes, i) => ({
    which: i === 0 ? 'data' : 'profile',
    path: i === 0 ? '/var/lib/hymy' : '/var/lib/hymy/chromium-profile',
    freeBytes,
  })),
  low,
  checkedAt: ago(MIN),
});

const shell = (over: Partial<ShellStatus> = {}): ShellStatus => ({
  rendererRestarts: 0,
  lastRestartAt: null,
  lastRestartReason: null,
  windowRecreations: 0,
  ...over,
});

describe('the status lights', () => {
  it.each([
    ['a kiosk window never restarted', shell(), 'green', null],
    [
      'one restart an hour ago',
      shell({ rendererRestarts: 1, lastRestartAt: ago(HOUR), lastRestartReason: 'crashed' }),
      'amber',
      'shell_restarted',
    ],
    [
      'five restarts, the last an hour ago',
      shell({ rendererRestarts: 5, lastRestartAt: ago(HOUR), lastRestartReason: 'oom' }),
      'amber',
      'shell_restarted',
    ],
    [
      'six restarts, the last an hour ago',
      shell({ rendererRestarts: 6, lastRestartAt: ago(HOUR), lastRestartReason: 'oom' }),
      'red',
      'shell_restarts_many',
    ],
    [
      'six restarts, the last two days ago',
      shell({ rendererRestarts: 6, lastRestartAt: ago(48 * HOUR), lastRestartReason: 'oom' }),
      'green',
      null,
    ],
    ['the browser host, which has no kiosk window', null, 'green', null],
  ] as const)('kiosk window: %s is %s', (_, given, light, reason) => {
    expect(shellLight(given, NOW)).toEqual({ light, reason });
  });

  it('shows the kiosk window row only where there is one', () => {
    expect(shownRows(hostStatus())).not.toContain('shell');
    expect(shownRows(null)).not.toContain('shell');
    expect(shownRows(hostStatus({ host: 'electron', shell: shell() }))).toContain('shell');
  });

  it.each([
    ['a sync that runs well', sync(), 'green'],
    ['a sync stopped by a refused token', sync({ state: 'stopped', lastError: 'revoked' }), 'red'],
    ['a revoked token even before the engine stopped', sync({ lastError: 'revoked' }), 'red'],
    ['a sync waiting after a failure', sync({ state: 'waiting', lastError: 'offline' }), 'amber'],
    ['a terminal not enrolled', sync({ state: 'not_enrolled' }), 'amber'],
    ['no word of sync yet', null, 'amber'],
  ] as const)('sync: %s is %s', (_, given, light) => {
    expect(syncLight(given).light).toBe(light);
  });

  it.each([
    ['nothing waiting', sync(), 'green'],
    ['an answer waiting an hour', sync({ queued: 3, oldestQueuedAt: ago(HOUR) }), 'green'],
    ['an answer waiting over a day', sync({ queued: 3, oldestQueuedAt: ago(25 * HOUR) }), 'amber'],
  ] as const)('queue: %s is %s', (_, given, light) => {
    expect(queueLight(given, NOW).light).toBe(light);
  });

  it('a store fault is red, a store that may be evicted amber', () => {
    const ok = { store: { ok: true as const }, persisted: true, sync: null };
    expect(storeLight(ok).light).toBe('green');
    expect(storeLight({ ...ok, persisted: false })).toEqual({
      light: 'amber',
      reason: 'not_persisted',
    });
    expect(
      storeLight({ ...ok, store: { ok: false, code: 'quota_exceeded', reopenFailures: 3 } }),
    ).toEqual({
      light: 'red',
      reason: 'store_fault',
    });
  });

  it.each([
    ['a copy that keeps every answer', journal(), 'green', null],
    [
      'a copy that cannot write to a full disk',
      journal({ problem: 'disk_full', problemSince: ago(MIN) }),
      'red',
      'journal_fault',
    ],
    ['a copy with a write error', journal({ problem: 'io_error' }), 'red', 'journal_fault'],
    [
      'a store restored from the copy yesterday',
      journal({ lastRestore: { count: 12, at: ago(24 * HOUR) } }),
      'amber',
      'store_restored',
    ],
    [
      'a store restored eight days ago',
      journal({ lastRestore: { count: 12, at: ago(8 * 24 * HOUR) } }),
      'green',
      null,
    ],
    [
      'a fault and a restore at once',
      journal({ problem: 'io_error', lastRestore: { count: 1, at: ago(MIN) } }),
      'red',
      'journal_fault',
    ],
    ['torn lines skipped after a power cut', journal({ skippedLines: 1 }), 'green', null],
    ['no word of the copy yet', null, 'amber', 'unknown'],
  ] as const)('second copy: %s is %s', (_, given, light, reason) => {
    expect(journalLight(given, NOW)).toEqual({ light, reason });
  });

  it.each([
    ['room on both disks', disk([900 * MB, 900 * MB]), 'green', null],
    ['a profile under the reserve', disk([900 * MB, 40 * MB], true), 'red', 'disk_low'],
    ['a disk that cannot be measured', disk([null, 900 * MB]), 'amber', 'disk_unmeasured'],
    ['the data dir alone (no profile known)', disk([900 * MB]), 'green', null],
    ['not measured yet', null, 'amber', 'unknown'],
  ] as const)('free disk space: %s is %s', (_, given, light, reason) => {
    expect(diskLight(given)).toEqual({ light, reason });
  });

  it.each([
    [50, 100, 'green'],
    [81, 100, 'amber'],
    [96, 100, 'red'],
    [null, 100, 'amber'],
    [10, null, 'amber'],
  ] as const)('storage: %s of %s used is %s', (usage, quota, light) => {
    expect(storageLight({ usage, quota }).light).toBe(light);
  });

  it.each([
    ['a connected box', box(), 'green'],
    ['a box unplugged from its port', box({ connected: false }), 'amber'],
    [
      'a box the driver cannot open',
      box({ connected: false, port: null, problem: 'not_found' }),
      'amber',
    ],
    ['no box expected', box({ connected: false, port: null }), 'green'],
    ['a host without a box driver', null, 'green'],
  ] as const)('box: %s is %s', (_, given, light) => {
    expect(boxLight(given).light).toBe(light);
  });

  it('a refused config is amber and says so; a good poll is green', () => {
    const config = serviceConfig();
    expect(configLight(config, central()).light).toBe('green');
    expect(
      configLight(
        config,
        central({ configPoll: { at: ago(MIN), error: 'invalid', field: 'timing' } }),
      ),
    ).toEqual({ light: 'amber', reason: 'config_refused' });
    expect(
      configLight(config, central({ configPoll: { at: ago(MIN), error: 'offline' } })).reason,
    ).toBe('config_poll_failed');
    expect(configLight(null, central()).light).toBe('amber');
  });

  it.each([
    ['measured close within a day', central(), 'green'],
    ['never measured', central({ clock: null }), 'amber'],
    [
      'close, but measured two days ago',
      central({ clock: { skewMs: 100, at: ago(48 * HOUR) } }),
      'amber',
    ],
    ['two minutes off', central({ clock: { skewMs: -2 * MIN, at: ago(MIN) } }), 'amber'],
    ['ten minutes off', central({ clock: { skewMs: 10 * MIN, at: ago(MIN) } }), 'red'],
    ['not enrolled with a central API', null, 'amber'],
  ] as const)('clock: %s is %s', (_, given, light) => {
    expect(clockLight(given, NOW).light).toBe(light);
  });

  it('the overall light is the worst row', () => {
    expect(worstLight([])).toBe('green');
    expect(worstLight(['green', 'amber', 'green'])).toBe('amber');
    expect(worstLight(['amber', 'red', 'green'])).toBe('red');
    const host = hostStatus({ central: central() });
    const facts = {
      host,
      sync: sync(),
      storage: { usage: 10, quota: 100 },
      config: serviceConfig(),
      now: NOW,
    };
    expect(overallLight(statusLights(facts))).toBe('green');
    expect(overallLight(statusLights({ ...facts, storage: { usage: 99, quota: 100 } }))).toBe(
      'red',
    );
    expect(overallLight(statusLights({ ...facts, host: null }))).toBe('amber');
    const short = { ...facts, host: { ...host, storage: disk([10 * MB], true) } };
    expect(statusLights(short).disk.light).toBe('red');
    expect(overallLight(statusLights(short))).toBe('red');
  });
});

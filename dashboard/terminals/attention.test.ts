import { describe, expect, it } from 'vitest';
import type { TerminalStatus } from '../../core/central-api';
import { attentionCount, clockSkewMs, concerns, oldestQueuedAgeMs } from './attention';

const NOW = Date.parse('2025-12-03T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ago = (ms: number) => new Date(NOW - ms).toISOString();

/** A terminal heard from a minute ago with nothing waiting, its clock right. */
function terminal(overrides: Partial<TerminalStatus> = {}): TerminalStatus {
  return {
    terminalId: 't_01JDZZZZZZABCDEFGHJKMNPQRS',
    unitId: 'khks-lapset',
    hardwareId: 'hw-0123456789ab',
    enrolledAt: ago(30 * 24 * HOUR),
    lastSeenAt: ago(MINUTE),
    appVersion: '0.1.0',
    queued: 0,
    oldestQueuedAt: null,
    lastSyncAt: ago(MINUTE),
    clock: ago(MINUTE),
    buttonBox: { connected: true, model: 'HB-4', firmware: '1.2.0' },
    revoked: false,
    ...overrides,
  };
}

describe('which terminals stand out', () => {
  it.each([
    ['heard from a minute ago', {}, []],
    ['heard from 1 h 59 min ago', { lastSeenAt: ago(2 * HOUR - MINUTE) }, []],
    ['heard from exactly 2 h ago', { lastSeenAt: ago(2 * HOUR) }, ['silent']],
    ['heard from 3 days ago', { lastSeenAt: ago(72 * HOUR) }, ['silent']],
    [
      'enrolled an hour ago, no heartbeat yet',
      { enrolledAt: ago(HOUR), lastSeenAt: null, clock: null, queued: null },
      [],
    ],
    [
      'enrolled 2 h ago, no heartbeat since',
      { enrolledAt: ago(2 * HOUR), lastSeenAt: null, clock: null, queued: null },
      ['neverSeen'],
    ],
    [
      'holding an answer for 23 h',
      { queued: 4, oldestQueuedAt: ago(23 * HOUR), clock: ago(MINUTE) },
      [],
    ],
    [
      'holding an answer for exactly 24 h',
      { queued: 4, oldestQueuedAt: ago(24 * HOUR), clock: ago(MINUTE) },
      [],
    ],
    [
      'holding an answer for 24 h and a minute',
      { queued: 4, oldestQueuedAt: ago(24 * HOUR + MINUTE), clock: ago(MINUTE) },
      ['queueStuck'],
    ],
    [
      'silent for a day with answers two days old',
      {
        lastSeenAt: ago(24 * HOUR),
        clock: ago(24 * HOUR),
        queued: 9,
        oldestQueuedAt: ago(48 * HOUR),
      },
      ['silent', 'queueStuck'],
    ],
    ['an old oldestQueuedAt but nothing queued', { queued: 0, oldestQueuedAt: ago(72 * HOUR) }, []],
    [
      'revoked, silent for days and holding old answers',
      { revoked: true, lastSeenAt: ago(72 * HOUR), queued: 3, oldestQueuedAt: ago(96 * HOUR) },
      [],
    ],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(concerns(terminal(overrides), NOW)).toEqual(expected);
  });

  it("judges the queue's age on the terminal's own clock, so a clock a day fast raises no alarm", () => {
    // The terminal's clock runs 25 h fast: its answer from 10 minutes ago carries a stamp 25 h ahead.
    const fast = 25 * HOUR;
    const skewed = terminal({
      lastSeenAt: ago(MINUTE),
      clock: new Date(NOW - MINUTE + fast).toISOString(),
      queued: 1,
      oldestQueuedAt: new Date(NOW - 10 * MINUTE + fast).toISOString(),
    });
    expect(oldestQueuedAgeMs(skewed, NOW)).toBe(10 * MINUTE);
    expect(concerns(skewed, NOW)).toEqual([]);
    expect(clockSkewMs(skewed)).toBe(fast);
    // And a clock 25 h slow does not hide an answer stuck for two days.
    const slow = terminal({
      lastSeenAt: ago(MINUTE),
      clock: new Date(NOW - MINUTE - fast).toISOString(),
      queued: 1,
      oldestQueuedAt: new Date(NOW - 48 * HOUR - fast).toISOString(),
    });
    expect(concerns(slow, NOW)).toEqual(['queueStuck']);
  });

  it('counts the terminals that need attention, each once', () => {
    const fleet = [
      terminal(),
      terminal({ lastSeenAt: ago(3 * HOUR) }),
      terminal({ lastSeenAt: ago(30 * HOUR), queued: 2, oldestQueuedAt: ago(40 * HOUR) }),
      terminal({ revoked: true, lastSeenAt: ago(30 * HOUR) }),
    ];
    expect(attentionCount(fleet, NOW)).toBe(2);
    // Time moves on, nothing else does: the quiet one joins them.
    expect(attentionCount(fleet, NOW + 2 * HOUR)).toBe(3);
  });
});

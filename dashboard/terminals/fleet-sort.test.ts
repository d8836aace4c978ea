import { describe, expect, it } from 'vitest';
import type { TerminalStatus } from '../../core/central-api';
import { DEFAULT_FLEET_SORT, nextFleetSort, sortFleet } from './fleet-sort';

const NOW = Date.parse('2025-12-03T12:00:00.000Z');
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW - ms).toISOString();

function terminal(id: string, unitId: string, overrides: Partial<TerminalStatus> = {}) {
  const row: TerminalStatus = {
    terminalId: id,
    unitId,
    hardwareId: `hw-${id}`,
    enrolledAt: ago(100 * HOUR),
    lastSeenAt: ago(60_000),
    appVersion: '0.1.0',
    queued: 0,
    oldestQueuedAt: null,
    lastSyncAt: null,
    clock: ago(60_000),
    buttonBox: null,
    revoked: false,
    ...overrides,
  };
  return row;
}

const NAMES: Record<string, string> = { a: 'Ähtäri', b: 'Borgå', c: 'Aava' };
const nameOf = (unitId: string) => NAMES[unitId] ?? unitId;

const FLEET = [
  terminal('t1', 'a'),
  terminal('t2', 'b', { revoked: true, lastSeenAt: ago(50 * HOUR) }),
  terminal('t3', 'c', { lastSeenAt: ago(3 * HOUR) }),
  terminal('t4', 'b', {
    lastSeenAt: ago(30 * HOUR),
    queued: 5,
    oldestQueuedAt: ago(40 * HOUR),
    clock: ago(30 * HOUR),
  }),
  terminal('t5', 'c', { lastSeenAt: null, clock: null, queued: null }),
];

const ids = (rows: TerminalStatus[]) => rows.map((row) => row.terminalId);

describe('the order of the fleet', () => {
  it('puts the terminals that need attention first, the revoked last, by default', () => {
    // t4 has two concerns, t3 and t5 one each (by unit name, then id), t1 is fine, t2 revoked.
    expect(ids(sortFleet(FLEET, DEFAULT_FLEET_SORT, nameOf, 'fi', NOW))).toEqual([
      't4',
      't3',
      't5',
      't1',
      't2',
    ]);
  });

  it('sorts by unit name in the language’s order, and by last seen with the never-seen last', () => {
    const byUnit = nextFleetSort(DEFAULT_FLEET_SORT, 'unit');
    expect(byUnit).toEqual({ key: 'unit', direction: 'ascending' });
    // Finnish puts Ä after Z: Aava, Borgå, Ähtäri.
    expect(ids(sortFleet(FLEET, byUnit, nameOf, 'fi', NOW))).toEqual([
      't3',
      't5',
      't2',
      't4',
      't1',
    ]);
    const bySeen = nextFleetSort(byUnit, 'lastSeen');
    expect(ids(sortFleet(FLEET, bySeen, nameOf, 'fi', NOW))).toEqual([
      't2',
      't4',
      't3',
      't1',
      't5',
    ]);
    const turned = nextFleetSort(bySeen, 'lastSeen');
    expect(turned.direction).toBe('descending');
    expect(ids(sortFleet(FLEET, turned, nameOf, 'fi', NOW))).toEqual([
      't1',
      't3',
      't4',
      't2',
      't5',
    ]);
  });
});

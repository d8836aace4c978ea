import type { TerminalStatus } from '../../core/central-api';
import { concerns } from './attention';

export const FLEET_SORT_KEYS = ['status', 'unit', 'lastSeen'] as const;
export type FleetSortKey = (typeof FLEET_SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';
export type FleetSort = { key: FleetSortKey; direction: SortDirection };

/** The page opens with the terminals that need attention first. */
export const DEFAULT_FLEET_SORT: FleetSort = { key: 'status', direction: 'descending' };

/** Status starts with the most pressing, names from A, last seen with the longest silence. */
export function firstDirection(key: FleetSortKey): SortDirection {
  return key === 'status' ? 'descending' : 'ascending';
}

/** A click on a column's header: the same column turns round, another starts its own way. */
export function nextFleetSort(current: FleetSort, key: FleetSortKey): FleetSort {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: firstDirection(key) };
}

/** Higher is more pressing: needs attention (more concerns higher), fine, revoked. */
function urgency(terminal: TerminalStatus, nowMs: number): number {
  if (terminal.revoked) {
    return 0;
  }
  return 1 + concerns(terminal, nowMs).length;
}

/**
 * The terminals in the order asked. Ties fall back to the unit's name and then the terminal's
 * id, so the order is the same on every load. A terminal never heard from goes last by "last
 * seen" whichever way it runs.
 */
export function sortFleet(
  terminals: readonly TerminalStatus[],
  sort: FleetSort,
  nameOf: (unitId: string) => string,
  language: string,
  nowMs: number,
): TerminalStatus[] {
  const collator = new Intl.Collator(language);
  const byUnit = (a: TerminalStatus, b: TerminalStatus) =>
    collator.compare(nameOf(a.unitId), nameOf(b.unitId)) ||
    a.terminalId.localeCompare(b.terminalId);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  switch (sort.key) {
    case 'unit':
      return [...terminals].sort((a, b) => sign * byUnit(a, b));
    case 'status':
      return [...terminals].sort(
        (a, b) => sign * (urgency(a, nowMs) - urgency(b, nowMs)) || byUnit(a, b),
      );
    case 'lastSeen':
      return [...terminals].sort((a, b) => {
        if (a.lastSeenAt === null || b.lastSeenAt === null) {
          return a.lastSeenAt === b.lastSeenAt ? byUnit(a, b) : a.lastSeenAt === null ? 1 : -1;
        }
        return sign * (Date.parse(a.lastSeenAt) - Date.parse(b.lastSeenAt)) || byUnit(a, b);
      });
  }
}

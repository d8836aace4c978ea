import type { UnitsReport } from '../../core/reports-api';
import { unitVersusTarget, type TargetStanding } from '../../core/targets';
import { unitName } from '../format';

export type UnitRow = UnitsReport[number];

export const SORT_KEYS = ['name', 'n', 'positiveShare', 'nps', 'rankScore', 'standing'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';
export type Sort = { key: SortKey; direction: SortDirection };

export const DEFAULT_SORT: Sort = { key: 'name', direction: 'ascending' };

/** Figures sort best first when a column is first chosen; names from A. */
export function firstDirection(key: SortKey): SortDirection {
  return key === 'name' ? 'ascending' : 'descending';
}

/** A click on a column's header: the same column turns round, another starts its own way. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: firstDirection(key) };
}

const STANDING_ORDER: Record<TargetStanding, number> = { below: 0, across: 1, above: 2 };

function numberOf(row: UnitRow, key: Exclude<SortKey, 'name'>): number | null {
  switch (key) {
    case 'n':
      return row.n;
    case 'positiveShare':
      return row.positiveShare?.value ?? null;
    case 'nps':
      return row.nps?.value ?? null;
    case 'rankScore':
      return row.rankScore;
    case 'standing': {
      const standing = unitVersusTarget(row, row.target);
      return standing === null ? null : STANDING_ORDER[standing];
    }
  }
}

/**
 * The rows in the order asked. A row without the figure (no answers, no NPS question, no
 * target) goes last whichever way the column runs; ties keep the units' names in order.
 */
export function sortRows(rows: readonly UnitRow[], sort: Sort, language: string): UnitRow[] {
  const collator = new Intl.Collator(language);
  const name = (row: UnitRow) => unitName(row.name, language, row.unitId);
  const byName = (a: UnitRow, b: UnitRow) =>
    collator.compare(name(a), name(b)) || a.unitId.localeCompare(b.unitId);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const { key } = sort;
  if (key === 'name') {
    return [...rows].sort((a, b) => sign * byName(a, b));
  }
  return [...rows].sort((a, b) => {
    const x = numberOf(a, key);
    const y = numberOf(b, key);
    if (x === null || y === null) {
      return x === y ? byName(a, b) : x === null ? 1 : -1;
    }
    return sign * (x - y) || byName(a, b);
  });
}

import { describe, expect, it } from 'vitest';
import { nextSort, sortRows, type UnitRow } from './sort';

function row(unitId: string, fi: string, n: number, share: number | null): UnitRow {
  return {
    unitId,
    name: { fi },
    questionId: 'overall',
    scale: 'smiley4',
    n,
    positiveShare: share === null ? null : { value: share, low: share - 0.1, high: share + 0.1 },
    negativeShare: null,
    rankScore: share,
    target: null,
  };
}

describe('sorting the units', () => {
  const rows = [
    row('a', 'Öljymäki', 10, 0.5),
    row('b', 'Ahola', 5, null),
    row('c', 'Ääneskoski', 30, 0.9),
  ];

  it('orders names by the language’s alphabet (Finnish: Ä before Ö)', () => {
    const sorted = sortRows(rows, { key: 'name', direction: 'ascending' }, 'fi');
    expect(sorted.map((r) => r.unitId)).toEqual(['b', 'c', 'a']);
  });

  it('keeps units without the figure last in both directions', () => {
    const down = sortRows(rows, { key: 'positiveShare', direction: 'descending' }, 'fi');
    expect(down.map((r) => r.unitId)).toEqual(['c', 'a', 'b']);
    const up = sortRows(rows, { key: 'positiveShare', direction: 'ascending' }, 'fi');
    expect(up.map((r) => r.unitId)).toEqual(['a', 'c', 'b']);
  });

  it('starts a figure column best first and turns it round on a second press', () => {
    const first = nextSort({ key: 'name', direction: 'ascending' }, 'rankScore');
    expect(first).toEqual({ key: 'rankScore', direction: 'descending' });
    expect(nextSort(first, 'rankScore')).toEqual({ key: 'rankScore', direction: 'ascending' });
    expect(nextSort(first, 'name')).toEqual({ key: 'name', direction: 'ascending' });
  });
});

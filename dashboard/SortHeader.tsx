import type { ReactNode } from 'react';

export type SortDirection = 'ascending' | 'descending';

/**
 * A sortable column's header: a button that sorts by the column, `aria-sort` on the column
 * sorted by, and an arrow for the eye only (the reader hears `aria-sort`).
 */
export function SortHeader<K extends string>({
  column,
  sort,
  onSort,
  children,
}: {
  column: K;
  sort: { key: K; direction: SortDirection };
  onSort: (column: K) => void;
  children: ReactNode;
}) {
  const sorted = sort.key === column;
  return (
    <th scope="col" aria-sort={sorted ? sort.direction : undefined}>
      <button type="button" className="sort" onClick={() => onSort(column)}>
        {children}
        <span aria-hidden="true" className="sort-mark">
          {sorted ? (sort.direction === 'ascending' ? '↑' : '↓') : '↕'}
        </span>
      </button>
    </th>
  );
}

import { useId } from 'react';
import type { TableModel } from './table';

/**
 * A chart's numbers as a table: a caption, column headers, each row named by its first cell. It
 * scrolls sideways in its own focusable region on a narrow screen.
 */
export function DataTable({ model }: { model: TableModel }) {
  const captionId = useId();
  const numeric = model.columns.map((column) => column.numeric === true);
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data">
        <caption id={captionId}>{model.caption}</caption>
        <thead>
          <tr>
            {model.columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? 'number' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={numeric[i] ? 'number' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The table a chart draws, as plain words and numbers: what `DataTable` shows under the chart and
 * what a test reads. The first cell of each row names the row.
 */
export type TableColumn = { label: string; numeric?: boolean };
export type TableModel = {
  caption: string;
  columns: readonly TableColumn[];
  rows: readonly { key: string; cells: readonly string[] }[];
};

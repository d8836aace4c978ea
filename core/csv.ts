import { ResponseFlagSchema } from './response';

/** RFC 4180 CSV (CRLF, quoted where needed), shared by the server's report and the terminal's export. */

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
 * leading apostrophe (OWASP's advice for CSV injection): text a patient typed stays text.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One cell: empty for none, quoted when it holds a quote, a comma or a line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/*
 * The Response as a CSV row, the same on both sides: the central API's `responses.csv` and the
 * terminal's export on a USB stick have one header, so a spreadsheet or a script reads either.
 * Each side fills what it knows and leaves the rest empty: the server has no sync state, the
 * terminal has no `receivedAt`.
 */

/** The columns, in order. New ones go at the end, so a script that reads by position still works. */
export const RESPONSE_CSV_COLUMNS = [
  'id',
  'terminalId',
  'unitId',
  'surveyId',
  'surveyVersion',
  'questionId',
  'scale',
  'value',
  'language',
  'source',
  'answeredAt',
  'receivedAt',
  'flags',
  'respondent',
  'followUpQuestionId',
  'followUpValue',
  'comment',
  'syncState',
  'syncedAt',
  'rejectCode',
] as const;
export type ResponseCsvColumn = (typeof RESPONSE_CSV_COLUMNS)[number];

/** Flags share one cell, separated by a space (a `;` would split the cell in a Nordic Excel). */
export const CSV_FLAG_SEPARATOR = ' ';

type CsvValue = string | number | null | undefined;

/** One answer's cells: every column named, so a new column cannot be forgotten by either side. */
export type ResponseCsvRow = {
  readonly [Column in Exclude<ResponseCsvColumn, 'flags'>]: CsvValue;
} & {
  readonly flags: readonly string[];
};

/** The flags of central-api.md in their order: a row reads alike whichever side stored it. */
const FLAG_ORDER: readonly string[] = ResponseFlagSchema.options;

function flagsCell(flags: readonly string[]): string {
  const rank = (flag: string) => {
    const index = FLAG_ORDER.indexOf(flag);
    return index < 0 ? FLAG_ORDER.length : index;
  };
  return [...flags].sort((a, b) => rank(a) - rank(b)).join(CSV_FLAG_SEPARATOR);
}

export function responseCsvHeader(): string {
  return csvLine(RESPONSE_CSV_COLUMNS);
}

/** One answer as a CSV line; every text cell is kept from running as a formula. */
export function responseCsvLine(row: ResponseCsvRow): string {
  return csvLine(
    RESPONSE_CSV_COLUMNS.map((column) => {
      const value = column === 'flags' ? flagsCell(row.flags) : row[column];
      return typeof value === 'string' ? neutralizeFormula(value) : value;
    }),
  );
}

import { z } from 'zod';
import { csvLine } from './csv';
import { ReportRespondentSchema } from './reports-api';
import { ScaleSchema } from './scales';

/**
 * The national export of central-reports.md (docs/national-export.md): counts per unit, local
 * calendar month, question, value and respondent, for the county's and the nation's statistics.
 * Its query, its JSON answer, its CSV columns and its one sort order, shared by the server and
 * any client that reads it back.
 */

const TimeSchema = z.iso.datetime({ offset: true });

/** `from` inclusive, `to` exclusive (RFC 3339); left out, the last 12 whole months (docs). */
export const NationalExportQuerySchema = z.object({
  from: TimeSchema.optional(),
  to: TimeSchema.optional(),
});
export type NationalExportQuery = z.infer<typeof NationalExportQuerySchema>;

/** How many whole calendar months the export covers when `from` is left out. */
export const NATIONAL_DEFAULT_MONTHS = 12;

export const NationalExportRowSchema = z.object({
  unitId: z.string(),
  /** The answers' calendar month in the unit's time zone, `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/),
  surveyId: z.string(),
  questionId: z.string(),
  scale: ScaleSchema,
  value: z.number().int(),
  /** Who answered; `unknown` when the visit did not say. */
  respondent: ReportRespondentSchema,
  /** Answers, never 0: a combination without answers has no row. */
  count: z.number().int().positive(),
});
export type NationalExportRow = z.infer<typeof NationalExportRowSchema>;

/** `GET /v1/exports/national.json`: the CSV's rows, in the same order. */
export const NationalExportSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(NationalExportRowSchema),
});
export type NationalExport = z.infer<typeof NationalExportSchema>;

/** The CSV's columns, in order: also the sort's keys, in order. */
export const NATIONAL_EXPORT_COLUMNS = [
  'unit_id',
  'month',
  'survey_id',
  'question_id',
  'scale',
  'value',
  'respondent',
  'count',
] as const;

/**
 * Strings by Unicode code point, the order of their UTF-8 bytes (SQLite's BINARY, `LC_ALL=C
 * sort`, Python's `sorted`): the same on every machine and in no locale. JavaScript's own `<`
 * compares UTF-16 units, which differs only past U+FFFF, so surrogates are moved above the rest.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return codePointRank(x) - codePointRank(y);
    }
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) {
    return unit + 0x2000;
  }
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/** The export's order: by every column in turn, text by code point, value and count as numbers. */
export function compareNationalRows(a: NationalExportRow, b: NationalExportRow): number {
  return (
    compareCodePoints(a.unitId, b.unitId) ||
    compareCodePoints(a.month, b.month) ||
    compareCodePoints(a.surveyId, b.surveyId) ||
    compareCodePoints(a.questionId, b.questionId) ||
    compareCodePoints(a.scale, b.scale) ||
    a.value - b.value ||
    compareCodePoints(a.respondent, b.respondent) ||
    a.count - b.count
  );
}

export function nationalCsvHeader(): string {
  return csvLine(NATIONAL_EXPORT_COLUMNS);
}

/**
 * One row as RFC 4180 CSV. Cells are written as they are (quoted where needed), not kept from
 * running as a formula: they are the county's own ids, read by machines that map them exactly.
 */
export function nationalCsvLine(row: NationalExportRow): string {
  return csvLine([
    row.unitId,
    row.month,
    row.surveyId,
    row.questionId,
    row.scale,
    row.value,
    row.respondent,
    row.count,
  ]);
}

import { setImmediate as nextTurn } from 'node:timers/promises';
import { ResponsesCsvQuerySchema, type ResponsesCsvQuery } from '../core/central-api';
import { csvLine, neutralizeFormula } from '../core/csv';
import type { ServerContext } from './context';
import type { Result } from './errors';
import { parseQuery } from './query';
import type { ExportRow } from './store/reports';

/** `GET /v1/admin/responses.csv`: RFC 4180 (CRLF, a header row, quoted where needed), UTF-8. */

export const CSV_COLUMNS = [
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
] as const;

const PAGE_ROWS = 1000;

function flagsCell(row: ExportRow): string {
  const flags: string[] = [];
  if (row.flag_repeat === 1) {
    flags.push('repeat');
  }
  if (row.flag_test === 1) {
    flags.push('test');
  }
  if (row.flag_clock_unsynced === 1) {
    flags.push('clock_unsynced');
  }
  return flags.join(' ');
}

const freeText = (text: string | null): string | null =>
  text === null ? null : neutralizeFormula(text);

export function exportLine(row: ExportRow): string {
  return csvLine([
    row.id,
    row.terminal_id,
    row.unit_id,
    row.survey_id,
    row.survey_version,
    row.question_id,
    row.scale,
    row.value,
    row.language,
    row.source,
    row.answered_at,
    row.received_at,
    flagsCell(row),
    row.respondent,
    freeText(row.follow_up_question_id),
    freeText(row.follow_up_value),
    freeText(row.comment),
  ]);
}

export function parseCsvQuery(query: unknown): Result<ResponsesCsvQuery> {
  return parseQuery(ResponsesCsvQuerySchema, query);
}

/**
 * Every stored answer of a unit, flagged ones too, oldest answer first, a page at a time so a
 * large export neither holds the whole table in memory nor stalls uploads meanwhile.
 */
export async function* csvExport(ctx: ServerContext, query: ResponsesCsvQuery) {
  yield csvLine(CSV_COLUMNS);
  const selection = {
    unitId: query.unitId,
    fromMs: query.from === undefined ? undefined : Date.parse(query.from),
    toMs: query.to === undefined ? undefined : Date.parse(query.to),
  };
  const maxSeq = ctx.stores.reports.lastSeq();
  let after = { answeredAtMs: Number.MIN_SAFE_INTEGER, seq: 0 };
  for (;;) {
    const rows = ctx.stores.reports.exportPage(selection, maxSeq, after, PAGE_ROWS);
    if (rows.length > 0) {
      yield rows.map(exportLine).join('');
    }
    const last = rows.at(-1);
    if (rows.length < PAGE_ROWS || last === undefined) {
      return;
    }
    after = { answeredAtMs: last.answered_at_ms, seq: last.seq };
    await nextTurn();
  }
}

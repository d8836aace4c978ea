import { setImmediate as nextTurn } from 'node:timers/promises';
import { ResponsesCsvQuerySchema, type ResponsesCsvQuery } from '../core/central-api';
import { RESPONSE_CSV_COLUMNS, responseCsvHeader, responseCsvLine } from '../core/csv';
import type { ResponseFlag } from '../core/response';
import type { ServerContext } from './context';
import type { Result } from './errors';
import { parseQuery } from './query';
import type { ExportRow } from './store/reports';

/** `GET /v1/admin/responses.csv`: RFC 4180 (CRLF, a header row, quoted where needed), UTF-8. */

/** The columns of core/csv.ts, the terminal's export's too. */
export const CSV_COLUMNS = RESPONSE_CSV_COLUMNS;

const PAGE_ROWS = 1000;

function flagsOf(row: ExportRow): ResponseFlag[] {
  const flags: ResponseFlag[] = [];
  if (row.flag_repeat === 1) {
    flags.push('repeat');
  }
  if (row.flag_test === 1) {
    flags.push('test');
  }
  if (row.flag_clock_unsynced === 1) {
    flags.push('clock_unsynced');
  }
  return flags;
}

/** The header line: the columns of core/csv.ts, as the terminal's export has them. */
export function csvExportHeader(): string {
  return responseCsvHeader();
}

/** A stored answer as the one CSV row; the sync columns are the terminal's and stay empty. */
export function exportLine(row: ExportRow): string {
  return responseCsvLine({
    id: row.id,
    terminalId: row.terminal_id,
    unitId: row.unit_id,
    surveyId: row.survey_id,
    surveyVersion: row.survey_version,
    questionId: row.question_id,
    scale: row.scale,
    value: row.value,
    language: row.language,
    source: row.source,
    answeredAt: row.answered_at,
    receivedAt: row.received_at,
    flags: flagsOf(row),
    respondent: row.respondent,
    followUpQuestionId: row.follow_up_question_id,
    followUpValue: row.follow_up_value,
    comment: row.comment,
    syncState: undefined,
    syncedAt: undefined,
    rejectCode: undefined,
  });
}

export function parseCsvQuery(query: unknown): Result<ResponsesCsvQuery> {
  return parseQuery(ResponsesCsvQuerySchema, query);
}

/**
 * Every stored answer of a unit, flagged ones too, oldest answer first, a page at a time so a
 * large export neither holds the whole table in memory nor stalls uploads meanwhile.
 */
export async function* csvExport(ctx: ServerContext, query: ResponsesCsvQuery) {
  yield csvExportHeader();
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

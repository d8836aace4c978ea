import { setImmediate as nextTurn } from 'node:timers/promises';
import { ResponsesCsvQuerySchema, type ResponsesCsvQuery } from '../core/central-api';
import { RESPONSE_CSV_COLUMNS, responseCsvHeader, responseCsvLine } from '../core/csv';
import type { ResponseFlag } from '../core/response';
import type { ServerContext } from './context';
import type { Result } from './errors';
import { parseQuery } from './query';
import { sql, type Selectable } from 'kysely';
import type { ResponsesTable } from './database/schema';

/** `GET /v1/admin/responses.csv`: RFC 4180 (CRLF, a header row, quoted where needed), UTF-8. */

/** The columns of core/csv.ts, the terminal's export's too. */
export const CSV_COLUMNS = RESPONSE_CSV_COLUMNS;

const PAGE_ROWS = 1000;

export type ExportRow = Selectable<ResponsesTable>;

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
 * Every stored answer of a unit, flagged ones too, oldest answer first, a page at a time on the
 * read connections, so a large export neither holds the whole table in memory nor stalls
 * uploads meanwhile. Each page starts where the last ended (a keyset on answeredAt and arrival
 * order, which the unit's time index serves), so the whole export is linear in its rows. Only
 * answers stored before it began are in it: rows are only ever added, so the pages read the
 * same set a single long transaction would, without holding one open for the whole download.
 */
export async function* csvExport(ctx: ServerContext, query: ResponsesCsvQuery) {
  yield csvExportHeader();
  const { read } = ctx.database;
  const fromMs = query.from === undefined ? Number.MIN_SAFE_INTEGER : Date.parse(query.from);
  const toMs = query.to === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(query.to);
  const last = await read
    .selectFrom('responses')
    .select(sql<number | null>`max(seq)`.as('seq'))
    .executeTakeFirst();
  const maxSeq = last?.seq ?? 0;
  let after = { answeredAtMs: Number.MIN_SAFE_INTEGER, seq: 0 };
  for (;;) {
    const rows = await read
      .selectFrom('responses')
      .selectAll()
      .where('unit_id', '=', query.unitId)
      .where('answered_at_ms', '>=', Math.max(fromMs, after.answeredAtMs))
      .where('answered_at_ms', '<', toMs)
      .where(sql<boolean>`(answered_at_ms, seq) > (${after.answeredAtMs}, ${after.seq})`)
      .where('seq', '<=', maxSeq)
      .orderBy('answered_at_ms')
      .orderBy('seq')
      .limit(PAGE_ROWS)
      .execute();
    if (rows.length > 0) {
      yield rows.map(exportLine).join('');
    }
    const end = rows.at(-1);
    if (rows.length < PAGE_ROWS || end === undefined) {
      return;
    }
    after = { answeredAtMs: end.answered_at_ms, seq: end.seq };
    await nextTurn();
  }
}

import { describe, expect, it } from 'vitest';
import { CSV_FLAG_SEPARATOR, RESPONSE_CSV_COLUMNS } from '../../core/csv';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { csvHeader, csvRow } from '../../renderer/technician/service/export-files';
import type { StoredResponse } from '../../renderer/store/db';
import { csvExportHeader, exportLine } from '../../server/csv';
import type { ExportRow } from '../../server/csv';

/**
 * The Response's CSV is written twice: by the central API (`responses.csv`) and by the
 * terminal's export on a stick. Both come from core/csv.ts; these tests fail when either side
 * drifts from it, so one spreadsheet or script reads both files.
 */

/** A line's cells; no cell here holds a comma or a quote. */
const cells = (line: string): string[] => line.replace(/\r\n$/, '').split(',');

const answer = sampleResponse({
  id: sampleResponseId(7),
  answeredAt: '2026-11-23T10:00:00.000Z',
  flags: ['clock_unsynced', 'repeat', 'test'],
  respondent: 'relative',
  followUp: { questionId: 'reason', value: 'waiting-time' },
  comment: 'Hyvä',
});

/** The answer as the terminal keeps it, and as the server stored it. */
const stored: StoredResponse = { ...answer, syncState: 'pending' };
const row: ExportRow = {
  seq: 1,
  id: answer.id,
  terminal_id: 't_01',
  unit_id: 'khks-lapset',
  survey_id: answer.surveyId,
  survey_version: answer.surveyVersion,
  question_id: answer.questionId,
  scale: answer.scale,
  value: answer.value,
  language: answer.language,
  source: answer.source,
  answered_at: answer.answeredAt,
  answered_at_ms: Date.parse(answer.answeredAt),
  received_at: '2026-11-23T10:00:05.000Z',
  // Stored as columns, so the server's own order, whatever the terminal's was.
  flag_repeat: 1,
  flag_test: 1,
  flag_clock_unsynced: 1,
  respondent: 'relative',
  follow_up_question_id: 'reason',
  follow_up_value: 'waiting-time',
  comment: 'Hyvä',
};

/** What only one side knows: when the server got it, and the terminal's sync state. */
const ONE_SIDED = new Set(['receivedAt', 'syncState', 'syncedAt', 'rejectCode']);

describe("the Response's CSV, on the server and on the terminal", () => {
  it('has one header on both sides: the columns of core/csv.ts', () => {
    const header = RESPONSE_CSV_COLUMNS.join(',') + '\r\n';
    expect(csvExportHeader()).toBe(header);
    expect(csvHeader()).toBe(header);
  });

  it('renders an answer with several flags alike on both sides, flags space-separated', () => {
    const server = cells(exportLine(row));
    const terminal = cells(csvRow(stored, { terminalId: 't_01', unitId: 'khks-lapset' }));
    expect(server).toHaveLength(RESPONSE_CSV_COLUMNS.length);
    expect(terminal).toHaveLength(RESPONSE_CSV_COLUMNS.length);
    const flags = RESPONSE_CSV_COLUMNS.indexOf('flags');
    expect(server[flags]).toBe(['repeat', 'test', 'clock_unsynced'].join(CSV_FLAG_SEPARATOR));
    expect(CSV_FLAG_SEPARATOR).toBe(' ');
    RESPONSE_CSV_COLUMNS.forEach((column, index) => {
      if (!ONE_SIDED.has(column)) {
        expect({ column, cell: terminal[index] }).toEqual({ column, cell: server[index] });
      }
    });
    expect(server[RESPONSE_CSV_COLUMNS.indexOf('receivedAt')]).toBe(row.received_at);
    expect(terminal[RESPONSE_CSV_COLUMNS.indexOf('syncState')]).toBe('pending');
  });
});

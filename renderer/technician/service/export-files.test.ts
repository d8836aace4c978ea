import { describe, expect, it } from 'vitest';
import { sampleResponse, sampleResponseId } from '../../../core/sample-response';
import type { StoredResponse } from '../../store/db';
import {
  EXPORT_CSV_COLUMNS,
  createPieceBuffer,
  createSummary,
  csvCell,
  csvHeader,
  csvRow,
  jsonClosing,
  jsonOpening,
  jsonRow,
  utf8Length,
} from './export-files';
import { readCsv } from './testing/read-csv';

function stored(n: number, overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    ...sampleResponse({
      id: sampleResponseId(n),
      answeredAt: new Date(Date.UTC(2026, 10, 1, 8, 0, n)).toISOString(),
    }),
    syncState: 'pending',
    ...overrides,
  };
}

const rows: StoredResponse[] = [
  stored(1, { flags: ['repeat', 'test'], source: 'button' }),
  stored(2, {
    syncState: 'rejected',
    syncedAt: '2026-11-02T09:00:00.000Z',
    rejectCode: '=HYPERLINK("x"),"bad"',
    comment: 'Hyvä, "kiitos"\r\nrivi kaksi',
    respondent: 'relative',
    followUp: { questionId: 'reason', value: 'waiting-time' },
  }),
  stored(3, { syncState: 'sent', syncedAt: '2026-11-02T09:00:00.000Z', language: 'sv' }),
];

describe('the export files', () => {
  it('reads back from the CSV as the rows, one line each, under the agreed header', () => {
    const meta = { terminalId: 't_test', unitId: 'khks-lapset' };
    const text = csvHeader() + rows.map((row) => csvRow(row, meta)).join('');
    const [header, ...lines] = readCsv(text);
    expect(header).toEqual([...EXPORT_CSV_COLUMNS]);
    expect(lines).toHaveLength(3);
    const records = lines.map((cells) =>
      Object.fromEntries(EXPORT_CSV_COLUMNS.map((column, i) => [column, cells[i]])),
    );
    expect(records[0]).toEqual({
      id: sampleResponseId(1),
      terminalId: 't_test',
      unitId: 'khks-lapset',
      answeredAt: '2026-11-01T08:00:01.000Z',
      receivedAt: '',
      surveyId: 'visit-smiley',
      surveyVersion: '3',
      questionId: 'overall',
      scale: 'smiley4',
      value: '4',
      language: 'fi',
      source: 'button',
      flags: 'repeat test',
      syncState: 'pending',
      syncedAt: '',
      rejectCode: '',
      respondent: '',
      followUpQuestionId: '',
      followUpValue: '',
      comment: '',
    });
    expect(records[1]).toMatchObject({
      syncState: 'rejected',
      syncedAt: '2026-11-02T09:00:00.000Z',
      rejectCode: `'=HYPERLINK("x"),"bad"`,
      respondent: 'relative',
      followUpQuestionId: 'reason',
      followUpValue: 'waiting-time',
      comment: 'Hyvä, "kiitos"\r\nrivi kaksi',
    });
    expect(records[2]).toMatchObject({ syncState: 'sent', language: 'sv', flags: '' });
  });

  it('keeps a spreadsheet from running a cell as a formula, and quotes as RFC 4180 says', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+358')).toBe("'+358");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@SUM')).toBe("'@SUM");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(undefined)).toBe('');
  });

  it('makes valid JSON of the pieces joined, holding every row as stored', () => {
    const buffer = createPieceBuffer(200);
    const pieces = [
      ...buffer.add(
        jsonOpening({
          exportedAt: '2026-11-23T10:00:00.000Z',
          terminalId: 't_test',
          unitId: 'khks-lapset',
        }),
      ),
    ];
    rows.forEach((row, i) => pieces.push(...buffer.add(jsonRow(row, i === 0))));
    pieces.push(...buffer.add(jsonClosing()));
    const last = buffer.flush();
    if (last !== null) {
      pieces.push(last);
    }
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(utf8Length(piece)).toBeLessThanOrEqual(200);
    }
    expect(JSON.parse(pieces.join(''))).toEqual({
      exportedAt: '2026-11-23T10:00:00.000Z',
      terminalId: 't_test',
      unitId: 'khks-lapset',
      answers: rows,
    });
  });

  it('makes valid JSON with no answers at all', () => {
    const text =
      jsonOpening({ exportedAt: '2026-11-23T10:00:00.000Z', terminalId: null, unitId: null }) +
      jsonClosing();
    expect(JSON.parse(text)).toMatchObject({ terminalId: null, answers: [] });
  });

  it('cuts a text longer than a piece between characters, never inside one', () => {
    const buffer = createPieceBuffer(10);
    const text = 'ääää😀😀abcdefghij';
    const pieces = [...buffer.add(text), buffer.flush() ?? ''];
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(utf8Length(piece)).toBeLessThanOrEqual(10);
      expect(new TextEncoder().encode(piece).length).toBe(utf8Length(piece));
    }
  });

  it('counts the unsent answers and the newest of them', () => {
    const summary = createSummary();
    rows.forEach((row) => summary.add(row));
    summary.add(stored(9, { answeredAt: '2026-11-05T00:00:00.000Z' }));
    summary.add(stored(8, { answeredAt: '2026-11-04T00:00:00.000Z' }));
    expect(summary.result()).toEqual({
      answers: 5,
      unsent: 3,
      newestUnsentAt: '2026-11-05T00:00:00.000Z',
    });
  });
});

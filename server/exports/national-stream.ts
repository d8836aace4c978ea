import type { Readable } from 'node:stream';
import {
  nationalCsvHeader,
  nationalCsvLine,
  type NationalExportRow,
} from '../../core/national-export';
import type { Database } from '../database';
import type { ReportRange } from '../reports/range';
import { nationalRowBatches } from './national';
import { snapshotStream } from './snapshot-stream';

/**
 * The national export as CSV or JSON text, streamed as it is read, in one snapshot
 * (snapshot-stream.ts): a batch of units at a time, a thousand rows a chunk.
 */

/** Rows a chunk of text holds: the download starts before a batch is all written out. */
const ROWS_PER_CHUNK = 1000;

export type ExportFormat = {
  start: string;
  /** One row's text; `first` for the export's first row. */
  row: (row: NationalExportRow, first: boolean) => string;
  end: string;
};

export const CSV_FORMAT: ExportFormat = {
  start: nationalCsvHeader(),
  row: (row) => nationalCsvLine(row),
  end: '',
};

/** `{"from","to","rows":[…]}`, written a row at a time. */
export function jsonFormat(range: ReportRange): ExportFormat {
  const head = JSON.stringify({ from: range.from, to: range.to });
  return {
    start: `${head.slice(0, -1)},"rows":[`,
    row: (row, first) =>
      `${first ? '' : ','}${JSON.stringify({
        unitId: row.unitId,
        month: row.month,
        surveyId: row.surveyId,
        questionId: row.questionId,
        scale: row.scale,
        value: row.value,
        respondent: row.respondent,
        count: row.count,
      })}`,
    end: ']}',
  };
}

/** The export of `range` in `format`, streamed. */
export function nationalExportStream(
  database: Database,
  range: ReportRange,
  format: ExportFormat,
): Readable {
  return snapshotStream(database, async (write, trx) => {
    if (!(await write(format.start))) {
      return;
    }
    let first = true;
    for await (const rows of nationalRowBatches(trx, range)) {
      for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
        let text = '';
        for (const row of rows.slice(i, i + ROWS_PER_CHUNK)) {
          text += format.row(row, first);
          first = false;
        }
        if (!(await write(text))) {
          return;
        }
      }
    }
    await write(format.end);
  });
}

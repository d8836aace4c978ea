import {
  csvCell as baseCell,
  neutralizeFormula,
  RESPONSE_CSV_COLUMNS,
  responseCsvHeader,
  responseCsvLine,
} from '../../../core/csv';
import type { StoredResponse, SyncState } from '../../store/db';

/**
 * The export's two files, built a row at a time: a CSV for a spreadsheet and a JSON file that
 * keeps every field, for the day the network never comes back. Pure text; export-run.ts reads
 * the rows and sends the pieces.
 */

/** Unsent answers first: they are what the export is for. */
export const EXPORT_ORDER: readonly SyncState[] = ['pending', 'rejected', 'sent'];

/** The columns of core/csv.ts: the central API's CSV has the same header. */
export const EXPORT_CSV_COLUMNS = RESPONSE_CSV_COLUMNS;

/** The host takes pieces of up to 512 KiB; half that leaves room for any encoding overhead. */
export const MAX_PIECE_BYTES = 256 * 1024;

/** One cell of the export: text is guarded against formulas, as the central API's CSV is. */
export function csvCell(value: string | number | null | undefined): string {
  return baseCell(typeof value === 'string' ? neutralizeFormula(value) : value);
}

export function csvHeader(): string {
  return responseCsvHeader();
}

/**
 * A stored row as the one CSV row of core/csv.ts (flags space-separated); the terminal and
 * unit come from the export's meta, `receivedAt` is the server's and stays empty.
 */
export function csvRow(
  row: StoredResponse,
  meta: Pick<ExportMeta, 'terminalId' | 'unitId'>,
): string {
  return responseCsvLine({
    id: row.id,
    terminalId: meta.terminalId,
    unitId: meta.unitId,
    surveyId: row.surveyId,
    surveyVersion: row.surveyVersion,
    questionId: row.questionId,
    scale: row.scale,
    value: row.value,
    language: row.language,
    source: row.source,
    answeredAt: row.answeredAt,
    receivedAt: undefined,
    flags: Array.isArray(row.flags) ? row.flags : [],
    respondent: row.respondent,
    followUpQuestionId: row.followUp?.questionId,
    followUpValue: row.followUp?.value,
    comment: row.comment,
    syncState: row.syncState,
    syncedAt: row.syncedAt,
    rejectCode: row.rejectCode,
  });
}

export type ExportMeta = { exportedAt: string; terminalId: string | null; unitId: string | null };

/** The JSON file up to its first answer: `{ …, "answers": [`. */
export function jsonOpening(meta: ExportMeta): string {
  const head = JSON.stringify({
    exportedAt: meta.exportedAt,
    terminalId: meta.terminalId,
    unitId: meta.unitId,
  });
  return `${head.slice(0, -1)},"answers":[\n`;
}

/** One answer of the JSON file, the comma before it unless it is the first. */
export function jsonRow(row: StoredResponse, first: boolean): string {
  return `${first ? '' : ',\n'}${JSON.stringify(row)}`;
}

export function jsonClosing(): string {
  return '\n]}\n';
}

/** Bytes of `text` in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair: one four-byte character.
      bytes += 4;
      i += 1;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** Cuts `text` into slices of at most `maxBytes` each, never inside a character. */
function cut(text: string, maxBytes: number): string[] {
  const slices: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + width > maxBytes && i > start) {
      slices.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += width;
    i += pair ? 2 : 1;
  }
  if (start < text.length) {
    slices.push(text.slice(start));
  }
  return slices;
}

export type PieceBuffer = {
  /** Adds text; returns the pieces now full, ready to send. */
  add: (text: string) => string[];
  /** What is left, as a last piece, or null when nothing is. */
  flush: () => string | null;
};

/**
 * Gathers a file's text into pieces of at most `maxBytes`, breaking between the texts added
 * (whole rows) and inside one only when it is longer than a piece.
 */
export function createPieceBuffer(maxBytes: number = MAX_PIECE_BYTES): PieceBuffer {
  let parts: string[] = [];
  let bytes = 0;
  const take = (): string => {
    const piece = parts.join('');
    parts = [];
    bytes = 0;
    return piece;
  };
  return {
    add(text) {
      const ready: string[] = [];
      const size = utf8Length(text);
      if (bytes + size > maxBytes && bytes > 0) {
        ready.push(take());
      }
      if (size > maxBytes) {
        const slices = cut(text, maxBytes);
        const last = slices.pop() ?? '';
        ready.push(...slices);
        parts = [last];
        bytes = utf8Length(last);
      } else {
        parts.push(text);
        bytes += size;
      }
      return ready;
    },
    flush() {
      return bytes > 0 ? take() : null;
    },
  };
}

/** What the files hold, for the host's record (the factory reset's guard). */
export type ExportSummary = { answers: number; unsent: number; newestUnsentAt: string | null };

/** Counts the rows as they go into the files. */
export function createSummary(): { add(row: StoredResponse): void; result(): ExportSummary } {
  const summary: ExportSummary = { answers: 0, unsent: 0, newestUnsentAt: null };
  return {
    add(row) {
      summary.answers += 1;
      if (row.syncState === 'pending') {
        summary.unsent += 1;
        if (summary.newestUnsentAt === null || row.answeredAt > summary.newestUnsentAt) {
          summary.newestUnsentAt = row.answeredAt;
        }
      }
    },
    result: () => ({ ...summary }),
  };
}

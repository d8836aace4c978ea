import Dexie from 'dexie';
import type { Bridge, ExportFailureReason } from '../../../core';
import type { HymyDb, StoredResponse } from '../../store/db';
import {
  EXPORT_ORDER,
  MAX_PIECE_BYTES,
  createPieceBuffer,
  createSummary,
  csvHeader,
  csvRow,
  jsonClosing,
  jsonOpening,
  jsonRow,
  type ExportMeta,
  type ExportSummary,
  type PieceBuffer,
} from './export-files';

/** Rows read from the store per step. */
export const EXPORT_PAGE_ROWS = 1000;

export type ExportRunFailure =
  | ExportFailureReason
  | 'session_closed'
  /** The host did not answer (the connection to it dropped). */
  | 'no_answer'
  /** The local store could not be read. */
  | 'store_failed';

export type ExportRunResult =
  { ok: true; files: string[]; summary: ExportSummary } | { ok: false; reason: ExportRunFailure };

export type ExportProgress = { written: number; total: number };

export type ExportRunOptions = {
  bridge: Bridge;
  db: HymyDb;
  dir: string;
  meta: ExportMeta;
  onProgress?(progress: ExportProgress): void;
  pageRows?: number;
  maxPieceBytes?: number;
};

class Stop extends Error {
  constructor(readonly reason: ExportRunFailure) {
    super(reason);
  }
}

/**
 * The primary keys of each state's rows, oldest first, read before any row: each answer is then
 * written exactly once even while sync marks rows sent meanwhile (a row keeps its place, and the
 * state it has when read). Only keys, so 100,000 of them are a few megabytes.
 */
async function keysInOrder(db: HymyDb): Promise<string[]> {
  const keys: string[] = [];
  for (const state of EXPORT_ORDER) {
    const ids = await db.responses
      .where('[syncState+answeredAt]')
      .between([state, Dexie.minKey], [state, Dexie.maxKey])
      .primaryKeys();
    keys.push(...ids);
  }
  return keys;
}

/** The buffer's last piece, if any. */
function rest(buffer: PieceBuffer): string[] {
  const last = buffer.flush();
  return last === null ? [] : [last];
}

async function ask<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    throw new Stop('no_answer');
  }
}

async function readPage(db: HymyDb, ids: string[]): Promise<StoredResponse[]> {
  try {
    const rows = await db.responses.bulkGet(ids);
    // A sent row purged since its key was read is simply no longer there.
    return rows.filter((row): row is StoredResponse => row !== undefined);
  } catch {
    throw new Stop('store_failed');
  }
}

/**
 * Writes every local answer, unsent first, to a CSV and a JSON file in `dir` through the host:
 * open, the files in pieces, then close with what they hold (the host remembers it as the
 * factory reset's guard). Any failure stops the export and is returned as a reason.
 */
export async function runExport(options: ExportRunOptions): Promise<ExportRunResult> {
  const { bridge, db } = options;
  const pageRows = options.pageRows ?? EXPORT_PAGE_ROWS;
  try {
    let ids: string[];
    try {
      ids = await keysInOrder(db);
    } catch {
      throw new Stop('store_failed');
    }
    const opened = await ask(() => bridge.call('service:export-open', { dir: options.dir }));
    if (!opened.ok) {
      throw new Stop(opened.reason);
    }
    const { exportId } = opened;
    const send = async (file: 'csv' | 'json', pieces: readonly string[]): Promise<void> => {
      for (const text of pieces) {
        const sent = await ask(() =>
          bridge.call('service:export-append', { exportId, file, text }),
        );
        if (!sent.ok) {
          throw new Stop(sent.reason);
        }
      }
    };
    const csv = createPieceBuffer(options.maxPieceBytes ?? MAX_PIECE_BYTES);
    const json = createPieceBuffer(options.maxPieceBytes ?? MAX_PIECE_BYTES);
    const summary = createSummary();
    await send('csv', csv.add(csvHeader()));
    await send('json', json.add(jsonOpening(options.meta)));
    let written = 0;
    options.onProgress?.({ written, total: ids.length });
    for (let at = 0; at < ids.length; at += pageRows) {
      const rows = await readPage(db, ids.slice(at, at + pageRows));
      const csvReady: string[] = [];
      const jsonReady: string[] = [];
      for (const row of rows) {
        csvReady.push(...csv.add(csvRow(row, options.meta)));
        jsonReady.push(...json.add(jsonRow(row, written === 0)));
        summary.add(row);
        written += 1;
      }
      await send('csv', csvReady);
      await send('json', jsonReady);
      options.onProgress?.({ written, total: ids.length });
    }
    await send('csv', rest(csv));
    await send('json', [...json.add(jsonClosing()), ...rest(json)]);
    const result = summary.result();
    const closed = await ask(() =>
      bridge.call('service:export-close', { exportId, summary: result }),
    );
    if (!closed.ok) {
      throw new Stop(closed.reason);
    }
    return { ok: true, files: closed.files, summary: result };
  } catch (error) {
    if (error instanceof Stop) {
      return { ok: false, reason: error.reason };
    }
    throw error;
  }
}

/**
 * One SQLite connection in a worker thread (sqlite-worker-pool.ts). better-sqlite3 is
 * synchronous: what runs here (a report's read-only connection) leaves the main thread free for
 * requests, and WAL lets readers and the writer go at once. Plain JavaScript on purpose: it
 * loads the same way under tsx, vitest and node alone.
 *
 * workerData: {file, readonly, pragmas}. In: {id, sql, parameters}.
 * Out: {id, rows, changes} or {id, error: {message, code}}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const MAX_CACHED = 256;
let db;
try {
  db = new Database(workerData.file, { readonly: workerData.readonly, fileMustExist: true });
  for (const pragma of workerData.pragmas) {
    db.pragma(pragma);
  }
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: describe(error) });
}

/** Kysely makes the same text for the same kind of query: prepare each text once. */
const statements = new Map();
function prepare(sql) {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    if (statements.size >= MAX_CACHED) {
      statements.delete(statements.keys().next().value);
    }
    statements.set(sql, statement);
  }
  return statement;
}

function describe(error) {
  return {
    message: error instanceof Error ? error.message : String(error),
    code: typeof error?.code === 'string' ? error.code : undefined,
  };
}

parentPort.on('message', (message) => {
  const { id, sql, parameters } = message;
  try {
    const statement = prepare(sql);
    if (statement.reader) {
      parentPort.postMessage({ id, rows: statement.all(parameters) });
    } else {
      // BEGIN, COMMIT, ROLLBACK, and writes without RETURNING.
      const { changes } = statement.run(parameters);
      parentPort.postMessage({ id, rows: [], changes });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: describe(error) });
  }
});

import BetterSqlite3 from 'better-sqlite3';
import {
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import { localMidnightMs } from '../../core/local-time';
import { MIGRATIONS } from './migrations';

/**
 * The embedded default: one SQLite file in the data dir. WAL lets reports read while uploads
 * write; synchronous=FULL makes an upload's `accepted` a promise that survives a power cut, not
 * just a crash.
 */

export type SqliteHandle = BetterSqlite3.Database;

export const DB_FILE = 'central.sqlite';

/** What each connection that writes relies on. */
export const WRITER_PRAGMAS = [
  'synchronous = FULL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  // 64 MiB of page cache (SQLite's default is 2 MiB): a county's id index alone is hundreds
  // of MiB, and each upload touches its newest pages and the rollups' hot ones.
  'cache_size = -65536',
  // The server checkpoints in a worker thread (sqlite-checkpointer.ts); the writer does it
  // itself only when the WAL reaches 32 MiB (SQLite's default is 4 MiB), should that fall behind.
  'wal_autocheckpoint = 8192',
  // A WAL that grew (a long report kept it from restarting) is cut back to 64 MiB once it can be.
  'journal_size_limit = 67108864',
  // A deleted row's bytes are zeroed on its page (FAST: only where the page is written anyway):
  // a sealed contact deleted after 30 days, or a session, leaves nothing in the file.
  'secure_delete = FAST',
];

/** What each report's read-only connection relies on. */
export const READER_PRAGMAS = [
  'busy_timeout = 5000',
  // 32 MiB of page cache each: the rollups a year's report reads.
  'cache_size = -32768',
];

/**
 * What a migration needs that SQLite lacks: the first instant of a local date in a time zone
 * (core/local-time.ts), for filling a rollup keyed by local buckets from another.
 */
function addMigrationFunctions(db: SqliteHandle): void {
  db.function('hymy_local_midnight_ms', { deterministic: true }, (date, timeZone) =>
    localMidnightMs(String(date), String(timeZone)),
  );
}

/** Brings the schema up to `target` (the newest by default; tests build older databases). */
export function migrateSqlite(db: SqliteHandle, target = MIGRATIONS.length): void {
  addMigrationFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database has schema version ${current}; this server knows versions up to ${MIGRATIONS.length}`,
    );
  }
  for (let version = current; version < target; version += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!.sqlite);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Opens (or makes) the file with the pragmas the server relies on, at the newest schema. */
export function openSqliteFile(file: string): SqliteHandle {
  const db = new BetterSqlite3(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
    }
    for (const pragma of WRITER_PRAGMAS) {
      db.pragma(pragma);
    }
    migrateSqlite(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const MAX_CACHED = 256;

/**
 * The handle as Kysely's SQLite dialect sees it, with each statement text prepared once: Kysely
 * makes the same text for the same kind of query, and preparing is most of a small query's cost.
 * Kysely runs one query at a time on this connection, so a cached statement is never in use twice.
 */
export function cachingSqlite(db: SqliteHandle): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        const oldest = statements.keys().next();
        if (statements.size >= MAX_CACHED && oldest.done !== true) {
          statements.delete(oldest.value);
        }
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Kysely's SQLite driver, telling `afterCommit` of each transaction it committed. */
class NotifyingSqliteDriver extends SqliteDriver {
  constructor(
    database: SqliteDatabase,
    private readonly afterCommit: () => void,
  ) {
    super({ database });
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.afterCommit();
  }
}

/** Kysely's SQLite dialect over `database`; `afterCommit` runs after each committed transaction. */
export function sqliteDialect(database: SqliteDatabase, afterCommit?: () => void): SqliteDialect {
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return afterCommit === undefined
        ? super.createDriver()
        : new NotifyingSqliteDriver(database, afterCommit);
    }
  })({ database });
}

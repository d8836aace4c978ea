import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { migratePostgres, postgresPool, redactedUrl } from './postgres';
import type { Schema } from './schema';
import {
  cachingSqlite,
  openSqliteFile,
  READER_PRAGMAS,
  sqliteDialect,
  type SqliteHandle,
} from './sqlite';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer';
import { sqliteWorkerDialect } from './sqlite-worker-pool';

/**
 * The server's store: one typed query layer (Kysely) over the embedded SQLite file or
 * PostgreSQL. `db` writes (and answers the ingest path's small reads); `read` runs reports off
 * that path: read-only SQLite connections in worker threads, or a pool of its own on PostgreSQL.
 */

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export type Engine = DatabaseConfig['kind'];

export type Database = {
  engine: Engine;
  db: Kysely<Schema>;
  read: Kysely<Schema>;
  /** What the logs may say about where the data is (no password). */
  where: string;
  /** SQLite's own handle (tests fill its disk); undefined on PostgreSQL. */
  sqlite: SqliteHandle | undefined;
  /** SQLite's background checkpoints, when on; undefined on PostgreSQL. */
  checkpointer: Checkpointer | undefined;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** Report connections: SQLite read workers, or the PostgreSQL read pool's size. Default 2 / 4. */
  readConnections?: number;
  /**
   * SQLite: checkpoint the WAL in a worker thread after each commit (default true; a one-off
   * command such as `rollups rebuild` leaves it to the writer).
   */
  checkpointer?: boolean;
  /** SQLite: a checkpoint in the worker failed (the writer will do it later). */
  onCheckpointError?: (error: Error) => void;
  /** The PostgreSQL write pool's size. Default 10. */
  writeConnections?: number;
  /** An idle pooled PostgreSQL connection that fails (the server restarted, say). */
  onIdleError?: (error: Error) => void;
};

export async function openDatabase(
  config: DatabaseConfig,
  options: DatabaseOptions = {},
): Promise<Database> {
  return config.kind === 'sqlite'
    ? openSqlite(config.file, options)
    : openPostgres(config.url, options);
}

async function openSqlite(file: string, options: DatabaseOptions): Promise<Database> {
  const handle = openSqliteFile(file);
  let checkpointer: Checkpointer | undefined;
  try {
    if (options.checkpointer !== false) {
      checkpointer = await startCheckpointer(file, (error) => options.onCheckpointError?.(error));
    }
  } catch (error) {
    handle.close();
    throw error;
  }
  const db = new Kysely<Schema>({
    dialect: sqliteDialect(cachingSqlite(handle), checkpointer && (() => checkpointer.nudge())),
  });
  let read: Kysely<Schema>;
  try {
    read = new Kysely<Schema>({
      dialect: sqliteWorkerDialect({
        file,
        size: options.readConnections ?? 2,
        readonly: true,
        pragmas: READER_PRAGMAS,
      }),
    });
    // Kysely starts a driver on first use; start the workers now so a bad file fails here.
    await read.connection().execute(() => Promise.resolve());
  } catch (error) {
    await checkpointer?.close();
    await db.destroy();
    throw error;
  }
  return {
    engine: 'sqlite',
    db,
    read,
    where: file,
    sqlite: handle,
    checkpointer,
    close: async () => {
      // The writer closes last: as the file's last connection it checkpoints the rest and
      // removes the WAL.
      await checkpointer?.close();
      await read.destroy();
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const writePool = postgresPool(url, options.writeConnections ?? 10);
  const readPool = postgresPool(url, options.readConnections ?? 4);
  const onIdleError = (error: Error) => options.onIdleError?.(error);
  const pools: pg.Pool[] = [writePool, readPool];
  for (const pool of pools) {
    // Without a listener an idle connection's error would end the process.
    pool.on('error', onIdleError);
    // So would a checked-out one's: pg's client emits 'error' when its connection is cut even
    // while a query is running (and rejects that query too), and the pool listens only to idle
    // clients. A database restarting under an alert's update or a report must cost that work,
    // not the server.
    pool.on('connect', (client) => {
      client.on('error', onIdleError);
    });
  }
  try {
    await migratePostgres(writePool);
  } catch (error) {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: writePool }) });
  const read = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: readPool }) });
  return {
    engine: 'postgres',
    db,
    read,
    where: redactedUrl(url),
    sqlite: undefined,
    checkpointer: undefined,
    close: async () => {
      await read.destroy();
      await db.destroy();
    },
  };
}

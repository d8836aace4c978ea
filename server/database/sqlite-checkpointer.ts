import { Kysely, sql } from 'kysely';
import { sqliteWorkerDialect } from './sqlite-worker-pool';

/**
 * Moves SQLite's WAL checkpoints off the ingest path. A checkpoint copies the pages that commits
 * appended to the WAL back into the database file and syncs it; left to the writer
 * (`wal_autocheckpoint`) it runs inside whichever upload's COMMIT crosses the threshold, on the
 * main thread. Here a connection in a worker thread of its own runs a PASSIVE checkpoint after
 * each commit it is told of (one at a time: commits that arrive meanwhile are served by one more
 * run), which neither waits for nor blocks the writer and readers. The writer keeps a high
 * `wal_autocheckpoint` as a backstop: should this connection fall behind or fail, the writer
 * checkpoints as before, only less often.
 */

export type Checkpointer = {
  /** A transaction committed: checkpoint soon. Never throws, never waits. */
  nudge(): void;
  /** Resolves when no checkpoint is running or asked for (tests, and closing). */
  settled(): Promise<void>;
  close(): Promise<void>;
};

export async function startCheckpointer(
  file: string,
  onError: (error: Error) => void,
): Promise<Checkpointer> {
  const connection = new Kysely<Record<string, never>>({
    dialect: sqliteWorkerDialect({
      file,
      size: 1,
      readonly: false,
      // A checkpoint that finds another one running is skipped, not waited for: the next
      // commit asks again.
      pragmas: ['busy_timeout = 0', 'synchronous = FULL'],
    }),
  });
  try {
    await connection.connection().execute(() => Promise.resolve());
  } catch (error) {
    await connection.destroy();
    throw error;
  }
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const checkpoint = async (): Promise<void> => {
    do {
      again = false;
      try {
        await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(connection);
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') {
          onError(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } while (again && !closed);
    running = undefined;
  };

  return {
    nudge() {
      if (closed) {
        return;
      }
      if (running) {
        again = true;
      } else {
        running = checkpoint();
      }
    },
    async settled() {
      while (running) {
        await running;
      }
    },
    async close() {
      closed = true;
      await running;
      await connection.destroy();
    },
  };
}

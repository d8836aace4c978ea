import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * A Kysely dialect whose connections are SQLite connections in worker threads
 * (sqlite-worker.mjs). better-sqlite3 is synchronous: a report run on the main thread would
 * stop every upload for its whole length. The server's reports read through a pool of these.
 *
 * Its one writing connection stays on the main thread (database/index.ts). Measured at 10M
 * stored with 16 clients (2026-12-03), the writer in a worker of its own stored 11.1–15.3k
 * answers/s against 16.7–16.9k on the main thread: each statement's trip to the worker and back
 * cost more than running it beside the requests gained. Under that load a report waits for the
 * main thread (p50 1.8–2.2 s, 31–36 ms with the writer in a worker); a county's real uploads
 * (a few answers a second) leave the main thread nearly idle.
 */

const WORKER_FILE = new URL('./sqlite-worker.mjs', import.meta.url);

export type SqliteWorkerOptions = {
  file: string;
  /** Connections (each a worker thread). */
  size: number;
  readonly: boolean;
  /** Run on each connection as it opens (`busy_timeout = 5000`, say). */
  pragmas: readonly string[];
};

type Reply =
  | { id: number; rows: unknown[]; changes?: number }
  | { id: number; error: { message: string; code?: string } };

/** An error from the worker, with SQLite's code kept (SQLITE_BUSY, say) for the error map. */
function workerError(error: { message: string; code?: string | undefined }): Error {
  return Object.assign(new Error(error.message), { code: error.code ?? 'SQLITE_WORKER_FAILED' });
}

class WorkerConnection implements DatabaseConnection {
  #worker: Worker;
  #next = 1;
  #pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  #failure: Error | undefined;

  constructor(
    worker: Worker,
    private readonly onExit: (connection: WorkerConnection) => void,
  ) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => {
      const waiter = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.#failure = Object.assign(new Error(`the SQLite worker stopped: ${error.message}`), {
        code: 'SQLITE_WORKER_EXITED',
      });
      for (const waiter of this.#pending.values()) {
        waiter.reject(this.#failure);
      }
      this.#pending.clear();
      this.onExit(this);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  }

  get broken(): boolean {
    return this.#failure !== undefined;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#failure) {
      throw this.#failure;
    }
    const id = this.#next++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, sql: compiled.sql, parameters: compiled.parameters });
    });
    if ('error' in reply) {
      throw workerError(reply.error);
    }
    return {
      rows: reply.rows as R[],
      ...(reply.changes === undefined ? {} : { numAffectedRows: BigInt(reply.changes) }),
    };
  }

  // Rows come whole (pages, not streams).
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite workers do not stream: read a page at a time');
  }

  terminate(): Promise<number> {
    return this.#worker.terminate();
  }
}

function startWorker(options: SqliteWorkerOptions): Promise<Worker> {
  const { file, readonly, pragmas } = options;
  const worker = new Worker(WORKER_FILE, { workerData: { file, readonly, pragmas } });
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    worker.once('error', onError);
    worker.once('message', (message: { ready: boolean; error?: { message: string } }) => {
      worker.off('error', onError);
      if (message.ready) {
        resolve(worker);
      } else {
        void worker.terminate();
        reject(workerError(message.error ?? { message: 'the SQLite worker could not open' }));
      }
    });
  });
}

class WorkerPoolDriver implements Driver {
  #free: WorkerConnection[] = [];
  #all = new Set<WorkerConnection>();
  #waiting: ((connection: WorkerConnection) => void)[] = [];
  #closed = false;

  constructor(private readonly options: SqliteWorkerOptions) {}

  async init(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.size }, () => this.#spawn()));
  }

  async #spawn(): Promise<void> {
    const worker = await startWorker(this.options);
    const connection = new WorkerConnection(worker, (gone) => this.#replace(gone));
    this.#all.add(connection);
    this.#release(connection);
  }

  /** A worker that died is replaced, so one crash does not shrink the pool for good. */
  #replace(gone: WorkerConnection): void {
    if (!this.#all.delete(gone)) {
      return;
    }
    this.#free = this.#free.filter((c) => c !== gone);
    if (!this.#closed) {
      this.#spawn().catch(() => undefined);
    }
  }

  #release(connection: WorkerConnection): void {
    if (connection.broken) {
      return;
    }
    const waiter = this.#waiting.shift();
    if (waiter) {
      waiter(connection);
    } else {
      this.#free.push(connection);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#closed) {
      throw new Error('the SQLite connections are closed');
    }
    const free = this.#free.pop();
    return free ?? new Promise((resolve) => this.#waiting.push(resolve));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#release(connection as WorkerConnection);
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    this.#closed = true;
    const all = [...this.#all];
    this.#all.clear();
    this.#free = [];
    await Promise.all(all.map((connection) => connection.terminate()));
  }
}

/** Kysely over `size` connections to `file`, each in its own worker thread. */
export function sqliteWorkerDialect(options: SqliteWorkerOptions): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new WorkerPoolDriver(options),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  };
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnrollmentCodeAnswer, EnrollmentCodeRequest } from '../core/central-api';
import { ADMIN_TOKEN_FILE, resolveAdminToken, type AdminTokenSource } from './admin-token';
import { buildApp } from './app';
import type { ServerContext } from './context';
import { DB_FILE, openDatabase, type Db } from './db';
import { createEnrollmentCode } from './enrollment';
import type { Failure } from './errors';
import { createLogger, type Logger } from './log';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits';
import { createStores } from './store';
import { tokenHash } from './token';

export const DEFAULT_PORT = 8790;
export const DEFAULT_HOST = '127.0.0.1';
/** In-flight requests get this long to finish on close before their sockets are cut. */
const CLOSE_GRACE_MS = 10_000;

export type CentralServerOptions = {
  /** Where central.sqlite (and a generated admin-token) live; made if missing. */
  dataDir: string;
  /** 0 picks a free port. Default 8790. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Else HYMY_ADMIN_TOKEN, else DIR/admin-token (made on first start). */
  adminToken?: string;
  /** Any part left out keeps its default (DEFAULT_RATE_LIMITS). */
  rateLimits?: Partial<RateLimits>;
  trustProxy?: boolean;
  logger?: Logger;
  /** The server's clock (tests). */
  now?: () => Date;
  /** Where HYMY_ADMIN_TOKEN is read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Tests: the server's own connection, once open (to let its disk run full, say). */
  onDatabaseOpen?: (db: Db) => void;
};

export type CentralServer = {
  /** `http://HOST:PORT`, no trailing slash. */
  url: string;
  port: number;
  adminToken: string;
  /** Where the admin token came from; `file` and `generated` mean `adminTokenFile`. */
  adminTokenSource: AdminTokenSource;
  adminTokenFile: string;
  /** Makes an enrollment code without HTTP (the body of POST /v1/admin/enrollment-codes). */
  createEnrollmentCode(
    request: EnrollmentCodeRequest,
  ): { ok: true; value: EnrollmentCodeAnswer } | { ok: false; failure: Failure };
  /** Stops accepting, lets requests in flight finish, closes the database. Safe to repeat. */
  close(): Promise<void>;
};

function urlOf(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** The reference central API of central-api.md: fastify over one SQLite file, listening. */
export async function startCentralServer(options: CentralServerOptions): Promise<CentralServer> {
  const logger = (options.logger ?? createLogger()).with({ room: 'central' });
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const admin = await resolveAdminToken({
    dataDir: options.dataDir,
    given: options.adminToken,
    env: (options.env ?? process.env)['HYMY_ADMIN_TOKEN'],
    logger,
  });
  const dbFile = join(options.dataDir, DB_FILE);
  // Made empty with mode 0600 before SQLite opens it (its -wal and -shm files follow the
  // database's mode): answers' comments and token hashes are for the server's user only.
  await writeFile(dbFile, '', { flag: 'a', mode: 0o600 });
  const db = openDatabase(dbFile);
  const ctx: ServerContext = {
    db,
    stores: createStores(db),
    logger,
    now: options.now ?? (() => new Date()),
    adminTokenHash: tokenHash(admin.token),
  };
  let closing = false;
  let app;
  try {
    options.onDatabaseOpen?.(db);
    app = await buildApp(ctx, {
      rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
      trustProxy: options.trustProxy ?? false,
      isClosing: () => closing,
    });
    app.addHook('onClose', (_instance, done) => {
      db.close();
      done();
    });
    await app.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST });
  } catch (error) {
    await app?.close().catch(() => undefined);
    if (db.open) {
      db.close();
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const host = options.host ?? DEFAULT_HOST;
  const url = urlOf(host, port);
  logger.info('central_listening', { url, adminTokenFrom: admin.source });

  const listening = app;
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    adminToken: admin.token,
    adminTokenSource: admin.source,
    adminTokenFile: join(options.dataDir, ADMIN_TOKEN_FILE),
    createEnrollmentCode: (request) => createEnrollmentCode(ctx, request),
    close: () => {
      closed ??= (async () => {
        closing = true;
        logger.info('central_closing');
        const force = setTimeout(() => listening.server.closeAllConnections(), CLOSE_GRACE_MS);
        try {
          await listening.close();
        } finally {
          clearTimeout(force);
        }
        logger.info('central_closed');
      })();
      return closed;
    },
  };
}

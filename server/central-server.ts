import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnrollmentCodeAnswer, EnrollmentCodeRequest } from '../core/central-api';
import type { Timers } from '../core/timers';
import { ADMIN_TOKEN_FILE, resolveAdminToken, type AdminTokenSource } from './admin-token';
import { createOidcLogin, type OidcSettings } from './accounts/oidc';
import { createAlertMonitor } from './alerts/monitor';
import { buildApp } from './app';
import { contactKeyPath, loadContactKey } from './contact-key';
import { serverContext } from './context';
import { openDatabase, type Database, type DatabaseConfig } from './database';
import { redactedUrl } from './database/postgres';
import { DB_FILE } from './database/sqlite';
import { createEnrollmentCode } from './enrollment';
import { startContactExpiry } from './feedback/contact-expiry';
import type { Failure } from './errors';
import { createLogger, errorCode, type Logger } from './log';
import { createMailService } from './mail/mail-service';
import { createPdfRenderer } from './pdf/pdf-renderer';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits';
import { realTimers } from '../node/real-timers';
import { ensureRollups } from './rollups';
import { tokenHash } from './token';

export const DEFAULT_PORT = 8790;
export const DEFAULT_HOST = '127.0.0.1';
/** In-flight requests get this long to finish on close before their sockets are cut. */
const CLOSE_GRACE_MS = 10_000;

export type CentralServerOptions = {
  /** Where central.sqlite (and a generated admin-token) live; made if missing. */
  dataDir: string;
  /**
   * `postgres://…` runs the server on PostgreSQL instead of DIR/central.sqlite (else
   * HYMY_DATABASE_URL; else SQLite).
   */
  databaseUrl?: string | undefined;
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
  /** Where HYMY_ADMIN_TOKEN and HYMY_DATABASE_URL are read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Tests: the server's own database, once open (to let its disk run full, say). */
  onDatabaseOpen?: (database: Database) => void;
  /**
   * Login through the county's OpenID Connect provider (`--oidc-issuer` …): a login whose
   * verified e-mail is an account's opens a session for it. Discovered at start, without
   * waiting: a provider that cannot be reached then is asked again at the next login.
   */
  oidc?: OidcSettings | undefined;
  /**
   * The county's contact key file (`npm run server -- keys`); else DIR/contact-key when it
   * exists. A file that is malformed or readable by others stops the start (ContactKeyError).
   */
  contactKeyFile?: string | undefined;
  /** `smtp://HOST:PORT` (`--smtp`): alerts and the 07:00 digests are mailed; none without. */
  smtpUrl?: string | undefined;
  /** The mails' From (`--mail-from`); hymy@localhost by default. */
  mailFrom?: string | undefined;
  /** What the mail's schedules wait with (tests: a manual clock, with `now` from it). */
  timers?: Timers;
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
  ): Promise<{ ok: true; value: EnrollmentCodeAnswer } | { ok: false; failure: Failure }>;
  /** Which engine holds the data, and where (no password). */
  database: { engine: Database['engine']; where: string };
  /** Stops accepting, lets requests in flight finish, closes the database. Safe to repeat. */
  close(): Promise<void>;
};

function urlOf(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** The URL given, else HYMY_DATABASE_URL, else DIR/central.sqlite (made 0600 first). */
async function databaseConfig(options: CentralServerOptions): Promise<DatabaseConfig> {
  const url = options.databaseUrl ?? (options.env ?? process.env)['HYMY_DATABASE_URL'];
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw Object.assign(
        new Error(`the database URL must start with postgres:// (got ${redactedUrl(url)})`),
        { code: 'BAD_DATABASE_URL' },
      );
    }
    return { kind: 'postgres', url };
  }
  const file = join(options.dataDir, DB_FILE);
  // Made empty with mode 0600 before SQLite opens it (its -wal and -shm files follow the
  // database's mode): answers' comments and token hashes are for the server's user only.
  await writeFile(file, '', { flag: 'a', mode: 0o600 });
  return { kind: 'sqlite', file };
}

/** The reference central API of central-api.md: fastify over SQLite or PostgreSQL, listening. */
export async function startCentralServer(options: CentralServerOptions): Promise<CentralServer> {
  const logger = (options.logger ?? createLogger()).with({ room: 'central' });
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const admin = await resolveAdminToken({
    dataDir: options.dataDir,
    given: options.adminToken,
    env: (options.env ?? process.env)['HYMY_ADMIN_TOKEN'],
    logger,
  });
  // Before the database: a refused key stops the start with nothing opened.
  const contactKey = await loadContactKey(
    contactKeyPath(options.dataDir, options.contactKeyFile),
    options.contactKeyFile !== undefined,
  );
  const config = await databaseConfig(options);
  const database = await openDatabase(config, {
    onIdleError: (error) => logger.warn('database_connection_lost', { error: errorCode(error) }),
    onCheckpointError: (error) =>
      logger.warn('database_checkpoint_failed', { error: errorCode(error) }),
  });
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  // One Chromium for the PDFs (the routes' and the monthly mails'), started at the first one.
  const pdf = createPdfRenderer({ logger });
  const mail = createMailService(
    { database, now, timers, logger },
    { smtpUrl: options.smtpUrl, from: options.mailFrom },
  );
  const alerts = createAlertMonitor({
    database,
    logger,
    now,
    alertOpened: mail.alertOpened,
    committed: mail.queued,
  });
  const ctx = serverContext(database, {
    logger,
    now,
    adminTokenHash: tokenHash(admin.token),
    contactKey,
    answersStored: alerts.answersStored,
    mailStatus: mail.status,
    pdf,
  });
  const oidcLogin = options.oidc && createOidcLogin(options.oidc, logger);
  let closing = false;
  let app;
  try {
    await ensureRollups(database, logger);
    options.onDatabaseOpen?.(database);
    app = await buildApp(ctx, {
      oidc: oidcLogin && { login: oidcLogin, redirectBase: options.oidc?.redirectBase },
      rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
      trustProxy: options.trustProxy ?? false,
      isClosing: () => closing,
    });
    // Sealed contacts past their 30 days go at start, before any request, then every hour.
    const contactExpiry = startContactExpiry(database, { now: ctx.now, logger, timers });
    app.addHook('onClose', async () => {
      await contactExpiry.stop();
      await alerts.idle();
      await mail.stop();
      await pdf.close();
      await database.close();
    });
    await contactExpiry.run();
    await app.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST });
  } catch (error) {
    if (app) {
      await app.close().catch(() => undefined);
    } else {
      await database.close().catch(() => undefined);
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const host = options.host ?? DEFAULT_HOST;
  const url = urlOf(host, port);
  logger.info('central_listening', {
    url,
    adminTokenFrom: admin.source,
    engine: database.engine,
    database: database.where,
    oidcIssuer: options.oidc?.issuer ?? null,
  });
  oidcLogin?.discoverSoon();
  // The mails' links lead to the dashboard at the server's public origin.
  mail.start(options.oidc?.redirectBase ?? url, ctx);

  const listening = app;
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    adminToken: admin.token,
    adminTokenSource: admin.source,
    adminTokenFile: join(options.dataDir, ADMIN_TOKEN_FILE),
    createEnrollmentCode: (request) => createEnrollmentCode(ctx, request),
    database: { engine: database.engine, where: database.where },
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

import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, startCentralServer } from './central-server';
import { failedUnexpectedly, parsePort, say } from '../node/cli';
import { chosenDatabaseUrl, databaseUrlProblem, openExistingDatabase } from './cli-database';
import { oidcSettings } from './accounts/oidc-settings';
import { contactKeyPath, ContactKeyError, writeNewContactKey } from './contact-key';
import { createLogger, errorCode } from './log';
import { DEFAULT_MAIL_FROM } from './mail/mail-service';
import { smtpUrlProblem } from './mail/sender';
import { rebuildRollups } from './rollups';

const USAGE = `Usage: npm run server -- --data-dir DIR [--database URL] [--port P] [--host H]
                         [--admin-token T]
                         [--oidc-issuer URL --oidc-client-id ID --oidc-client-secret-file F]
                         [--contact-key FILE]
                         [--smtp smtp://HOST:PORT [--mail-from ADDRESS]]
       npm run server -- rollups rebuild --data-dir DIR [--database URL]
       npm run server -- keys --data-dir DIR [--contact-key FILE]

The reference central API (central-api.md, central-reports.md) over one SQLite file in DIR, or
over PostgreSQL 15+. Prints "central api ready <url>" on stdout once it accepts connections;
SIGTERM or SIGINT stop it after the requests in flight.

"rollups rebuild" recomputes the counts reports read from the stored answers (one transaction:
uploads wait meanwhile) and prints "rollups rebuilt <answers> answers in <seconds> s".

"keys" makes the county's key pair for contact requests: the private key goes into
DIR/contact-key (or FILE; mode 0600; an existing key is never replaced, exit 2), and the public
key, for every terminal config that enables contact, is printed as the last line (base64).

  --data-dir DIR     where central.sqlite (and the admin token) live (made if missing; required)
  --database URL     postgres://USER@HOST:PORT/DB runs on PostgreSQL instead of SQLite; else
                     HYMY_DATABASE_URL. Keep a password out of the URL: PGPASSWORD or ~/.pgpass
  --port P           the port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H           the address to listen on (default ${DEFAULT_HOST}, loopback only)
  --admin-token T    the admin calls' bearer token; else HYMY_ADMIN_TOKEN; else DIR/admin-token,
                     made with a random token (mode 0600) on first start
  --oidc-issuer URL  login through the county's OpenID Connect provider (https; else
                     HYMY_OIDC_ISSUER): a verified e-mail that is an account's signs it in.
                     Needs all three of the issuer, the client id and the client secret
  --oidc-client-id ID          the server's client id at the provider (else HYMY_OIDC_CLIENT_ID)
  --oidc-client-secret-file F  a file holding the client secret; or HYMY_OIDC_CLIENT_SECRET.
                     (--oidc-client-secret S works too, but shows the secret to \`ps\`)
  --oidc-redirect-base URL     the server's public origin (https://HOST) behind a proxy; the
                     provider must know URL/v1/session/oidc/callback as a redirect URI
  --contact-key FILE the county's contact key (from "keys"), to open contact requests; else
                     DIR/contact-key when it exists. Refused (exit 2) when it is malformed or
                     readable by anyone but its owner
  --smtp URL         smtp://HOST:PORT (or smtps://, user:password@ allowed; else HYMY_SMTP_URL):
                     alerts as they open, and a digest at 07:00 Helsinki time, are mailed to
                     the units' accounts. Without it no mail is made
  --mail-from ADDRESS  the mails' sender (default ${DEFAULT_MAIL_FROM})
  --help             show this text

Environment: HYMY_ADMIN_TOKEN, HYMY_DATABASE_URL, PGPASSWORD, HYMY_OIDC_ISSUER, HYMY_OIDC_CLIENT_ID,
HYMY_OIDC_CLIENT_SECRET, HYMY_SMTP_URL, HYMY_LOG_LEVEL (debug, info, warn or error; the log is JSON
lines on stderr).
`;

function usageError(problem: string): never {
  say(problem);
  process.stderr.write(USAGE);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        database: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'admin-token': { type: 'string' },
        'oidc-issuer': { type: 'string' },
        'oidc-client-id': { type: 'string' },
        'oidc-client-secret': { type: 'string' },
        'oidc-client-secret-file': { type: 'string' },
        'oidc-redirect-base': { type: 'string' },
        'contact-key': { type: 'string' },
        smtp: { type: 'string' },
        'mail-from': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    usageError(error instanceof Error ? error.message : 'bad arguments');
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const dataDir = values['data-dir'];
  if (dataDir === undefined || dataDir === '') {
    usageError('--data-dir is required');
  }
  const port = values.port === undefined ? DEFAULT_PORT : parsePort(values.port);
  if (port === null) {
    usageError(`--port must be a number from 0 to 65535, not "${values.port ?? ''}"`);
  }
  if (values['admin-token'] === '') {
    usageError('--admin-token must not be empty');
  }
  const databaseUrl = chosenDatabaseUrl(values.database);
  const urlProblem = databaseUrlProblem(databaseUrl);
  if (urlProblem !== undefined) {
    usageError(urlProblem);
  }
  if (values['contact-key'] === '') {
    usageError('--contact-key must not be empty');
  }
  const contactKeyFile = values['contact-key'] && resolve(values['contact-key']);
  const smtpUrl = values.smtp ?? process.env['HYMY_SMTP_URL'];
  const smtpProblem = smtpUrl === undefined ? undefined : smtpUrlProblem(smtpUrl);
  if (smtpProblem !== undefined) {
    usageError(smtpProblem);
  }
  if (values['mail-from'] !== undefined && !/^[^\s@<>]+@[^\s@<>]+$/.test(values['mail-from'])) {
    usageError('--mail-from must be an e-mail address');
  }
  if (positionals.join(' ') === 'keys') {
    await makeKeys(resolve(dataDir), contactKeyFile);
    return;
  }
  if (positionals.length > 0) {
    if (positionals.join(' ') !== 'rollups rebuild') {
      usageError(
        `unknown command "${positionals.join(' ')}" (the commands are "rollups rebuild" and "keys")`,
      );
    }
    await rebuild(resolve(dataDir), databaseUrl);
    return;
  }
  const oidc = oidcSettings({
    issuer: values['oidc-issuer'],
    clientId: values['oidc-client-id'],
    clientSecret: values['oidc-client-secret'],
    clientSecretFile: values['oidc-client-secret-file'],
    redirectBase: values['oidc-redirect-base'],
  });
  if (!oidc.ok) {
    usageError(oidc.problem);
  }

  const logger = createLogger();
  let server;
  try {
    server = await startCentralServer({
      dataDir: resolve(dataDir),
      port,
      host: values.host ?? DEFAULT_HOST,
      adminToken: values['admin-token'],
      databaseUrl,
      logger,
      oidc: oidc.settings,
      contactKeyFile,
      smtpUrl,
      mailFrom: values['mail-from'],
    });
  } catch (error) {
    if (error instanceof ContactKeyError) {
      say(error.message);
      process.exit(2);
    }
    const code = errorCode(error);
    say(
      code === 'EADDRINUSE'
        ? `port ${port} is already in use (--port 0 picks a free one)`
        : code === 'ECONNREFUSED' || code === '28P01' || code === '3D000'
          ? `the database could not be reached (${code}): is PostgreSQL running, and the URL right?`
          : `the central API could not start (${code})`,
    );
    process.exit(1);
  }
  // Handlers first: whoever reads the ready line may signal at once.
  const running = server;
  const stop = (signal: string): void => {
    logger.info('central_signal', { signal });
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('central_close_failed', { error: errorCode(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  if (server.adminTokenSource === 'generated' || server.adminTokenSource === 'file') {
    say(`the admin token is in ${server.adminTokenFile} (readable by its owner only)`);
  }
  process.stdout.write(`central api ready ${server.url}\n`);
}

/** `keys`: the county's contact key pair; the public key is the last line of stdout. */
async function makeKeys(dataDir: string, file: string | undefined): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = contactKeyPath(dataDir, file);
  const made = await writeNewContactKey(path);
  if (!made.ok) {
    say(made.problem);
    process.exit(2);
  }
  process.stdout.write(
    `contact key written to ${path} (mode 0600; keep it secret, and back it up)\n` +
      'the public key, for the terminal configs that enable contact:\n' +
      `${made.publicKeyBase64}\n`,
  );
}

/** `rollups rebuild`: the counts reports read, recomputed from the answers. */
async function rebuild(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const database = await openExistingDatabase(dataDir, databaseUrl);
  try {
    const result = await rebuildRollups(database);
    process.stdout.write(
      `rollups rebuilt ${result.answers} answers in ${(result.ms / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch(failedUnexpectedly('server'));

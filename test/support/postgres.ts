/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp dir, a server on a free loopback
 * port with trust auth (no password exists anywhere), stopped and deleted after. Never real data.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export type PostgresCluster = {
  port: number;
  host: '127.0.0.1';
  /** `postgres://postgres@127.0.0.1:PORT/DB`, database `postgres` by default. */
  url(database?: string): string;
  /** A new empty database with a unique name (`prefix_` + random); resolves to its url. */
  createDatabase(prefix?: string): Promise<string>;
  /** Drops the database of `url`, closing any connection still open to it. */
  dropDatabase(url: string): Promise<void>;
  /** Fast shutdown, then the temp dir is deleted. Safe to call twice. */
  stop(): Promise<void>;
  /** Fast shutdown keeping the data: "the database went away". */
  pause(): Promise<void>;
  /** Starts the paused server again on the same port. */
  resume(): Promise<void>;
};

export type StartPostgresOptions = { log?: (line: string) => void };

const HOST = '127.0.0.1';
const SUPERUSER = 'postgres';
const MIN_MAJOR = 15;
const PORT_ATTEMPTS = 5;
const START_TIMEOUT_SECONDS = 30;

/** Where initdb and pg_ctl are: the newest /usr/lib/postgresql/<v ≥ 15>/bin (Debian), or PATH. */
export function findPostgresBin(): string | undefined {
  const debianRoot = '/usr/lib/postgresql';
  let versions: number[] = [];
  try {
    versions = readdirSync(debianRoot)
      .map(Number)
      .filter((major) => Number.isInteger(major) && major >= MIN_MAJOR)
      .sort((a, b) => b - a);
  } catch {
    // No Debian layout: PATH only.
  }
  const candidates = [
    ...versions.map((major) => join(debianRoot, String(major), 'bin')),
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
  ];
  return candidates.find((dir) => ['initdb', 'pg_ctl'].every((b) => existsSync(join(dir, b))));
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const log = options.log ?? (() => undefined);
  const bin = findPostgresBin();
  if (bin === undefined) {
    throw couldNot('start', 'initdb is not installed (apt-get install postgresql)');
  }
  const as = await serverUser();
  await checkVersion(bin, as);
  const root = await mkdtemp(join(tmpdir(), 'hymy-pg-')).catch((error: Error) => {
    throw couldNot('start', error.message);
  });
  const server: Server = {
    pgCtl: join(bin, 'pg_ctl'),
    as,
    root,
    dataDir: join(root, 'data'),
    logFile: join(root, 'server.log'),
  };
  const began = Date.now();
  try {
    if (as !== undefined) {
      await chown(root, as.uid, as.gid);
    }
    const init = await run(
      join(bin, 'initdb'),
      // Trust on loopback: no password exists. --no-sync is test-only (the cluster is thrown away).
      // C locale and UTF8: the same sorting on every machine, and template0 accepts it.
      [
        '-D',
        server.dataDir,
        '-U',
        SUPERUSER,
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
        '--no-instructions',
      ],
      as,
      root,
    );
    init.output.split('\n').filter(Boolean).forEach(log);
    if (init.code !== 0) {
      throw couldNot('start', `initdb failed: ${lastLines(init.output)}`);
    }
    await appendFile(join(server.dataDir, 'postgresql.conf'), settings(root));
    const port = await startOnFreePort(server);
    log(`postgres: port ${port}, ready in ${Date.now() - began} ms (${root})`);
    return cluster(server, port);
  } catch (error) {
    await run(server.pgCtl, ['stop', '-m', 'immediate', '-D', server.dataDir], as, root);
    await rm(root, { recursive: true, force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw message.startsWith('PostgreSQL could not') ? error : couldNot('start', message);
  }
}

/** The OS user the server runs as: `postgres` when we are root (initdb refuses root), else us. */
type RunAs = { uid: number; gid: number } | undefined;

type Server = { pgCtl: string; as: RunAs; root: string; dataDir: string; logFile: string };

type Started = { ok: true } | { ok: false; portTaken: boolean; reason: string };

function cluster(server: Server, port: number): PostgresCluster {
  let state: 'running' | 'paused' | 'stopped' = 'running';
  const url = (database = 'postgres') =>
    `postgres://${SUPERUSER}@${HOST}:${port}/${encodeURIComponent(database)}`;
  // Best effort if the process ends without stop(): a leaked server would outlive the run.
  const onExit = () => {
    if (state === 'running') {
      spawnSync(server.pgCtl, ['stop', '-m', 'immediate', '-D', server.dataDir], {
        ...spawnOptions(server.as, server.root),
        stdio: 'ignore',
      });
    }
    rmSync(server.root, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  const shutDown = async () => {
    const stopped = await run(
      server.pgCtl,
      ['stop', '-w', '-s', '-m', 'fast', '-D', server.dataDir],
      server.as,
      server.root,
    );
    return stopped.code === 0 ? undefined : lastLines(stopped.output);
  };

  return {
    port,
    host: HOST,
    url,
    createDatabase: (prefix) => createTestDatabase(url(), prefix),
    dropDatabase: (databaseUrl) => dropTestDatabase(url(), databaseUrl),
    async stop() {
      if (state === 'stopped') {
        return;
      }
      const failure = state === 'running' ? await shutDown() : undefined;
      state = 'stopped';
      process.off('exit', onExit);
      await rm(server.root, { recursive: true, force: true });
      if (failure !== undefined) {
        throw new Error(`PostgreSQL did not stop cleanly: ${failure}`);
      }
    },
    async pause() {
      if (state !== 'running') {
        throw new Error(`PostgreSQL cannot pause: it is ${state}`);
      }
      const failure = await shutDown();
      if (failure !== undefined) {
        throw new Error(`PostgreSQL could not pause: ${failure}`);
      }
      state = 'paused';
    },
    async resume() {
      if (state !== 'paused') {
        throw new Error(`PostgreSQL cannot resume: it is ${state}`);
      }
      const started = await startServer(server, port);
      if (!started.ok) {
        throw couldNot('resume', started.reason);
      }
      state = 'running';
    },
  };
}

/**
 * A new empty database on the cluster of `adminUrl`; resolves to its url. For test workers, which
 * get only the url from globalSetup (`inject('postgresUrl')`), not the cluster object.
 */
export async function createTestDatabase(adminUrl: string, prefix = 'test'): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new Error(`database prefix must be lower-case letters, digits and _: ${prefix}`);
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  // template0 takes no connections, so concurrent CREATE DATABASEs never meet "source database
  // is being accessed by other users" (template1 can have visitors): no retry is needed.
  // FILE_COPY's checkpoint is cheap with fsync off: 2–3× faster than WAL_LOG six at a time.
  await adminQuery(
    adminUrl,
    `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 STRATEGY FILE_COPY`,
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database of `databaseUrl`, closing any connection still open to it. */
export async function dropTestDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const admin = new URL(adminUrl);
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (target.host !== admin.host) {
    throw new Error(`not a database of the cluster at ${admin.host}: ${databaseUrl}`);
  }
  if (['postgres', 'template0', 'template1'].includes(name)) {
    throw new Error(`refusing to drop the cluster's own database ${name}`);
  }
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** The port is free when the OS hands it out, but someone may take it before the server binds. */
async function startOnFreePort(server: Server): Promise<number> {
  let reason = '';
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt += 1) {
    const port = await freePort();
    const started = await startServer(server, port);
    if (started.ok) {
      return port;
    }
    if (!started.portTaken) {
      throw couldNot('start', started.reason);
    }
    reason = started.reason;
  }
  throw couldNot('start', `${PORT_ATTEMPTS} ports in a row were taken, the last: ${reason}`);
}

/** `pg_ctl start -w` returns once the server accepts connections, or fails with its log's tail. */
async function startServer(server: Server, port: number): Promise<Started> {
  const logFrom = await stat(server.logFile).then(
    (file) => file.size,
    () => 0,
  );
  const started = await run(
    server.pgCtl,
    [
      ...['start', '-w', '-s', `-t${START_TIMEOUT_SECONDS}`],
      ...['-D', server.dataDir, '-l', server.logFile],
      // Only the port goes through -o: pg_ctl hands it to a shell, and a number needs no quoting.
      ...['-o', `-p ${port}`],
    ],
    server.as,
    server.root,
  );
  if (started.code === 0) {
    return { ok: true };
  }
  const serverLog = await readFile(server.logFile).then(
    (bytes) => bytes.subarray(logFrom).toString('utf8'),
    () => '',
  );
  if (/Address already in use/.test(serverLog)) {
    return { ok: false, portTaken: true, reason: `port ${port} is taken by another program` };
  }
  // Log lines start with a time and a pid: the message after them is what says why.
  const messages = serverLog.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /gm, '');
  return { ok: false, portTaken: false, reason: lastLines(messages || started.output) };
}

/** Settings after initdb's. Listening and the socket dir live here, so no path is shell-quoted. */
function settings(socketDir: string): string {
  return [
    '',
    '# Added by test/support/postgres.ts: a throwaway cluster for tests.',
    `listen_addresses = '${HOST}'`,
    `unix_socket_directories = '${socketDir.replaceAll("'", "''")}'`,
    '# Test-only: no durability. A crash loses this cluster, which is deleted after the run.',
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    '',
  ].join('\n');
}

async function serverUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  try {
    const id = async (flag: string) =>
      Number((await promisify(execFile)('id', [flag, SUPERUSER])).stdout.trim());
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    throw couldNot('start', `running as root and there is no '${SUPERUSER}' user to run it as`);
  }
}

async function checkVersion(bin: string, as: RunAs): Promise<void> {
  const version = await run(join(bin, 'pg_ctl'), ['--version'], as, '/');
  if (version.code !== 0) {
    throw couldNot('start', `${bin}/pg_ctl does not run: ${lastLines(version.output)}`);
  }
  const major = Number(/\(PostgreSQL\) (\d+)/.exec(version.output)?.[1]);
  if (!(major >= MIN_MAJOR)) {
    throw couldNot(
      'start',
      `${bin} has ${version.output.trim()}, tests need ${MIN_MAJOR} or newer`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as the server's user, collecting what it prints. */
function run(
  bin: string,
  args: string[],
  as: RunAs,
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // pg_ctl -l sends the server's output to the log, so these pipes close when pg_ctl exits.
    const child = spawn(bin, args, {
      ...spawnOptions(as, cwd),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (error) => resolve({ code: null, output: error.message }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** Node switches user itself (uid/gid), the same as `su postgres` without a shell to quote for. */
function spawnOptions(as: RunAs, cwd: string) {
  // PG* variables (PGPORT, PGDATA…) of the developer's shell must not steer the test cluster.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PG')),
  );
  return { ...as, cwd, env: { ...env, LC_ALL: 'C' } };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function lastLines(text: string, count = 3): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.slice(-count).join(' | ') || '(no output)';
}

function couldNot(what: 'start' | 'resume', reason: string): Error {
  return new Error(`PostgreSQL could not ${what}: ${reason}`);
}

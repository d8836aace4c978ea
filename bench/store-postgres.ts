import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { findPostgresBin } from '../test/support/postgres';

/**
 * The store bench's own PostgreSQL cluster, kept between runs (the 30M seed takes a while) in
 * DIR/pg and started on a fixed port. Unlike test/support/postgres.ts (fsync off, deleted after)
 * it is durable as a production server would be: fsync, synchronous_commit and
 * full_page_writes stay on. Memory is sized for this 23 GB machine, shared with other work.
 */

export const BENCH_PG_PORT = Number(process.env.HYMY_BENCH_PG_PORT ?? 55432);

/** What the cluster adds to initdb's postgresql.conf; the README quotes them. */
export const BENCH_PG_SETTINGS: Record<string, string> = {
  listen_addresses: "'127.0.0.1'",
  port: String(BENCH_PG_PORT),
  shared_buffers: "'4GB'",
  effective_cache_size: "'12GB'",
  work_mem: "'32MB'",
  maintenance_work_mem: "'1GB'",
  // Fewer forced checkpoints while seeding tens of millions of rows; durability is unchanged.
  max_wal_size: "'8GB'",
  checkpoint_timeout: "'15min'",
  random_page_cost: '1.1',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
};

const SUPERUSER = 'postgres';

type RunAs = { uid: number; gid: number } | undefined;

function run(bin: string, args: string[], as: RunAs, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('PG')),
    );
    const child = spawn(bin, args, {
      ...as,
      cwd,
      env: { ...env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${bin} ${args[0]} failed: ${output}`)),
    );
  });
}

async function runAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn('id', [flag, SUPERUSER], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.once('close', (code) =>
        code === 0 ? resolve(Number(out.trim())) : reject(new Error(`no ${SUPERUSER} user`)),
      );
    });
  return { uid: await id('-u'), gid: await id('-g') };
}

export type BenchCluster = {
  /** `postgres://postgres@127.0.0.1:PORT/DB`. */
  url(database?: string): string;
  /** Makes the database unless it exists. */
  ensureDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  /** Fast shutdown; the data stays for the next run. */
  stop(): Promise<void>;
  dataDir: string;
};

/** Starts the cluster in `root` (initdb the first time); a cluster already running is reused. */
export async function startBenchCluster(root: string): Promise<BenchCluster> {
  const bin = findPostgresBin();
  if (bin === undefined) {
    throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  }
  const as = await runAs();
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  await mkdir(root, { recursive: true });
  if (as !== undefined) {
    await chown(root, as.uid, as.gid);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await run(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C'],
      as,
      root,
    );
    const lines = Object.entries(BENCH_PG_SETTINGS).map(([key, value]) => `${key} = ${value}`);
    await appendFile(
      join(dataDir, 'postgresql.conf'),
      ['', '# bench/store-postgres.ts: durable, sized for the bench machine', ...lines, ''].join(
        '\n',
      ),
    );
    await appendFile(join(dataDir, 'postgresql.conf'), `unix_socket_directories = '${root}'\n`);
  }
  const url = (database = 'postgres') =>
    `postgres://${SUPERUSER}@127.0.0.1:${BENCH_PG_PORT}/${database}`;
  const status = await run(join(bin, 'pg_ctl'), ['status', '-D', dataDir], as, root).then(
    () => 'running',
    () => 'stopped',
  );
  if (status === 'stopped') {
    await run(
      join(bin, 'pg_ctl'),
      ['start', '-w', '-t', '120', '-D', dataDir, '-l', logFile],
      as,
      root,
    );
  }
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    url,
    dataDir,
    async ensureDatabase(name) {
      const found = await admin(`SELECT 1 FROM pg_database WHERE datname = '${name}'`);
      if (found.rowCount === 0) {
        await admin(`CREATE DATABASE "${name}" TEMPLATE template0`);
      }
    },
    async dropDatabase(name) {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
    async stop() {
      await run(join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', dataDir], as, root);
    },
  };
}

import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { localMidnightMs } from '../core/local-time';
import type { Database } from '../server/database';
import { rebuildRollups, ROLLUP_TABLES } from '../server/rollups';
import { describeMachine } from './machine';
import { TIME_ZONE, YEAR } from './store-data';
import {
  load1,
  measureCsv,
  measureIngestion,
  measureReports,
  type CsvFigures,
  type IngestFigures,
  type ReportFigures,
} from './store-measure';
import { BENCH_PG_SETTINGS, startBenchCluster, type BenchCluster } from './store-postgres';
import { ensureSeed, openTarget, type SeedManifest, type StoreTarget } from './store-seed';
import { startServerProcess } from './store-server-process';

/**
 * The store bench (`npm run bench -- --only store-sqlite,store-postgres`): a county's year of
 * answers (and a nation's, on PostgreSQL) stored, then every report endpoint, the CSV export
 * and ingestion measured through HTTP against the real server in a process of its own.
 *
 * Seeds are kept between runs in HYMY_BENCH_STORE_DIR (default /var/tmp/hymy-bench): SQLite in
 * sqlite-N/, PostgreSQL in its own durable cluster pg/ (bench/store-postgres.ts) with database
 * hymy_N and the server's data dir pg-N/. A re-run measures again without seeding; delete a
 * directory (or the cluster's database) to seed it anew. Ingestion adds answers in the January
 * after the seeded year; they are deleted again afterwards (answers and rollups), so every run
 * measures the same store.
 */

export const STORE_DIR = process.env.HYMY_BENCH_STORE_DIR ?? '/var/tmp/hymy-bench';
export const STORE_ANSWERS = Number(process.env.HYMY_BENCH_STORE_ANSWERS ?? 10_000_000);
export const PG_ANSWERS = Number(process.env.HYMY_BENCH_PG_ANSWERS ?? 30_000_000);
/** The smaller store the CSV export is compared at (it should be as fast per row). */
export const SMALL_ANSWERS = Number(process.env.HYMY_BENCH_STORE_SMALL_ANSWERS ?? 1_000_000);
const REQUESTS = Number(process.env.HYMY_BENCH_STORE_REQUESTS ?? 50);
const INGEST_CLIENTS = Number(process.env.HYMY_BENCH_STORE_INGEST_CLIENTS ?? 16);
const INGEST_BATCHES = Number(process.env.HYMY_BENCH_STORE_INGEST_BATCHES ?? 20);
const REBUILD = process.env.HYMY_BENCH_STORE_REBUILD === '1';

export type Engine = 'sqlite' | 'postgres';

export type DiskFigures = {
  bytes: number;
  bytesPerMillion: number;
  /** SQLite: file, -wal; PostgreSQL: each table with its indexes and TOAST. */
  parts: Record<string, number>;
};

export type SizeFigures = {
  engine: Engine;
  /** The seed's size; `stored` is less when the seed was cut short (seed.partial). */
  answers: number;
  stored: number;
  units: number;
  terminals: number;
  seed: Omit<SeedManifest, 'terminals' | 'shape'>;
  disk: DiskFigures;
  serverStartMs: number;
  reports: ReportFigures[];
  yearSummary: unknown;
  csv: CsvFigures;
  ingestion?: IngestFigures;
  server: { rssBytes: number; peakRssBytes: number };
  /** `before` and `after` are checksums of the rollups (the seed's, and the server's own). */
  rebuild?: { answers: number; seconds: number; before: string; after: string; same: boolean };
};

export type StoreBenchResult = {
  date: string;
  machine: string;
  engine: Engine;
  postgresSettings?: Record<string, string>;
  sizes: SizeFigures[];
};

type Store = { target: StoreTarget; drop?: () => Promise<void> };

async function storeFor(engine: Engine, answers: number, cluster?: BenchCluster): Promise<Store> {
  if (engine === 'sqlite') {
    return { target: { engine, dataDir: join(STORE_DIR, `sqlite-${answers}`) } };
  }
  const name = `hymy_${answers}`;
  await cluster!.ensureDatabase(name);
  return {
    target: { engine, dataDir: join(STORE_DIR, `pg-${answers}`), url: cluster!.url(name) },
    drop: async () => {
      await cluster!.dropDatabase(name);
      await cluster!.ensureDatabase(name);
    },
  };
}

async function diskOf(target: StoreTarget, answers: number): Promise<DiskFigures> {
  const parts: Record<string, number> = {};
  if (target.engine === 'sqlite') {
    for (const suffix of ['', '-wal']) {
      const file = join(target.dataDir, `central.sqlite${suffix}`);
      parts[`central.sqlite${suffix}`] = await stat(file).then(
        (s) => s.size,
        () => 0,
      );
    }
  } else {
    const database = await openTarget(target);
    try {
      const rows = await sql<{ name: string; bytes: number }>`
        SELECT c.relname AS name, pg_total_relation_size(c.oid)::int8 AS bytes
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'`.execute(database.db);
      for (const row of rows.rows) {
        parts[row.name] = Number(row.bytes);
      }
      const total = await sql<{
        bytes: number;
      }>`SELECT pg_database_size(current_database())::int8 AS bytes`.execute(database.db);
      parts['pg_database_size'] = Number(total.rows[0]!.bytes);
    } finally {
      await database.close();
    }
  }
  const bytes =
    target.engine === 'sqlite'
      ? Object.values(parts).reduce((a, b) => a + b, 0)
      : parts['pg_database_size']!;
  return { bytes, bytesPerMillion: Math.round(bytes / (answers / 1e6)), parts };
}

/** Deletes what the ingestion measure added (answers and rollups after the seeded year). */
export async function removeIngested(target: StoreTarget, maxSeq: number): Promise<number> {
  const database = await openTarget(target);
  const after = localMidnightMs(`${YEAR + 1}-01-01`, TIME_ZONE);
  try {
    return await database.db.transaction().execute(async (trx) => {
      const removed = await trx
        .deleteFrom('responses')
        .where('seq', '>', maxSeq)
        .executeTakeFirst();
      for (const table of ROLLUP_TABLES) {
        await trx.deleteFrom(table.name).where(table.start, '>=', after).execute();
      }
      return Number(removed.numDeletedRows);
    });
  } finally {
    await database.close();
  }
}

export async function maxSeqOf(target: StoreTarget): Promise<number> {
  const database = await openTarget(target);
  try {
    const row = await database.db
      .selectFrom('responses')
      .select(sql<number>`max(seq)`.as('seq'))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  } finally {
    await database.close();
  }
}

/** Checksums of every rollup table: equal before and after a rebuild when the seed's were right. */
async function rollupFingerprint(database: Database): Promise<string> {
  const numeric = new Set(['value', 'local_hour', 'weekday']);
  const parts: string[] = [];
  for (const table of ROLLUP_TABLES) {
    const sums = [...table.key, ...table.rest].map((column) =>
      column.endsWith('_ms')
        ? `sum(n * (${column} % 100003))`
        : numeric.has(column)
          ? `sum(n * ${column})`
          : `sum(n * length(${column}))`,
    );
    const result = await sql`SELECT count(*) AS c, sum(n) AS s, ${sql.raw(sums.join(', '))}
      FROM ${sql.table(table.name)}`.execute(database.db);
    parts.push(
      Object.values(result.rows[0] as Record<string, unknown>)
        .map(String)
        .join(','),
    );
  }
  return parts.join(' / ');
}

/** Times server/rollups.ts rebuildRollups over the whole store (what `rollups rebuild` runs). */
async function timeRebuild(target: StoreTarget): Promise<NonNullable<SizeFigures['rebuild']>> {
  const database = await openTarget(target);
  try {
    const before = await rollupFingerprint(database);
    const result = await rebuildRollups(database);
    const after = await rollupFingerprint(database);
    return {
      answers: result.answers,
      seconds: Math.round(result.ms / 100) / 10,
      before,
      after,
      same: before === after,
    };
  } finally {
    await database.close();
  }
}

const say = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

async function benchSize(
  engine: Engine,
  answers: number,
  ingest: boolean,
  cluster: BenchCluster | undefined,
): Promise<SizeFigures> {
  const store = await storeFor(engine, answers, cluster);
  const manifest = await ensureSeed(store.target, answers, say, store.drop);
  const stored = manifest.partial?.answers ?? answers;
  const disk = await diskOf(store.target, stored);
  say(`${engine} ${answers}: ${JSON.stringify(disk)}`);
  const maxSeq = ingest ? await maxSeqOf(store.target) : 0;
  const server = await startServerProcess(
    store.target.dataDir,
    store.target.engine === 'postgres' ? store.target.url : undefined,
    join(store.target.dataDir, 'server.log'),
  );
  let reports;
  let csv;
  let ingestion;
  let memory;
  try {
    say(`${engine} ${answers}: server ready in ${Math.round(server.startMs)} ms, reports`);
    reports = await measureReports(server.url, manifest.shape.units, REQUESTS);
    for (const figure of reports.figures) {
      say(
        `  ${figure.endpoint} ${figure.range}: ${JSON.stringify(figure.latency)} load ${figure.load}`,
      );
    }
    csv = await measureCsv(server.url, manifest.shape.units);
    say(`${engine} ${answers}: CSV ${JSON.stringify(csv)}`);
    if (ingest) {
      ingestion = await measureIngestion(
        server.url,
        manifest.terminals,
        INGEST_CLIENTS,
        INGEST_BATCHES,
      );
      say(`${engine} ${answers}: ingestion ${JSON.stringify(ingestion)}`);
    }
    memory = await server.memory();
  } finally {
    await server.stop();
    if (ingest) {
      const removed = await removeIngested(store.target, maxSeq);
      say(`${engine} ${answers}: removed the ${removed} answers ingestion added`);
    }
  }
  const rebuild = REBUILD ? await timeRebuild(store.target) : undefined;
  if (rebuild) {
    say(`${engine} ${answers}: rollups rebuilt ${JSON.stringify(rebuild)}`);
  }
  const { terminals: _terminals, shape, ...seed } = manifest;
  return {
    engine,
    answers,
    stored,
    units: shape.units,
    terminals: shape.terminals,
    seed,
    disk,
    serverStartMs: Math.round(server.startMs),
    reports: reports.figures,
    yearSummary: reports.yearTotal,
    csv,
    ...(ingestion ? { ingestion } : {}),
    server: { rssBytes: memory.rss, peakRssBytes: memory.peak },
    ...(rebuild ? { rebuild } : {}),
  };
}

/** The sizes each engine is measured at: the small one for the CSV, the county, the nation. */
export function sizesOf(engine: Engine): number[] {
  const sizes =
    engine === 'sqlite'
      ? [SMALL_ANSWERS, STORE_ANSWERS]
      : [SMALL_ANSWERS, STORE_ANSWERS, PG_ANSWERS];
  return [...new Set(sizes)].filter((n) => n > 0);
}

export async function benchStore(
  engine: Engine,
  sizes: readonly number[] = sizesOf(engine),
): Promise<StoreBenchResult> {
  const cluster =
    engine === 'postgres' ? await startBenchCluster(join(STORE_DIR, 'pg')) : undefined;
  const figures: SizeFigures[] = [];
  for (const answers of sizes) {
    say(`${engine} ${answers}: load ${load1()}`);
    figures.push(await benchSize(engine, answers, answers === STORE_ANSWERS, cluster));
  }
  // Sizes measured by an earlier run (`tsx bench/store-bench.ts ENGINE SIZES`) are kept.
  const file = join(import.meta.dirname, 'results', `store-${engine}.json`);
  const earlier = await readFile(file, 'utf8').then(
    (text) => (JSON.parse(text) as StoreBenchResult).sizes,
    () => [],
  );
  const result: StoreBenchResult = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    engine,
    ...(engine === 'postgres' ? { postgresSettings: BENCH_PG_SETTINGS } : {}),
    sizes: [
      ...earlier.filter((old) => !figures.some((size) => size.answers === old.answers)),
      ...figures,
    ].sort((a, b) => a.answers - b.answers),
  };
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const millions = (n: number) => `${(n / 1e6).toLocaleString('en')}M`;

/** The README's rows (measure, result, target) of one engine's run. */
export function storeRows(result: StoreBenchResult): string[][] {
  const name = result.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const rows: string[][] = [];
  for (const size of result.sizes) {
    const at = `${name}, ${millions(size.stored)} stored (${size.units} units)`;
    const target = size.answers > STORE_ANSWERS ? 'p95 ≤ 100 ms' : 'p95 ≤ 50 ms';
    for (const r of size.reports) {
      rows.push([
        `${r.endpoint}, ${r.range}, ${at}`,
        `${ms(r.latency.p50)} / ${ms(r.latency.p95)} (load ${r.load})`,
        target,
      ]);
    }
    rows.push([
      `CSV of a unit's year, ${at}`,
      `${size.csv.rowsPerSecond.toLocaleString('en')} rows/s (${size.csv.rows.toLocaleString('en')} rows of ${size.csv.units} units, load ${size.csv.load})`,
      'linear: similar rows/s at 1M and 10M',
    ]);
    if (size.ingestion) {
      const i = size.ingestion;
      rows.push([
        `Ingestion, ${i.clients} clients, batches of ${i.batchSize}, ${at}`,
        `${i.idle.answersPerSecond.toLocaleString('en')} answers/s; batch p50 / p99 ${ms(i.idle.batch.p50)} / ${ms(i.idle.batch.p99)} (load ${i.idle.load})`,
        result.engine === 'sqlite' ? '≥ 25,000/s' : '≥ 15,000/s',
      ]);
      rows.push([
        `The same while one client asks for all units' year in a loop (${i.underReports.reports.requests} reports, p95 ${ms(i.underReports.reports.p95)})`,
        `${i.underReports.answersPerSecond.toLocaleString('en')} answers/s; batch p99 ${ms(i.underReports.batch.p99)} = ${i.p99Ratio}× idle`,
        'p99 ≤ 2× idle',
      ]);
    }
    rows.push([
      `Bytes on disk per million answers, rollups included, ${at}`,
      `${mib(size.disk.bytesPerMillion)} (${mib(size.disk.bytes)} in all)`,
      '–',
    ]);
    rows.push([`Server peak RSS (own process), ${at}`, mib(size.server.peakRssBytes), '–']);
    if (size.seed.seconds !== undefined) {
      rows.push([
        result.engine === 'sqlite'
          ? `Seed (multi-row INSERTs + server/rollups.ts, a transaction a day), ${at}`
          : `Seed (INSERT … unnest, a transaction a day; rollups by GROUP BY after; VACUUM ANALYZE ${size.seed.vacuumSeconds ?? '?'} s), ${at}`,
        `${size.seed.seconds} s (${(size.seed.answersPerSecond ?? 0).toLocaleString('en')}/s)`,
        '–',
      ]);
    }
    if (size.rebuild) {
      rows.push([`\`rollups rebuild\`, ${at}`, `${size.rebuild.seconds} s`, '–']);
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const engine = (process.argv[2] ?? 'sqlite') as Engine;
  const sizes = process.argv[3]?.split(',').map(Number);
  const result = await benchStore(engine, sizes);
  console.log(
    storeRows(result)
      .map((row) => `| ${row.join(' | ')} |`)
      .join('\n'),
  );
}

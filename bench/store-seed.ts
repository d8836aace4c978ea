import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { sql, type Transaction } from 'kysely';
import { openDatabase, type Database } from '../server/database';
import type { Schema } from '../server/database/schema';
import {
  addToRollups,
  rebuildRollups,
  ROLLUP_TABLES,
  ROLLUPS_VERSION,
  markRollupsCurrent,
  rollupAnswerOf,
  rollupsVersion,
  rollupRowsOf,
} from '../server/rollups';
import { RESPONSE_COLUMN_TYPES, RESPONSE_COLUMNS, responseRow } from '../server/store/responses';
import {
  SURVEY,
  TIME_ZONE,
  YEAR_DAYS,
  dayAnswers,
  dayTotals,
  seedShape,
  unitIdOf,
  type SeedAnswer,
  type SeedShape,
} from './store-data';
import { BENCH_ADMIN_TOKEN, startServerProcess } from './store-server-process';

/**
 * Fills a store with a year of answers, fast and with the server's own code where it matters:
 * terminals are enrolled over HTTP by the real server (units, survey questions and tokens as in
 * service), then each day's answers are written with multi-row INSERTs and their rollups added
 * by server/rollups.ts (`rollupRowsOf` + `addToRollups`, what ingestion runs), in one
 * transaction per day. The number of days done is kept in the `meta` table in that same
 * transaction, so an interrupted seed goes on where it stopped; a finished one is reused.
 */

export type StoreTarget =
  { engine: 'sqlite'; dataDir: string } | { engine: 'postgres'; dataDir: string; url: string };

export type SeedTerminal = { terminalId: string; unitId: string; token: string };

export type SeedManifest = {
  shape: SeedShape;
  terminals: SeedTerminal[];
  /** Set once every day is in. */
  seconds?: number;
  /** Answers a second while seeding (inserts + rollups, the last run that added days). */
  answersPerSecond?: number;
  /** PostgreSQL: the VACUUM ANALYZE after the seed. */
  vacuumSeconds?: number;
  loadAverage?: number[];
  /**
   * Set when HYMY_BENCH_SEED_STOP_AT (an ISO time) cut the seed short: the days and answers
   * stored. Delete `seconds` from the manifest to go on seeding later.
   */
  partial?: { days: number; answers: number };
};

const SEEDED_DAYS = 'bench.seeded_days';

/** The server's own columns and their PostgreSQL types, for the seed's INSERTs. */
const COLUMNS = RESPONSE_COLUMNS.map((name) => [name, RESPONSE_COLUMN_TYPES[name]] as const);

type Cell = string | number | null;

function rowOf(answer: SeedAnswer, terminals: readonly SeedTerminal[]): Cell[] {
  const terminal = terminals[answer.terminal]!;
  return responseRow(
    {
      terminalId: terminal.terminalId,
      unitId: terminal.unitId,
      receivedAt: new Date(answer.receivedMs).toISOString(),
    },
    answer.response,
  );
}

export function manifestFile(target: StoreTarget): string {
  return join(target.dataDir, 'bench-seed.json');
}

export async function readManifest(target: StoreTarget): Promise<SeedManifest | undefined> {
  try {
    return JSON.parse(await readFile(manifestFile(target), 'utf8')) as SeedManifest;
  } catch {
    return undefined;
  }
}

async function writeManifest(target: StoreTarget, manifest: SeedManifest): Promise<void> {
  await writeFile(manifestFile(target), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Units, their survey and terminals, through the real server's HTTP API. */
async function enroll(target: StoreTarget, shape: SeedShape): Promise<SeedTerminal[]> {
  const server = await startServerProcess(
    target.dataDir,
    target.engine === 'postgres' ? target.url : undefined,
    join(target.dataDir, 'server.log'),
  );
  try {
    const post = async (path: string, body: unknown, token?: string) => {
      const answer = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      });
      if (!answer.ok) {
        throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
      }
      return (await answer.json()) as Record<string, unknown>;
    };
    const terminals: SeedTerminal[] = [];
    for (let t = 0; t < shape.terminals; t += 1) {
      const unitId = unitIdOf(Math.floor(t / 2));
      const made = await post(
        '/v1/admin/enrollment-codes',
        { unit: { id: unitId, name: { fi: `Yksikkö ${unitId}` } }, survey: SURVEY },
        BENCH_ADMIN_TOKEN,
      );
      const enrolled = await post('/v1/enroll', {
        code: made['code'],
        hardwareId: `hw-${t.toString(16).padStart(12, '0')}`,
        appVersion: 'bench',
      });
      terminals.push({
        terminalId: String(enrolled['terminalId']),
        unitId,
        token: String(enrolled['token']),
      });
    }
    return terminals;
  } finally {
    await server.stop();
  }
}

/** SQLite: 500-row INSERTs through the server's own connection, inside Kysely's transaction. */
function sqliteInserter(database: Database) {
  const handle = database.sqlite!;
  // The seeding connection only: a big page cache for the upserts of the rollups' random keys.
  handle.pragma('cache_size = -2000000');
  const ROWS = 500;
  const statement = (rows: number) =>
    handle.prepare(
      `INSERT INTO responses (${COLUMNS.map(([name]) => name).join(', ')}) VALUES ${Array.from(
        { length: rows },
        () => `(${COLUMNS.map(() => '?').join(', ')})`,
      ).join(', ')}`,
    );
  const full = statement(ROWS);
  return (_trx: Transaction<Schema>, rows: Cell[][]): Promise<void> => {
    for (let i = 0; i < rows.length; i += ROWS) {
      const part = rows.slice(i, i + ROWS);
      (part.length === ROWS ? full : statement(part.length)).run(part.flat());
    }
    return Promise.resolve();
  };
}

/** PostgreSQL: one `INSERT … SELECT FROM unnest(arrays)` per 10,000 rows. */
function postgresInserter() {
  const ROWS = 10_000;
  return async (trx: Transaction<Schema>, rows: Cell[][]): Promise<void> => {
    for (let i = 0; i < rows.length; i += ROWS) {
      const part = rows.slice(i, i + ROWS);
      const arrays = COLUMNS.map(
        ([, type], c) => sql`${sql.val(part.map((row) => row[c]))}::${sql.raw(type)}[]`,
      );
      await sql`INSERT INTO responses (${sql.raw(COLUMNS.map(([name]) => name).join(', '))})
        SELECT * FROM unnest(${sql.join(arrays)})`.execute(trx);
    }
  };
}

export type SeedProgress = (line: string) => void;

/**
 * PostgreSQL's rollups, made from the stored answers by INSERT … SELECT … GROUP BY: the per-day
 * path through server/rollups.ts (~25 µs of JavaScript an answer on this machine) would take
 * over an hour for 30 million. The answers are first counted per UTC hour and everything a
 * rollup keys by; each table is then a GROUP BY of those counts over its own columns
 * (server/rollups.ts `ROLLUP_TABLES`). The buckets are those of core/local-time.ts for a zone
 * whose offset is whole hours (Europe/Helsinki): the hour starts at its UTC hour, the day, ISO
 * week and month at their local midnight. The bench checks them against `rebuildRollups` at 1M.
 */
export async function rollupsInSql(database: Database): Promise<void> {
  const zone = sql.lit(TIME_ZONE);
  const flag = sql`CASE WHEN flag_test = 1 THEN 'test' WHEN flag_repeat = 1 THEN 'repeat' ELSE 'ok' END`;
  const local = sql`(to_timestamp(hour_start_ms / 1000.0) AT TIME ZONE ${zone})`;
  const midnight = (part: string) =>
    sql`(extract(epoch FROM (date_trunc(${sql.lit(part)}, local_date::date::timestamp)
      AT TIME ZONE ${zone})) * 1000)::int8`;
  await database.db.transaction().execute(async (trx) => {
    await sql`CREATE TEMP TABLE answer_groups ON COMMIT DROP AS
      SELECT unit_id, question_id, survey_id, scale, value, ${flag} AS flag_class,
        coalesce(respondent, '') AS respondent,
        coalesce(follow_up_question_id, '') AS follow_up_question_id,
        coalesce(follow_up_value, '') AS follow_up_value,
        (answered_at_ms / 3600000) * 3600000 AS hour_start_ms, count(*) AS n
      FROM responses
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(trx);
    // Each hour's local reading once, not once per group.
    await sql`CREATE TEMP TABLE hours ON COMMIT DROP AS
      SELECT h.*, ${midnight('day')} AS day_start_ms, ${midnight('week')} AS week_start_ms,
        ${midnight('month')} AS month_start_ms
      FROM (
        SELECT hour_start_ms, to_char(${local}, 'YYYY-MM-DD') AS local_date,
          extract(hour FROM ${local})::int AS local_hour,
          extract(isodow FROM ${local})::int AS weekday
        FROM (SELECT DISTINCT hour_start_ms FROM answer_groups) d
      ) h`.execute(trx);
    for (const table of ROLLUP_TABLES) {
      const columns = sql.raw([...table.key, ...table.rest].join(', '));
      // The key is built once after the rows are in (a sort, not an insert into the index per
      // row): five times faster for tens of millions of rows.
      await sql`TRUNCATE ${sql.table(table.name)}`.execute(trx);
      await sql`ALTER TABLE ${sql.table(table.name)}
        DROP CONSTRAINT ${sql.raw(`${table.name}_pkey`)}`.execute(trx);
      await sql`INSERT INTO ${sql.table(table.name)} (${columns}, n)
        SELECT ${columns}, sum(n)
        FROM answer_groups JOIN hours USING (hour_start_ms)
        ${table.onlyWithFollowUp ? sql`WHERE follow_up_question_id <> ''` : sql``}
        GROUP BY ${columns}`.execute(trx);
      await sql`ALTER TABLE ${sql.table(table.name)}
        ADD PRIMARY KEY (${sql.raw(table.key.join(', '))})
        INCLUDE (${sql.raw([...table.rest, 'n'].join(', '))})`.execute(trx);
    }
    await markRollupsCurrent(trx);
  });
}

/** The store a target names, opened as the seed and the bench's own steps use it. */
export function openTarget(target: StoreTarget): Promise<Database> {
  return openDatabase(
    target.engine === 'sqlite'
      ? { kind: 'sqlite', file: join(target.dataDir, 'central.sqlite') }
      : { kind: 'postgres', url: target.url },
    { readConnections: 1, writeConnections: 2 },
  );
}

/**
 * A seed made before the rollups last changed (ROLLUPS_VERSION) gets them anew here, not at the
 * server's start, where the time would count as its start-up: by SQL on PostgreSQL, by
 * server/rollups.ts `rebuildRollups` (what `rollups rebuild` runs) on SQLite.
 */
async function ensureCurrentRollups(target: StoreTarget, progress: SeedProgress): Promise<void> {
  const database = await openTarget(target);
  try {
    const found = await rollupsVersion(database.db);
    if (found === ROLLUPS_VERSION) {
      return;
    }
    progress(`rollups ${found ?? 'none'} → ${ROLLUPS_VERSION}: rebuilding`);
    const started = performance.now();
    if (target.engine === 'postgres') {
      await rollupsInSql(database);
      for (const table of ROLLUP_TABLES) {
        await sql`VACUUM (ANALYZE) ${sql.table(table.name)}`.execute(database.db);
      }
    } else {
      await rebuildRollups(database);
    }
    progress(`rollups rebuilt in ${Math.round((performance.now() - started) / 1000)} s`);
  } finally {
    await database.close();
  }
}

/**
 * Makes sure `target` holds the seed of `answers` answers; returns its manifest. Reuses a
 * finished seed, goes on with an interrupted one, and starts over when the terminals were
 * never all enrolled.
 */
export async function ensureSeed(
  target: StoreTarget,
  answers: number,
  progress: SeedProgress,
  dropPostgres?: () => Promise<void>,
): Promise<SeedManifest> {
  const shape = seedShape(answers);
  let manifest = await readManifest(target);
  if (manifest?.seconds !== undefined && manifest.shape.answers === answers) {
    await ensureCurrentRollups(target, progress);
    return manifest;
  }
  if (manifest === undefined || manifest.shape.answers !== answers) {
    // Nothing usable: start from an empty store.
    if (target.engine === 'sqlite') {
      await rm(target.dataDir, { recursive: true, force: true });
    } else {
      await dropPostgres?.();
      await rm(target.dataDir, { recursive: true, force: true });
    }
    await mkdir(target.dataDir, { recursive: true });
    progress(`enrolling ${shape.terminals} terminals of ${shape.units} units over HTTP`);
    const terminals = await enroll(target, shape);
    manifest = { shape, terminals };
    await writeManifest(target, manifest);
  }
  const terminals = manifest.terminals;
  const database = await openTarget(target);
  try {
    const insert = target.engine === 'sqlite' ? sqliteInserter(database) : postgresInserter();
    const done = await database.db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', SEEDED_DAYS)
      .executeTakeFirst();
    const totals = dayTotals(answers);
    const firstDay = Number(done?.value ?? 0);
    let number = totals.slice(0, firstDay).reduce((a, b) => a + b, 0);
    const started = performance.now();
    let added = 0;
    const stopAt = Date.parse(process.env.HYMY_BENCH_SEED_STOP_AT ?? '');
    let partial: SeedManifest['partial'];
    for (let day = firstDay; day < YEAR_DAYS; day += 1) {
      if (Date.now() > stopAt) {
        partial = { days: day, answers: number };
        progress(`seed stopped at day ${day} (HYMY_BENCH_SEED_STOP_AT): ${number} answers`);
        break;
      }
      const made = dayAnswers(shape, day, totals[day]!, number);
      const rows = made.map((answer) => rowOf(answer, terminals));
      const rollups =
        target.engine === 'sqlite'
          ? rollupRowsOf(
              made.map((answer) =>
                rollupAnswerOf(terminals[answer.terminal]!.unitId, answer.response),
              ),
              () => TIME_ZONE,
            )
          : undefined;
      await database.db.transaction().execute(async (trx) => {
        await insert(trx, rows);
        if (rollups) {
          await addToRollups(trx, target.engine, rollups);
        }
        await trx
          .insertInto('meta')
          .values({ key: SEEDED_DAYS, value: String(day + 1) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(day + 1) }))
          .execute();
      });
      number += made.length;
      added += made.length;
      if (day % 30 === 29 || day === YEAR_DAYS - 1) {
        const seconds = (performance.now() - started) / 1000;
        progress(
          `${target.engine} seed: day ${day + 1}/${YEAR_DAYS}, ${number.toLocaleString('en')} answers, ` +
            `${Math.round(added / seconds).toLocaleString('en')}/s, load ${os.loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
    if (target.engine === 'postgres') {
      const rollupsStarted = performance.now();
      await rollupsInSql(database);
      progress(`rollups in SQL: ${Math.round((performance.now() - rollupsStarted) / 1000)} s`);
    }
    const seconds = (performance.now() - started) / 1000;
    manifest = {
      ...manifest,
      seconds: Math.round(seconds),
      answersPerSecond: added === 0 ? 0 : Math.round(added / seconds),
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      ...(partial ? { partial } : {}),
    };
    if (target.engine === 'postgres') {
      // As autovacuum would have by the time a year is stored: statistics and visibility map.
      const vacuumStarted = performance.now();
      for (const table of ['responses', ...ROLLUP_TABLES.map((t) => t.name)]) {
        await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(database.db);
      }
      manifest.vacuumSeconds = Math.round((performance.now() - vacuumStarted) / 1000);
    }
    await writeManifest(target, manifest);
    return manifest;
  } finally {
    await database.close();
  }
}

export function seedExists(target: StoreTarget): boolean {
  return existsSync(manifestFile(target));
}

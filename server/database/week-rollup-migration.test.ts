import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { columnsOf, rollupRowsOf, type FlagClass, type RollupAnswer } from '../rollups';
import { dropTestDatabaseUrl, TEST_ENGINE, testDatabaseUrl } from '../test-support';
import { openDatabase, type Database } from '.';
import { MIGRATIONS } from './migrations';
import { migratePostgres, postgresPool } from './postgres';
import { migrateSqlite } from './sqlite';

/** The schema version just before the week rollup: a store made by the server before it. */
const BEFORE_WEEKS = MIGRATIONS.findIndex((migration) => migration.name === 'weekly rollup');

const ZONES: Record<string, string> = {
  'unit-a': 'Europe/Helsinki',
  // No row in `units`: the default zone, as rollups.ts `timeZones` reads it.
  'unit-b': 'Europe/Helsinki',
  'unit-c': 'America/St_Johns',
};

/** Every 37 minutes over the weeks of Finland's two DST changes in 2025, on three units. */
function answers(): RollupAnswer[] {
  const all: RollupAnswer[] = [];
  const spans = [
    ['2025-03-26T00:00:00Z', '2025-04-03T00:00:00Z'],
    ['2025-10-22T00:00:00Z', '2025-11-05T00:00:00Z'],
  ];
  let i = 0;
  for (const [from, to] of spans) {
    for (let ms = Date.parse(from!); ms < Date.parse(to!); ms += 37 * 60_000) {
      i += 1;
      all.push({
        unitId: Object.keys(ZONES)[i % 3]!,
        surveyId: 'ward',
        questionId: i % 5 === 0 ? 'recommend' : 'overall',
        scale: i % 5 === 0 ? 'nps11' : 'smiley4',
        value: i % 5 === 0 ? i % 11 : 1 + (i % 4),
        respondent: null,
        followUpQuestionId: null,
        followUpValue: null,
        flagClass: (['ok', 'ok', 'repeat', 'test'] as const)[i % 4] as FlagClass,
        answeredAtMs: ms,
      });
    }
  }
  return all;
}

describe(`the week rollup of a store made before it (${TEST_ENGINE})`, () => {
  let database: Database | undefined;
  let dir: string | undefined;
  let url: string | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
    if (dir) {
      await rm(dir, { recursive: true, force: true });
    }
    await dropTestDatabaseUrl(url);
  });

  it('is filled from its day totals when the server opens it, as ingestion would have counted it, in each unit’s zone', async () => {
    const rows = rollupRowsOf(answers(), (unitId) => ZONES[unitId]!);
    const rowsOf = (name: string) => rows.find((r) => r.table.name === name)!;
    const dayTotals = rowsOf('rollup_day_total');
    const columns = columnsOf(dayTotals.table);
    const units = [
      ['unit-a', 'Europe/Helsinki'],
      ['unit-c', 'America/St_Johns'],
    ];
    const placeholders = (count: number, dollar: boolean) =>
      Array.from({ length: count }, (_, i) => (dollar ? `$${i + 1}` : '?')).join(', ');
    const insertUnit = `INSERT INTO units (id, name_json, time_zone, created_at)`;
    const insertDay = `INSERT INTO rollup_day_total (${columns.join(', ')})`;

    url = await testDatabaseUrl();
    if (url === undefined) {
      dir = await mkdtemp(join(tmpdir(), 'hymy-weeks-'));
      const old = new BetterSqlite3(join(dir, 'central.sqlite'));
      migrateSqlite(old, BEFORE_WEEKS);
      for (const [id, zone] of units) {
        old.prepare(`${insertUnit} VALUES (?, '{}', ?, '2025-01-01')`).run(id, zone);
      }
      const day = old.prepare(`${insertDay} VALUES (${placeholders(columns.length, false)})`);
      for (const row of dayTotals.rows) {
        day.run(...row);
      }
      old.close();
      database = await openDatabase({ kind: 'sqlite', file: join(dir, 'central.sqlite') });
    } else {
      const pool = postgresPool(url, 1);
      try {
        await migratePostgres(pool, BEFORE_WEEKS);
        for (const [id, zone] of units) {
          await pool.query(`${insertUnit} VALUES ($1, '{}', $2, '2025-01-01')`, [id, zone]);
        }
        for (const row of dayTotals.rows) {
          await pool.query(`${insertDay} VALUES (${placeholders(columns.length, true)})`, row);
        }
      } finally {
        await pool.end();
      }
      database = await openDatabase({ kind: 'postgres', url });
    }

    const week = rowsOf('rollup_week');
    const stored = await sql<Record<string, unknown>>`SELECT ${sql.raw(
      columnsOf(week.table).join(', '),
    )} FROM rollup_week`.execute(database.db);
    const sorted = (list: readonly (readonly unknown[])[]) =>
      list.map((row) => JSON.stringify(row)).sort();
    expect(week.rows.length).toBeGreaterThan(0);
    expect(sorted(stored.rows.map((row) => Object.values(row)))).toEqual(sorted(week.rows));
  });
});

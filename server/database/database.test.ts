import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dropTestDatabaseUrl, TEST_ENGINE, testDatabaseUrl } from '../test-support';
import { openDatabase, type Database } from '.';
import { SCHEMA_VERSION } from './migrations';

/** The store layer itself, on the engine of this test project (SQLite, or PostgreSQL). */
describe(`the database layer (${TEST_ENGINE})`, () => {
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

  async function open(): Promise<Database> {
    url = await testDatabaseUrl();
    if (url !== undefined) {
      return openDatabase({ kind: 'postgres', url });
    }
    dir = await mkdtemp(join(tmpdir(), 'hymy-db-'));
    return openDatabase({ kind: 'sqlite', file: join(dir, 'central.sqlite') });
  }

  const terminalRow = (id: string) => ({
    id,
    token_hash: `hash-${id}`,
    unit_id: 'u1',
    hardware_id: 'hw',
    enrolled_at: '2026-11-23T12:00:00.000Z',
    config_json: '{}',
    config_etag: '"e"',
    app_version: '0.1.0',
  });

  async function addTerminal(db: Database, id: string): Promise<void> {
    await db.db.insertInto('terminals').values(terminalRow(id)).execute();
  }

  it('is at the newest schema, and a second open migrates nothing and loses nothing', async () => {
    database = await open();
    await addTerminal(database, 't1');
    if (url === undefined) {
      expect(database.sqlite?.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } else {
      const { rows } = await sql<{ version: number }>`SELECT version FROM hymy_schema`.execute(
        database.db,
      );
      expect(rows).toEqual([{ version: SCHEMA_VERSION }]);
    }
    await database.close();
    database =
      url === undefined
        ? await openDatabase({ kind: 'sqlite', file: join(dir!, 'central.sqlite') })
        : await openDatabase({ kind: 'postgres', url });
    const found = await database.read.selectFrom('terminals').select('id').execute();
    expect(found).toEqual([{ id: 't1' }]);
  });

  it('reads see what writes committed, and a long report does not hold up a write', async () => {
    database = await open();
    await addTerminal(database, 't1');
    expect(await database.read.selectFrom('terminals').select('id').execute()).toEqual([
      { id: 't1' },
    ]);
    // A report that takes a long while on a read connection...
    let readDone = false;
    const slow =
      url === undefined
        ? sql`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000)
              SELECT count(*) AS n FROM c`
        : sql`SELECT pg_sleep(3) AS n`;
    const reading = slow.execute(database.read).then(() => {
      readDone = true;
    });
    // ...while uploads go on: each write is done long before the report.
    for (let i = 2; i <= 5; i += 1) {
      await addTerminal(database, `t${i}`);
      expect(readDone).toBe(false);
    }
    await reading;
    expect(await database.read.selectFrom('terminals').select('id').execute()).toHaveLength(5);
  }, 30_000);

  it('a failed read keeps its engine error code and the read connections go on working', async () => {
    database = await open();
    const failed = await sql`SELECT * FROM no_such_table`.execute(database.read).then(
      () => undefined,
      (error: unknown) => error as { code?: string },
    );
    expect(failed?.code).toBe(url === undefined ? 'SQLITE_ERROR' : '42P01');
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.read);
    expect(rows).toEqual([{ one: 1 }]);
  });

  // PostgreSQL checkpoints by itself.
  it.skipIf(TEST_ENGINE === 'postgres')(
    '(SQLite) what an upload committed reaches the database file in the background, not in the upload',
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'hymy-db-'));
      const file = join(dir, 'central.sqlite');
      /** The rows the database file holds by itself, without its WAL. */
      const inFileAlone = async (): Promise<number> => {
        const copy = join(dir!, `alone-${Date.now()}.sqlite`);
        await copyFile(file, copy);
        const alone = new BetterSqlite3(copy, { readonly: true });
        try {
          // Even the schema may be in the WAL alone.
          const made = alone.prepare("SELECT 1 FROM sqlite_master WHERE name = 'terminals'").get();
          return made === undefined
            ? 0
            : (alone.prepare('SELECT count(*) AS n FROM terminals').get() as { n: number }).n;
        } finally {
          alone.close();
        }
      };

      // Without the background checkpoints, the commits stay in the WAL (the writer itself
      // would copy them only at 32 MiB)...
      database = await openDatabase({ kind: 'sqlite', file }, { checkpointer: false });
      expect(database.checkpointer).toBeUndefined();
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('terminals').values(terminalRow('t1')).execute();
      });
      expect(await inFileAlone()).toBe(0);
      await database.close();

      // ...with them (the server's default), each commit is copied once the worker has run.
      database = await openDatabase({ kind: 'sqlite', file });
      for (const id of ['t2', 't3']) {
        await database.db.transaction().execute(async (trx) => {
          await trx.insertInto('terminals').values(terminalRow(id)).execute();
        });
      }
      await database.checkpointer!.settled();
      expect(await inFileAlone()).toBe(3);
      expect(await database.read.selectFrom('terminals').select('id').execute()).toHaveLength(3);
    },
  );
});

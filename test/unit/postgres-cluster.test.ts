import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '../support/postgres';

const WORKERS = 6;

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function notes(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const result = await client.query<{ body: string }>('SELECT body FROM note ORDER BY body');
    return result.rows.map((row) => row.body);
  });
}

describe('a throwaway PostgreSQL cluster for tests', { timeout: 60_000 }, () => {
  let cluster: PostgresCluster | undefined;
  const started = () => {
    if (cluster === undefined) {
      throw new Error('the cluster did not start');
    }
    return cluster;
  };

  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  // stop() is safe to call twice: this one only cleans up after a failed test.
  afterAll(() => cluster?.stop(), 60_000);

  it('gives six workers asking at once six databases, each keeping its own row', async () => {
    const db = started();
    const urls = await Promise.all(
      Array.from({ length: WORKERS }, () => db.createDatabase('cluster')),
    );
    expect(new Set(urls).size).toBe(WORKERS);
    await Promise.all(
      urls.map((url, index) =>
        withClient(url, async (client) => {
          await client.query('CREATE TABLE note (body text NOT NULL)');
          await client.query('INSERT INTO note (body) VALUES ($1)', [`row ${index}`]);
        }),
      ),
    );
    const rows = await Promise.all(urls.map(notes));
    expect(rows).toEqual(urls.map((_, index) => [`row ${index}`]));
  });

  it('fails queries with a connection error while the server is away, keeps rows', async () => {
    const db = started();
    const url = await db.createDatabase('paused');
    await withClient(url, async (client) => {
      await client.query('CREATE TABLE note (body text NOT NULL)');
      await client.query(`INSERT INTO note (body) VALUES ('kept')`);
    });
    const open = new pg.Client({ connectionString: url });
    // An idle client hears of the shutdown as 'error' events (57P01, then "Connection terminated
    // unexpectedly"): without a listener, pg would throw them at the process.
    const firstError = new Promise((resolve) => open.on('error', resolve));
    await open.connect();

    await db.pause();
    // A connection that was open is told why (57P01 admin_shutdown); a new one is refused.
    await expect(firstError).resolves.toMatchObject({ code: '57P01' });
    await expect(open.query('SELECT 1')).rejects.toThrow(/not queryable/);
    await expect(notes(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await db.resume();
    expect(await notes(url)).toEqual(['kept']);
  });

  it('drops a database even while a client is still connected to it', async () => {
    const db = started();
    const url = await db.createDatabase('dropped');
    const lingering = new pg.Client({ connectionString: url });
    lingering.on('error', () => undefined);
    await lingering.connect();
    await db.dropDatabase(url);
    // 3D000: invalid_catalog_name, "database … does not exist".
    await expect(notes(url)).rejects.toMatchObject({ code: '3D000' });
  });

  it('stops the server and deletes its directory', async () => {
    const db = started();
    const dataDir = await withClient(db.url(), async (client) => {
      const result = await client.query<{ data_directory: string }>('SHOW data_directory');
      return result.rows[0]?.data_directory ?? '';
    });
    expect(existsSync(dataDir)).toBe(true);

    await db.stop();
    expect(existsSync(dirname(dataDir))).toBe(false);
    await expect(notes(db.url())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

import pg from 'pg';
import { MIGRATIONS } from './migrations';

/**
 * PostgreSQL 15+: the same schema and queries as SQLite, for a nation's answers. Counts and
 * millisecond times are BIGINT (int8) and sums NUMERIC: both are read as JS numbers, which hold
 * every value below 2^53 exactly (a count of answers, or a time in ms, never gets near it).
 */

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const toNumber = (value: string): number => Number(value);

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID || oid === NUMERIC_OID
      ? toNumber
      : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

export function postgresPool(url: string, max: number): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    types,
    max,
    // A database that went away is noticed in seconds, not at TCP's pace.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'hymy',
  });
}

/** Any one lock id for "a server is migrating this database": two starting at once take turns. */
const MIGRATION_LOCK = 7_361_204;

export async function migratePostgres(pool: pg.Pool, target = MIGRATIONS.length): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS hymy_schema (version INTEGER NOT NULL)');
    const found = await client.query<{ version: number }>('SELECT version FROM hymy_schema');
    let current = found.rows[0]?.version;
    if (current === undefined) {
      current = 0;
      await client.query('INSERT INTO hymy_schema (version) VALUES (0)');
    }
    if (current > MIGRATIONS.length) {
      throw new Error(
        `the database has schema version ${current}; this server knows versions up to ${MIGRATIONS.length}`,
      );
    }
    for (let version = current; version < target; version += 1) {
      await client.query(MIGRATIONS[version]!.postgres);
      await client.query('UPDATE hymy_schema SET version = $1', [version + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The URL as a log may show it: no password. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable url)';
  }
}

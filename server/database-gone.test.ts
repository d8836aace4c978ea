import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, UploadAnswerSchema } from '../core/central-api';
import { startPostgres, type PostgresCluster } from '../test/support/postgres';
import { createLogger } from './log';
import { answer, startTestServer, TEST_ENGINE, type TestServer } from './test-support';

/**
 * PostgreSQL stopping under a running server (a failover, a restart, a pulled cable): uploads
 * get 503 with Retry-After and nothing is called accepted that was not committed; once the
 * database is back the same batch is taken whole. A cluster of this test's own, since it is
 * stopped on purpose (SQLite's counterpart is the full disk of storage-full.test.ts).
 */
describe.skipIf(TEST_ENGINE !== 'postgres')(
  '(PostgreSQL) a server whose database went away',
  () => {
    let t: TestServer | undefined;
    let cluster: PostgresCluster | undefined;
    afterEach(async () => {
      try {
        await t?.cleanup();
      } finally {
        // Stopped whatever the cleanup did: a cluster left running outlives the test run.
        await cluster?.stop();
      }
    });

    it('answers uploads 503 with Retry-After while it is gone, and takes the batch whole when it is back', async () => {
      cluster = await startPostgres();
      const lines: string[] = [];
      t = await startTestServer({
        databaseUrl: await cluster.createDatabase('gone'),
        logger: createLogger({ write: (line) => lines.push(line) }),
      });
      const terminal = await t.enroll();
      const first = Array.from({ length: 50 }, (_, i) => answer(i + 1));
      expect((await t.upload(terminal.token, first)).status).toBe(200);

      // A transaction open when the database goes (an alert's update between two statements)
      // fails alone: its connection's error, which pg's client emits when no query of it is
      // running, must not end the server.
      let paused = (): void => undefined;
      const afterPause = new Promise<void>((resolve) => {
        paused = resolve;
      });
      let begun = (): void => undefined;
      const inside = new Promise<void>((resolve) => {
        begun = resolve;
      });
      const open = t.database.db
        .transaction()
        .execute(async (trx) => {
          await sql`SELECT 1`.execute(trx);
          begun();
          await afterPause;
          await sql`SELECT 1`.execute(trx);
        })
        .then(
          () => 'finished',
          () => 'failed',
        );
      await inside;
      await cluster.pause();
      paused();
      expect(await open).toBe('failed');
      const batch = Array.from({ length: 200 }, (_, i) => answer(i + 100));
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const gone = await t.upload(terminal.token, batch);
        expect(gone.status).toBe(503);
        expect(Number(gone.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(ApiErrorSchema.strict().parse(gone.body).error.code).toBe('storage_unavailable');
        expect(gone.text).not.toMatch(/accepted|ECONN|57P01/);
      }
      // The reports say "later" too, not a 500.
      const report = await t.admin('GET', '/v1/admin/summary');
      expect(report.status).toBe(503);

      await cluster.resume();
      const again = await t.upload(terminal.token, batch);
      expect(again.status).toBe(200);
      expect(UploadAnswerSchema.parse(again.body)).toEqual({
        accepted: batch.map((item) => item.id),
        duplicate: [],
        rejected: [],
      });
      const summary = await t.admin('GET', '/v1/admin/summary');
      expect((summary.body as { total: number }).total).toBe(first.length + batch.length);
      const logged = lines.map((line) => JSON.parse(line) as { event: string; error?: string });
      expect(logged.some((line) => line.event === 'request_failed')).toBe(true);
    });
  },
);

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, UploadAnswerSchema } from '../core/central-api';
import type { SqliteHandle } from './database/sqlite';
import { failureFromError } from './errors';
import { createLogger } from './log';
import { answer, startTestServer, TEST_ENGINE, type TestServer } from './test-support';

/** SQLite's own ceiling on a database's pages: room again after a full disk. */
const SQLITE_MAX_PAGES = 4_294_967_294;

describe('a server whose disk is full', () => {
  let t: TestServer | undefined;
  afterEach(() => t?.cleanup());

  // SQLite's own file, made full; PostgreSQL's going away is database-gone.test.ts.
  it.skipIf(TEST_ENGINE === 'postgres')(
    '(SQLite) answers an upload 503 with Retry-After, keeps none of it, and takes it whole once there is room',
    async () => {
      let db: SqliteHandle | undefined;
      const lines: string[] = [];
      t = await startTestServer({
        logger: createLogger({ write: (line) => lines.push(line) }),
        onDatabaseOpen: (opened) => {
          db = opened.sqlite;
        },
      });
      const terminal = await t.enroll();
      // The server's own connection may grow the file by no page more: SQLite answers SQLITE_FULL,
      // as it would on a full disk.
      db!.pragma(`max_page_count = ${db!.pragma('page_count', { simple: true }) as number}`);
      const batch = Array.from({ length: 200 }, (_, i) =>
        answer(i + 1, { comment: `Odotusaika oli pitkä ${'.'.repeat(400)}` }),
      );

      const full = await t.upload(terminal.token, batch);
      expect(full.status).toBe(503);
      expect(Number(full.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ApiErrorSchema.strict().parse(full.body).error.code).toBe('storage_unavailable');
      expect(full.text).not.toMatch(/SQLITE|accepted/);
      const failed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(failed).toContainEqual(
        expect.objectContaining({ event: 'request_failed', error: 'SQLITE_FULL' }),
      );

      db!.pragma(`max_page_count = ${SQLITE_MAX_PAGES}`);
      const again = await t.upload(terminal.token, batch);
      expect(again.status).toBe(200);
      expect(UploadAnswerSchema.parse(again.body)).toEqual({
        accepted: batch.map((item) => item.id),
        duplicate: [],
        rejected: [],
      });
    },
  );

  it('takes a disk I/O error for the same passing trouble (503 with Retry-After), not a 500', () => {
    const request = { routeOptions: {} } as Parameters<typeof failureFromError>[1];
    for (const code of [
      'SQLITE_IOERR',
      'SQLITE_IOERR_WRITE',
      'SQLITE_IOERR_FSYNC',
      'SQLITE_FULL',
    ]) {
      const failure = failureFromError(new Database.SqliteError('disk trouble', code), request);
      expect(failure).toMatchObject({ status: 503, code: 'storage_unavailable' });
      expect(failure.retryAfterS).toBeGreaterThan(0);
    }
    const other = failureFromError(new Database.SqliteError('bug', 'SQLITE_CONSTRAINT'), request);
    expect(other).toMatchObject({ status: 500, code: 'internal_error' });
  });
});

import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { UploadAnswerSchema } from '../core/central-api';
import { SCHEMA_VERSION } from './database/migrations';
import { DB_FILE, migrateSqlite, openSqliteFile } from './database/sqlite';
import { answer, startTestServer, TEST_ENGINE, type TestServer } from './test-support';

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('timed out');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the database', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is opened in WAL mode with full sync, foreign keys and a busy timeout, at the current schema', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hymy-db-'));
    const db = openSqliteFile(join(dir, DB_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    // Opening it again migrates nothing and loses nothing.
    const again = openSqliteFile(join(dir, DB_FILE));
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('from before ids were kept in lower case has them lowered, a copy stored twice and all', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hymy-db-'));
    const file = join(dir, DB_FILE);
    const old = new Database(file);
    old.pragma('foreign_keys = OFF');
    migrateSqlite(old, 1);
    // As the first schema's server stored them (its INSERT, less the columns that do not matter).
    const insert = old.prepare(
      `INSERT INTO responses (id, terminal_id, unit_id, received_at, survey_id, survey_version,
         question_id, scale, value, language, source, answered_at, answered_at_ms, flag_repeat,
         flag_test, flag_clock_unsynced)
       VALUES (?, 't1', 'u1', '2026-11-23T12:00:00.000Z', 'visit-smiley', 3, 'overall',
         'smiley4', 4, 'fi', 'touch', ?, ?, 0, 0, 0)
       ON CONFLICT (id) DO NOTHING`,
    );
    const store = (n: number) => {
      const a = answer(n);
      insert.run(a.id, a.answeredAt, Date.parse(a.answeredAt));
    };
    [1, 2, 3].forEach(store);
    // As the first schema kept them: in the case a terminal sent them. The lower-case copy of
    // answer 2 was then stored beside it as a second answer.
    old.prepare('UPDATE responses SET id = upper(id) WHERE seq < 3').run();
    store(2);
    old.close();

    const db = openSqliteFile(file);
    const ids = db.prepare('SELECT id FROM responses ORDER BY seq').pluck().all();
    expect(ids).toEqual([answer(1).id, answer(2).id.toUpperCase(), answer(3).id, answer(2).id]);
    db.close();
  });

  it('from a newer server is refused rather than misread', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hymy-db-'));
    const db = openSqliteFile(join(dir, DB_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteFile(join(dir!, DB_FILE))).toThrow(/schema version/);
  });
});

describe('a restarted server', () => {
  let t: TestServer | undefined;
  afterEach(() => t?.cleanup());

  it('keeps terminals, answers and used codes', async () => {
    t = await startTestServer();
    const terminal = await t.enroll();
    const code = await t.newCode();
    await t.call('POST', '/v1/enroll', { body: { code, hardwareId: 'hw', appVersion: '1' } });
    await t.upload(terminal.token, [answer(1), answer(2)]);

    t = await t.restart();
    const again = await t.upload(terminal.token, [answer(1), answer(2), answer(3)]);
    expect(UploadAnswerSchema.parse(again.body)).toEqual({
      accepted: [answer(3).id],
      duplicate: [answer(1).id, answer(2).id],
      rejected: [],
    });
    const reused = await t.call('POST', '/v1/enroll', {
      body: { code, hardwareId: 'hw', appVersion: '1' },
    });
    expect(reused.status).toBe(410);
    const list = (await t.admin('GET', '/v1/admin/terminals')).body as unknown[];
    expect(list).toHaveLength(2);
  });

  // PostgreSQL keeps its files under its own account: the server has no file of its own there.
  it.skipIf(TEST_ENGINE === 'postgres')(
    'keeps its SQLite file readable by its owner only',
    async () => {
      t = await startTestServer();
      expect((await stat(join(t.dataDir, DB_FILE))).mode & 0o777).toBe(0o600);
    },
  );
});

describe('the admin token', () => {
  let t: TestServer | undefined;
  afterEach(() => t?.cleanup());

  it('is generated on first start into DIR/admin-token with mode 0600, and kept for the next', async () => {
    t = await startTestServer({ adminToken: undefined, env: {} });
    const file = join(t.dataDir, 'admin-token');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(t.server.adminTokenSource).toBe('generated');
    const token = t.server.adminToken;
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect((await t.admin('GET', '/v1/admin/terminals')).status).toBe(200);

    t = await t.restart();
    expect(t.server.adminTokenSource).toBe('file');
    expect(t.server.adminToken).toBe(token);
  });

  it('comes from HYMY_ADMIN_TOKEN when no option gives it', async () => {
    t = await startTestServer({
      adminToken: undefined,
      env: { HYMY_ADMIN_TOKEN: 'from-the-env-0123456789' },
    });
    expect(t.server.adminToken).toBe('from-the-env-0123456789');
    expect(t.server.adminTokenSource).toBe('env');
  });

  it('in a file that others could read is made private again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hymy-central-'));
    await writeFile(join(dir, 'admin-token'), 'kept-token-0123456789\n', { mode: 0o644 });
    t = await startTestServer({ dataDir: dir, adminToken: undefined, env: {} });
    expect(t.server.adminToken).toBe('kept-token-0123456789');
    expect((await stat(join(dir, 'admin-token'))).mode & 0o777).toBe(0o600);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('shutting down', () => {
  it('finishes a request in flight before it stops, and keeps what that request stored', async () => {
    const t = await startTestServer();
    const terminal = await t.enroll();
    const body = JSON.stringify({ responses: [answer(1), answer(2)] });
    const half = Math.floor(body.length / 2);
    // `Expect: 100-continue`: the server's "100 Continue" says it has read the request's head,
    // so the request is in flight before the stop begins.
    const request = http.request(`${t.server.url}/v1/terminal/responses`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${terminal.token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    const continued = new Promise<void>((resolve) => request.once('continue', resolve));
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.once('error', reject);
      request.once('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
    });
    request.flushHeaders();
    await continued;
    request.write(body.slice(0, half));
    const closing = t.stop();
    // The stop is under way once a new connection is refused.
    await until(() =>
      fetch(`${t.server.url}/v1/openapi.json`).then(
        () => false,
        () => true,
      ),
    );
    request.end(body.slice(half));
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(UploadAnswerSchema.parse(JSON.parse(answered.text)).accepted).toHaveLength(2);
    await closing;
    await expect(fetch(`${t.server.url}/v1/openapi.json`)).rejects.toThrow();

    const restarted = await t.restart();
    const again = await restarted.upload(terminal.token, [answer(1)]);
    expect(UploadAnswerSchema.parse(again.body).duplicate).toEqual([answer(1).id]);
    await restarted.cleanup();
  });
});

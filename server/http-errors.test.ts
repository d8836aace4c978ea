import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../core/central-api';
import { buildApp } from './app';
import { serverContext } from './context';
import { createPdfRenderer } from './pdf/pdf-renderer';
import { openDatabase } from './database';
import { DB_FILE } from './database/sqlite';
import { silentLogger } from './log';
import { DEFAULT_RATE_LIMITS } from './rate-limits';
import { tokenHash } from './token';
import { answer, startTestServer, SURVEY, UNIT, type TestServer } from './test-support';

describe('errors and limits', () => {
  let t: TestServer | undefined;
  afterEach(() => t?.cleanup());

  it('too many enrollment attempts from one address get 429 with Retry-After', async () => {
    t = await startTestServer({ rateLimits: { enroll: { max: 3, windowMs: 60_000 } } });
    const attempt = () =>
      t!.call('POST', '/v1/enroll', {
        body: { code: 'ABCD-EFGH', hardwareId: 'hw', appVersion: '0.1.0' },
      });
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt()).status).toBe(404);
    }
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(ApiErrorSchema.parse(limited.body).error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("a terminal's uploads are limited per token: another terminal still gets through", async () => {
    t = await startTestServer({ rateLimits: { terminal: { max: 2, windowMs: 60_000 } } });
    const busy = await t.enroll();
    const other = await t.enroll();
    expect((await t.upload(busy.token, [answer(1)])).status).toBe(200);
    expect((await t.call('GET', '/v1/terminal/config', { token: busy.token })).status).toBe(200);
    const limited = await t.upload(busy.token, [answer(2)]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await t.upload(other.token, [answer(3)])).status).toBe(200);
  });

  it('made-up terminal tokens count against their address: a new token per call gets no new budget', async () => {
    t = await startTestServer({ rateLimits: { terminal: { max: 2, windowMs: 60_000 } } });
    const terminal = await t.enroll();
    const guess = (n: number) => t!.upload(`made-up-token-${n}-0123456789`, [answer(n)]);
    expect((await guess(1)).status).toBe(401);
    expect((await guess(2)).status).toBe(401);
    const limited = await guess(3);
    expect(limited.status).toBe(429);
    expect(ApiErrorSchema.parse(limited.body).error.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // An enrolled terminal at the same address keeps its own budget.
    expect((await t.upload(terminal.token, [answer(4)])).status).toBe(200);
    expect((await t.call('GET', '/v1/terminal/config', { token: terminal.token })).status).toBe(
      200,
    );
  });

  it('admin calls are limited too', async () => {
    t = await startTestServer({ rateLimits: { admin: { max: 1, windowMs: 60_000 } } });
    expect((await t.admin('GET', '/v1/admin/terminals')).status).toBe(200);
    expect((await t.admin('GET', '/v1/admin/terminals')).status).toBe(429);
  });

  it('sign-ins are limited per address, whatever the e-mail', async () => {
    t = await startTestServer({ rateLimits: { login: { max: 2, windowMs: 60_000 } } });
    const signIn = (email: string) =>
      t!.call('POST', '/v1/session', { body: { email, password: 'a guessed password' } });
    expect((await signIn('a@example.fi')).status).toBe(401);
    expect((await signIn('b@example.fi')).status).toBe(401);
    const limited = await signIn('c@example.fi');
    expect(limited.status).toBe(429);
    expect(ApiErrorSchema.strict().parse(limited.body).error.code).toBe('rate_limited');
  });

  it('an unknown path or method is 404 in the error shape of the API', async () => {
    t = await startTestServer();
    // `GET /` is the dashboard's page now (server/dashboard-files.ts); other paths stay 404.
    for (const [method, path] of [
      ['GET', '/nothing'],
      ['GET', '/assets/nothing.js'],
      ['GET', '/v1/nothing'],
      ['DELETE', '/v1/admin/terminals'],
    ] as const) {
      const missing = await t.call(method, path);
      expect(missing.status).toBe(404);
      expect(ApiErrorSchema.strict().parse(missing.body).error.code).toBe('not_found');
    }
  });

  it('no error answer carries a stack trace or fastify’s own error shape', async () => {
    t = await startTestServer();
    const answers = [
      await t.call('POST', '/v1/enroll', {
        body: '{"code":',
        headers: { 'content-type': 'application/json' },
      }),
      await t.call('POST', '/v1/enroll', {
        body: '{"__proto__": {"x": 1}}',
        headers: { 'content-type': 'application/json' },
      }),
      await t.call('POST', '/v1/enroll', {
        body: 'x'.repeat(20_000),
        headers: { 'content-type': 'application/json' },
      }),
      await t.admin('POST', '/v1/admin/enrollment-codes', {
        unit: UNIT,
        survey: { ...SURVEY, id: '' },
      }),
      await t.call('GET', '/v1/terminal/config', { token: 'x' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 413, 400, 401]);
    for (const got of answers) {
      const error = ApiErrorSchema.strict().parse(got.body);
      expect(Object.keys(error.error)).toEqual(['code', 'message']);
      expect(got.text).not.toMatch(/statusCode|at .*\.(ts|js):\d+|FST_/);
    }
  });

  it('the OpenAPI document is served', async () => {
    t = await startTestServer();
    const got = await t.call('GET', '/v1/openapi.json');
    expect(got.status).toBe(200);
    expect((got.body as { openapi: string }).openapi).toBe('3.1.0');
  });
});

describe('a server that is shutting down', () => {
  it('answers a new request 503 shutting_down with Retry-After, in the API’s error shape', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hymy-central-'));
    const database = await openDatabase({ kind: 'sqlite', file: join(dir, DB_FILE) });
    const app = await buildApp(
      serverContext(database, {
        logger: silentLogger,
        now: () => new Date(),
        adminTokenHash: tokenHash('admin'),
        pdf: createPdfRenderer({ logger: silentLogger }),
      }),
      { rateLimits: DEFAULT_RATE_LIMITS, isClosing: () => true },
    );
    const answer = await app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.headers['connection']).toBe('close');
    expect(ApiErrorSchema.parse(answer.json()).error.code).toBe('shutting_down');
    await app.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });
});

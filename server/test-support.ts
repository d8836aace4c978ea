import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Role } from '../core/accounts-api';
import type { EnrollAnswer } from '../core/central-api';
import { createTestDatabase, dropTestDatabase } from '../test/support/postgres';
import type { Response } from '../core/response';
import { sampleResponse, sampleResponseId } from '../core/sample-response';
import type { SurveyInput } from '../core/survey';
import {
  startCentralServer,
  type CentralServer,
  type CentralServerOptions,
} from './central-server';
import { hashPassword } from './accounts/password';
import type { Database } from './database';
import { silentLogger } from './log';
import { createStores } from './store';

/**
 * For the server's tests: a real server on a free port, over a real SQLite file in a temp dir —
 * or, in the `server-postgres` project, over a database of its own in the run's throwaway
 * PostgreSQL cluster (test/support/postgres-global-setup.ts), so the same tests check both.
 */

/** The run's PostgreSQL admin URL; '' when this project runs on SQLite. */
const POSTGRES_ADMIN_URL = inject('postgresUrl');

export const TEST_ENGINE: 'sqlite' | 'postgres' = POSTGRES_ADMIN_URL === '' ? 'sqlite' : 'postgres';

/** A fresh, empty PostgreSQL database for one test (undefined on SQLite); drop it after. */
export async function testDatabaseUrl(): Promise<string | undefined> {
  return TEST_ENGINE === 'postgres' ? createTestDatabase(POSTGRES_ADMIN_URL, 'server') : undefined;
}

export async function dropTestDatabaseUrl(url: string | undefined): Promise<void> {
  if (url !== undefined) {
    await dropTestDatabase(POSTGRES_ADMIN_URL, url);
  }
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export const UNIT = {
  id: 'khks-lapset',
  name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
};

/** The survey of central-api.md's example (visit-smiley v3), plus an NPS question. */
export const SURVEY: SurveyInput = {
  id: 'visit-smiley',
  version: 3,
  questions: [
    { id: 'overall', scale: 'smiley4' },
    { id: 'recommend', scale: 'nps11' },
  ],
};

export type Call = { status: number; headers: Headers; body: unknown; text: string };

export type TestServer = {
  server: CentralServer;
  dataDir: string;
  /** The PostgreSQL database's URL, or undefined on SQLite. */
  databaseUrl: string | undefined;
  /** The server's own database (its stores: `createStores(t.database.db)`). */
  database: Database;
  /** Adds a person's account straight into the database (its password hashed as always). */
  addAccount(account: TestAccount): Promise<void>;
  /** Signs in over HTTP; the session's cookie (`hymy_session=…`) for `person()`. */
  signIn(email: string, password: string): Promise<string>;
  /** A request as a signed-in person: the cookie, and the server's own Origin. */
  person(cookie: string, method: string, path: string, body?: unknown): Promise<Call>;
  /** Any request; JSON bodies are sent as JSON, strings as they are. */
  call(
    method: string,
    path: string,
    init?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Call>;
  admin(method: string, path: string, body?: unknown): Promise<Call>;
  /** A fresh enrollment code for UNIT/SURVEY (or the body given), made over HTTP. */
  newCode(body?: unknown): Promise<string>;
  /** A newly enrolled terminal. */
  enroll(body?: unknown): Promise<EnrollAnswer>;
  upload(token: string, responses: unknown[]): Promise<Call>;
  /** Stops the server (the data dir stays for a restart). */
  stop(): Promise<void>;
  /** A new server on the same data dir. */
  restart(options?: Partial<CentralServerOptions>): Promise<TestServer>;
  /** Stops the server and deletes its data dir. */
  cleanup(): Promise<void>;
};

export type TestAccount = {
  email: string;
  role: Role;
  units?: string[];
  password?: string;
};

/** The password `addAccount` gives an account unless told another. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** The n-th sample answer, with any field overridden. */
export function answer(n: number, overrides: Partial<Response> = {}): Response {
  return sampleResponse({ id: sampleResponseId(n), ...overrides });
}

async function toCall(response: globalThis.Response): Promise<Call> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (a CSV export): the text is there.
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** `ownDatabase`: a PostgreSQL database this helper made, dropped by cleanup(). */
async function serverOn(
  dataDir: string,
  options: Partial<CentralServerOptions>,
  ownDatabase?: string,
): Promise<TestServer> {
  let database: Database | undefined;
  const server = await startCentralServer({
    dataDir,
    port: 0,
    adminToken: TEST_ADMIN_TOKEN,
    logger: silentLogger,
    env: {},
    ...options,
    onDatabaseOpen: (opened) => {
      database = opened;
      options.onDatabaseOpen?.(opened);
    },
  });
  let stopped = false;
  const call: TestServer['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== undefined) {
      headers['authorization'] = `Bearer ${init.token}`;
    }
    let body: string | undefined;
    if (typeof init.body === 'string') {
      body = init.body;
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    return toCall(await fetch(`${server.url}${path}`, { method, headers, body }));
  };
  const admin: TestServer['admin'] = (method, path, body) =>
    call(method, path, { token: server.adminToken, body });
  const newCode = async (body: unknown = { unit: UNIT, survey: SURVEY }): Promise<string> => {
    const made = await admin('POST', '/v1/admin/enrollment-codes', body);
    if (made.status !== 201) {
      throw new Error(`no enrollment code: ${made.status} ${made.text}`);
    }
    return (made.body as { code: string }).code;
  };
  const person: TestServer['person'] = (cookie, method, path, body) =>
    call(method, path, { body, headers: { cookie, origin: server.url } });
  const test: TestServer = {
    server,
    dataDir,
    databaseUrl: options.databaseUrl,
    database: database!,
    addAccount: async ({ email, role, units = [], password = TEST_PASSWORD }) => {
      const added = await createStores(database!.db).accounts.add({
        email,
        role,
        units,
        passwordHash: await hashPassword(password),
        createdAt: new Date().toISOString(),
      });
      if (!added) {
        throw new Error(`${email} is already an account`);
      }
    },
    signIn: async (email, password) => {
      const signed = await call('POST', '/v1/session', { body: { email, password } });
      const cookie = /hymy_session=[^;]+/.exec(signed.headers.get('set-cookie') ?? '')?.[0];
      if (signed.status !== 204 || cookie === undefined) {
        throw new Error(`not signed in: ${signed.status} ${signed.text}`);
      }
      return cookie;
    },
    person,
    call,
    admin,
    newCode,
    enroll: async (body) => {
      const code = await newCode(body);
      const enrolled = await call('POST', '/v1/enroll', {
        body: { code, hardwareId: 'test-hw', appVersion: '0.1.0' },
      });
      if (enrolled.status !== 201) {
        throw new Error(`not enrolled: ${enrolled.status} ${enrolled.text}`);
      }
      return enrolled.body as EnrollAnswer;
    },
    upload: (token, responses) =>
      call('POST', '/v1/terminal/responses', { token, body: { responses } }),
    stop: async () => {
      if (!stopped) {
        stopped = true;
        await server.close();
      }
    },
    restart: async (more = {}) => {
      await test.stop();
      return serverOn(dataDir, { ...options, ...more }, ownDatabase);
    },
    cleanup: async () => {
      await test.stop();
      await rm(dataDir, { recursive: true, force: true });
      await dropTestDatabaseUrl(ownDatabase);
    },
  };
  return test;
}

export async function startTestServer(
  options: Partial<CentralServerOptions> = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hymy-central-'));
  if (options.databaseUrl !== undefined) {
    return serverOn(dataDir, options);
  }
  const databaseUrl = await testDatabaseUrl();
  return serverOn(dataDir, { ...options, databaseUrl }, databaseUrl);
}

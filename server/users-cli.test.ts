import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from './database/sqlite';
import { startTestServer, type TestServer } from './test-support';

const REPO = join(import.meta.dirname, '..');
const PASSWORD = 'correct horse battery staple';
const SPAWNS = 60_000;

type Ran = { code: number | null; stdout: string; stderr: string };

/** `npm run users -- <args>` as a real process, `stdin` written to it and closed. */
function runUsers(args: string[], stdin = ''): Promise<Ran> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/users-cli.ts', ...args], {
    cwd: REPO,
    // A URL in the runner's environment must not pick the database for a test.
    env: { ...process.env, HYMY_DATABASE_URL: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const ran: Ran = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (ran.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (ran.stderr += chunk.toString()));
  // The command may stop reading (a refusal before the password): that is no failure here.
  child.stdin.on('error', () => undefined);
  child.stdin.end(stdin);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      ran.code = code;
      resolve(ran);
    }),
  );
}

describe('npm run users', () => {
  let t: TestServer;
  /** The command on the test server's database (SQLite file or PostgreSQL). */
  const users = (args: string[], stdin?: string): Promise<Ran> =>
    runUsers(
      [
        ...args,
        '--data-dir',
        t.dataDir,
        ...(t.databaseUrl === undefined ? [] : ['--database', t.databaseUrl]),
      ],
      stdin,
    );
  const signIn = (email: string, password: string) =>
    t.call('POST', '/v1/session', { body: { email, password } });
  const sessionCookie = (headers: Headers): string =>
    /hymy_session=[^;]+/.exec(headers.get('set-cookie') ?? '')?.[0] ?? '';

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.cleanup());

  it(
    'adds county and unit accounts that can sign in, lists them, and keeps only a scrypt hash',
    async () => {
      const county = await users(
        ['add', '--email', ' E@X.fi ', '--role', 'county'],
        `${PASSWORD}\n`,
      );
      expect(county).toEqual({ code: 0, stdout: 'user e@x.fi county\n', stderr: '' });
      // CRLF from a Windows editor's file ends the line too; the \r is no part of the password.
      const unit = await users(
        ['add', '--email', 'u@x.fi', '--role', 'unit', '--unit', 'khks-lapset', '--unit', 'b.2'],
        `${PASSWORD}\r\n`,
      );
      expect(unit).toEqual({ code: 0, stdout: 'user u@x.fi unit\n', stderr: '' });

      const listed = await users(['list']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toBe('e@x.fi county *\nu@x.fi unit b.2,khks-lapset\n');

      for (const email of ['e@x.fi', 'u@x.fi']) {
        const signed = await signIn(email, PASSWORD);
        expect(signed.status).toBe(204);
        expect(signed.headers.get('set-cookie')).toContain('hymy_session=');
      }
      const rows = await t.database.db
        .selectFrom('accounts')
        .select(['email', 'password_hash'])
        .execute();
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.password_hash).toMatch(/^scrypt\$/);
        expect(row.password_hash).not.toContain(PASSWORD);
      }
    },
    SPAWNS,
  );

  it(
    'refuses bad input with exit code 2, a one-line reason and nothing stored',
    async () => {
      await t.database.db.deleteFrom('accounts').execute();
      const taken = await users(['add', '--email', 'taken@x.fi', '--role', 'county'], PASSWORD);
      expect(taken.code).toBe(0);

      const refusals: [string[], string, string][] = [
        [['--email', 'TAKEN@x.fi', '--role', 'county'], PASSWORD, 'already exists'],
        [['--email', 'short@x.fi', '--role', 'county'], '12345678901\n', 'at least 12 characters'],
        [['--email', 'unit@x.fi', '--role', 'unit'], PASSWORD, 'needs at least one --unit'],
        [['--email', 'c@x.fi', '--role', 'county', '--unit', 'a'], PASSWORD, 'leave out --unit'],
        [['--email', 'no-at-sign', '--role', 'county'], PASSWORD, 'must be an e-mail'],
        [['--email', 'r@x.fi', '--role', 'admin'], PASSWORD, 'must be county or unit'],
      ];
      const answers = await Promise.all(
        refusals.map(([args, stdin]) => users(['add', ...args], stdin)),
      );
      answers.forEach((answer, i) => {
        expect(answer.code, refusals[i]![0].join(' ')).toBe(2);
        expect(answer.stdout).toBe('');
        expect(answer.stderr).toContain(refusals[i]![2]);
        expect(answer.stderr.trim().split('\n')).toHaveLength(1);
      });

      // Usage errors show the usage after their line.
      const usage = await Promise.all([
        users(['rename', '--email', 'x@x.fi']),
        users(['add', '--role', 'county']),
        users(['list', '--verbose']),
        runUsers(['list']),
      ]);
      for (const answer of usage) {
        expect(answer.code).toBe(2);
        expect(answer.stderr).toMatch(/^hymy: .*\nUsage: npm run users -- add/);
      }

      expect((await users(['list'])).stdout).toBe('taken@x.fi county *\n');
    },
    SPAWNS,
  );

  it(
    'removes an account with its sessions, refuses an unknown one, and audits both changes',
    async () => {
      const added = await users(
        ['add', '--email', 'gone@x.fi', '--role', 'unit', '--unit', 'khks-lapset'],
        PASSWORD,
      );
      expect(added.code).toBe(0);
      const signed = await signIn('gone@x.fi', PASSWORD);
      expect(signed.status).toBe(204);
      const cookie = sessionCookie(signed.headers);
      expect((await t.call('GET', '/v1/me', { headers: { cookie } })).status).toBe(200);

      const removed = await users(['remove', '--email', 'Gone@x.fi']);
      expect(removed).toEqual({ code: 0, stdout: 'removed gone@x.fi\n', stderr: '' });
      expect((await t.call('GET', '/v1/me', { headers: { cookie } })).status).toBe(401);
      const again = await users(['remove', '--email', 'gone@x.fi']);
      expect(again.code).toBe(2);
      expect(again.stderr).toBe('hymy: there is no account gone@x.fi\n');

      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'target', 'detail_json'])
        .where('target', '=', 'gone@x.fi')
        .orderBy('seq')
        .execute();
      expect(audit).toEqual([
        {
          actor: 'command-line',
          action: 'account_added',
          target: 'gone@x.fi',
          detail_json: JSON.stringify({ role: 'unit', units: ['khks-lapset'] }),
        },
        {
          actor: 'command-line',
          action: 'account_removed',
          target: 'gone@x.fi',
          detail_json: null,
        },
      ]);
    },
    SPAWNS,
  );

  it(
    'says why it cannot open a database (2 none in DIR, 1 unreadable) and explains itself with --help',
    async () => {
      const manifest = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      expect(manifest.scripts['users']).toBe('node --import tsx server/users-cli.ts');

      const empty = await mkdtemp(join(tmpdir(), 'hymy-users-'));
      const broken = await mkdtemp(join(tmpdir(), 'hymy-users-'));
      try {
        await writeFile(join(broken, DB_FILE), 'not a database, just bytes'.repeat(100));
        const [none, unreadable, unreachable, help] = await Promise.all([
          runUsers(['list', '--data-dir', empty]),
          runUsers(['list', '--data-dir', broken]),
          runUsers(['list', '--data-dir', empty, '--database', 'postgres://nobody@127.0.0.1:1/x']),
          runUsers(['--help']),
        ]);
        expect(none.code).toBe(2);
        expect(none.stderr).toBe(`hymy: there is no database in ${empty} (${DB_FILE})\n`);
        for (const failed of [unreadable, unreachable]) {
          expect(failed.code).toBe(1);
          expect(failed.stderr).toMatch(/^hymy: the database could not be opened \(\w+\)\n$/);
        }
        expect(help.code).toBe(0);
        expect(help.stdout).toMatch(/^Usage: npm run users -- add --data-dir DIR/);
        expect(help.stdout).toContain('printf \'%s\\n\' "$PASSWORD" | npm run users -- add');
      } finally {
        await rm(empty, { recursive: true, force: true });
        await rm(broken, { recursive: true, force: true });
      }
    },
    SPAWNS,
  );
});

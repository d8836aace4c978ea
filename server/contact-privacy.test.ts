import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import sodium from 'libsodium-wrappers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNewContactKey } from './contact-key';
import { createLogger } from './log';
import {
  answer,
  startTestServer,
  SURVEY,
  TEST_ENGINE,
  UNIT,
  type TestServer,
} from './test-support';

/**
 * The privacy promise of central-reports.md, checked where it would be broken: a contact
 * request goes in sealed, is opened by a person (and audited), and its item is handled. At no
 * point do the typed name, number or address stand in any table of the server's database, nor
 * in its log; on SQLite not in the database's files either. Once handled, not even the sealed
 * text is left in a table. Runs on SQLite here and on PostgreSQL in `server-postgres`.
 */

const TYPED = {
  name: 'Maija Meikäläinen',
  phone: '+358401234567',
  email: 'maija.meikalainen@example.fi',
};
/** What a search must not find: each typed value, and the number as people write it. */
const NEEDLES = [TYPED.name, TYPED.phone, '401234567', TYPED.email, 'meikalainen'];

/** Every row of every table of the server's database, as JSON text, by table. */
async function everyTable(t: TestServer): Promise<Map<string, string>> {
  const db = t.database.db;
  const names =
    TEST_ENGINE === 'postgres'
      ? await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(
          db,
        );
  const tables = new Map<string, string>();
  for (const { name } of names.rows) {
    const rows = await sql`SELECT * FROM ${sql.table(name)}`.execute(db);
    tables.set(name, JSON.stringify(rows.rows));
  }
  return tables;
}

function found(haystacks: Map<string, string>, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const [where, text] of haystacks) {
    for (const needle of needles) {
      if (text.toLowerCase().includes(needle.toLowerCase())) {
        hits.push(`${needle} in ${where}`);
      }
    }
  }
  return hits;
}

describe(`contact details on the server (${TEST_ENGINE})`, () => {
  let t: TestServer;
  let keyDir: string;
  let sealed: string;
  const log: string[] = [];

  beforeAll(async () => {
    await sodium.ready;
    keyDir = await mkdtemp(join(tmpdir(), 'hymy-privacy-key-'));
    const keyFile = join(keyDir, 'contact-key');
    const made = await writeNewContactKey(keyFile);
    if (!made.ok) {
      throw new Error(made.problem);
    }
    const publicKey = sodium.from_base64(made.publicKeyBase64, sodium.base64_variants.ORIGINAL);
    sealed = sodium.to_base64(
      sodium.crypto_box_seal(JSON.stringify(TYPED), publicKey),
      sodium.base64_variants.ORIGINAL,
    );
    t = await startTestServer({
      contactKeyFile: keyFile,
      logger: createLogger({ write: (line) => log.push(line), level: 'debug' }),
    });
  });

  afterAll(async () => {
    await t?.cleanup();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('keeps only the sealed text until the item is handled, then nothing; the plain details are never in a table, the log or the files', async () => {
    const terminal = await t.enroll({ unit: UNIT, survey: SURVEY, contact: { enabled: true } });
    const request = answer(1, {
      value: 1,
      comment: 'Odotin liian kauan',
      contactSealed: sealed,
      answeredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const uploaded = await t.upload(terminal.token, [request]);
    expect(uploaded.body).toMatchObject({ accepted: [request.id] });

    const tables = await everyTable(t);
    expect(tables.get('contact_requests')).toContain(sealed);
    expect(tables.get('responses')).not.toContain(sealed);

    const opened = await t.call('POST', `/v1/feedback/${request.id}/contact`, {
      token: t.server.adminToken,
    });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toEqual({ contact: TYPED });
    expect((await everyTable(t)).get('audit_log')).toContain('contact_opened');

    const handled = await t.call('PATCH', `/v1/feedback/${request.id}`, {
      token: t.server.adminToken,
      body: { state: 'handled', note: 'Soitettu ja pahoiteltu' },
    });
    expect(handled.status, handled.text).toBe(200);
    const gone = await t.call('POST', `/v1/feedback/${request.id}/contact`, {
      token: t.server.adminToken,
    });
    expect(gone.status).toBe(410);

    const after = await everyTable(t);
    expect(found(after, NEEDLES)).toEqual([]);
    expect(found(after, [sealed])).toEqual([]);
    // The answer itself stays, with its comment, in the reports.
    expect(after.get('responses')).toContain('Odotin liian kauan');
    expect(found(new Map([['log', log.join('\n')]]), [...NEEDLES, sealed])).toEqual([]);
    expect(log.length).toBeGreaterThan(0);

    if (TEST_ENGINE === 'sqlite') {
      // Once the WAL is written back, not even the deleted sealed text is in the files.
      const checkpoint = await sql<{
        busy: number;
      }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.database.db);
      expect(checkpoint.rows[0]?.busy).toBe(0);
      const files = new Map<string, string>();
      for (const name of await readdir(t.dataDir)) {
        if (name.startsWith('central.sqlite')) {
          files.set(name, (await readFile(join(t.dataDir, name))).toString('latin1'));
        }
      }
      expect(files.size).toBeGreaterThan(0);
      // UTF-8 bytes read as Latin-1: the ASCII needles match as they are.
      expect(found(files, [TYPED.phone, '401234567', TYPED.email, sealed])).toEqual([]);
      expect(found(files, ['Odotin liian kauan'])).toHaveLength(1);
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollAnswer } from '../core/central-api';
import { FeedbackItemSchema, FeedbackListSchema, type FeedbackItem } from '../core/feedback-api';
import { writeNewContactKey } from './contact-key';
import { expireContacts } from './feedback/contact-expiry';
import {
  answer,
  startTestServer,
  SURVEY,
  TEST_PASSWORD,
  UNIT,
  type TestServer,
} from './test-support';

/**
 * Feedback handling and contact requests of central-reports.md, end to end over HTTP: what an
 * upload makes an item of, the inbox's filters and pages, a unit account's limits, marking read
 * and handled, opening a contact (always audited), and the 30 days after which it is gone.
 */

const OTHER_UNIT = { id: 'khks-aikuiset', name: { fi: 'Aikuisten yksikkö' } };
const START_MS = Date.parse('2026-11-23T12:00:00Z');
const CONTACT = { name: 'Maija Meikäläinen', phone: '040 123 4567' };

const id = (n: number) => answer(n).id;

describe('feedback items and contact requests', () => {
  let t: TestServer;
  let keyDir: string;
  let publicKey: Uint8Array;
  let nowMs = START_MS;
  let terminal: EnrollAnswer;
  let other: EnrollAnswer;
  let unitCookie: string;
  let countyCookie: string;

  const seal = (details: unknown): string =>
    sodium.to_base64(
      sodium.crypto_box_seal(JSON.stringify(details), publicKey),
      sodium.base64_variants.ORIGINAL,
    );

  const list = async (query = '', cookie = countyCookie): Promise<FeedbackItem[]> => {
    const got = await t.person(cookie, 'GET', `/v1/feedback${query}`);
    expect(got.status, got.text).toBe(200);
    return FeedbackListSchema.parse(got.body);
  };

  beforeAll(async () => {
    await sodium.ready;
    keyDir = await mkdtemp(join(tmpdir(), 'hymy-contact-key-'));
    const keyFile = join(keyDir, 'contact-key');
    const made = await writeNewContactKey(keyFile);
    if (!made.ok) {
      throw new Error(made.problem);
    }
    publicKey = sodium.from_base64(made.publicKeyBase64, sodium.base64_variants.ORIGINAL);
    t = await startTestServer({ contactKeyFile: keyFile, now: () => new Date(nowMs) });
    // Contact on without a key: the server fills in its own.
    terminal = await t.enroll({
      unit: UNIT,
      survey: SURVEY,
      contact: { enabled: true, replyWithinDays: 3 },
    });
    other = await t.enroll({ unit: OTHER_UNIT, survey: SURVEY });
    await t.addAccount({ email: 'unit@example.fi', role: 'unit', units: [UNIT.id] });
    await t.addAccount({ email: 'county@example.fi', role: 'county' });
    unitCookie = await t.signIn('unit@example.fi', TEST_PASSWORD);
    countyCookie = await t.signIn('county@example.fi', TEST_PASSWORD);

    const at = (minute: number) => `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const uploaded = await t.upload(terminal.token, [
      answer(1, {
        answeredAt: at(0),
        comment: 'Hyvä palvelu',
        followUp: { questionId: 'reason', value: 'staff' },
      }),
      answer(2, { answeredAt: at(1) }),
      answer(3, { answeredAt: at(2), comment: 'a test', flags: ['test'] }),
      answer(4, { answeredAt: at(5), value: 1, contactSealed: seal(CONTACT) }),
      answer(5, { answeredAt: at(6), contactSealed: seal(CONTACT), flags: ['test'] }),
      answer(6, {
        answeredAt: at(10),
        questionId: 'recommend',
        scale: 'nps11',
        value: 9,
        comment: 'Suosittelen',
      }),
      answer(7, { answeredAt: at(11), comment: '' }),
      answer(9, { answeredAt: at(12), contactSealed: 'A'.repeat(1028) }),
      answer(10, { answeredAt: at(13), contactSealed: 'not base64!' }),
      answer(11, {
        answeredAt: at(14),
        comment: 'Toinen',
        contactSealed: seal({ email: 'a@b.fi' }),
      }),
    ]);
    expect(uploaded.status, uploaded.text).toBe(200);
    const body = uploaded.body as {
      accepted: string[];
      rejected: { id: string; code: string; message: string }[];
    };
    expect(body.accepted).toEqual([1, 2, 3, 4, 5, 6, 7, 11].map(id));
    expect(body.rejected.map((r) => [r.id, r.code])).toEqual([
      [id(9), 'contact_invalid'],
      [id(10), 'contact_invalid'],
    ]);
    for (const rejected of body.rejected) {
      expect(rejected.message).toMatch(/^contactSealed: /);
    }
    const fromOther = await t.upload(other.token, [
      answer(8, { answeredAt: at(20), comment: 'Muualta' }),
    ]);
    expect(fromOther.status).toBe(200);
  }, 30_000);

  afterAll(async () => {
    await t?.cleanup();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('makes an item of every answer with a comment or a contact, but not of a test’s or one without', async () => {
    const items = await list();
    expect(items.map((item) => item.id)).toEqual([8, 11, 6, 4, 1].map(id));
    const first = items.find((item) => item.id === id(1))!;
    expect(first).toMatchObject({
      unitId: UNIT.id,
      answeredAt: '2026-11-23T10:00:00.000Z',
      questionId: 'overall',
      scale: 'smiley4',
      comment: 'Hyvä palvelu',
      followUp: { questionId: 'reason', value: 'staff' },
      hasContact: false,
      state: 'new',
    });
    expect(first.dueAt).toBeUndefined();
    const contact = items.find((item) => item.id === id(4))!;
    // Three calendar days on (the terminal's replyWithinDays), at the same wall-clock time.
    expect(contact).toMatchObject({ hasContact: true, comment: null, value: 1 });
    expect(contact.dueAt).toBe('2026-11-26T10:05:00.000Z');
  });

  it('keeps the sealed contact out of the responses table, and a test’s contact nowhere', async () => {
    const db = t.database.db;
    const rows = await db.selectFrom('responses').selectAll().execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain(CONTACT.phone);
    expect(Object.keys(rows[0]!)).not.toContain('contact_sealed');
    const sealed = await db
      .selectFrom('contact_requests')
      .select(['response_id', 'sealed'])
      .execute();
    expect(sealed.map((row) => row.response_id).sort()).toEqual([id(11), id(4)].sort());
    for (const row of sealed) {
      expect(text).not.toContain(row.sealed);
    }
  });

  it('filters by unit, state, time, question, value and contact, and pages newest first', async () => {
    const ids = (items: FeedbackItem[]) => items.map((item) => item.id);
    expect(ids(await list(`?unitId=${OTHER_UNIT.id}`))).toEqual([id(8)]);
    expect(ids(await list('?contact=true'))).toEqual([id(11), id(4)]);
    expect(ids(await list('?contact=false'))).toEqual([8, 6, 1].map(id));
    expect(ids(await list('?questionId=recommend'))).toEqual([id(6)]);
    expect(ids(await list('?questionId=overall&value=1'))).toEqual([id(4)]);
    expect(ids(await list('?from=2026-11-23T10:05:00.000Z&to=2026-11-23T10:14:00.000Z'))).toEqual([
      id(6),
      id(4),
    ]);
    expect(ids(await list('?state=new'))).toHaveLength(5);
    expect(ids(await list('?state=handled'))).toEqual([]);
    const page1 = await list('?limit=2');
    expect(ids(page1)).toEqual([id(8), id(11)]);
    const page2 = await list(`?limit=2&before=${id(11)}`);
    expect(ids(page2)).toEqual([id(6), id(4)]);
    expect(ids(await list(`?limit=2&before=${id(4)}`))).toEqual([id(1)]);
    const bad = await t.person(countyCookie, 'GET', '/v1/feedback?state=done');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_query' } });
  });

  it('shows a unit account its own units’ items only, and refuses another unit’s', async () => {
    expect((await list('', unitCookie)).map((item) => item.unitId)).not.toContain(OTHER_UNIT.id);
    expect(await list('', unitCookie)).toHaveLength(4);
    const asked = await t.person(unitCookie, 'GET', `/v1/feedback?unitId=${OTHER_UNIT.id}`);
    expect(asked.status).toBe(403);
    const patched = await t.person(unitCookie, 'PATCH', `/v1/feedback/${id(8)}`, { state: 'read' });
    expect(patched.status).toBe(403);
    const opened = await t.person(unitCookie, 'POST', `/v1/feedback/${id(8)}/contact`);
    expect(opened.status).toBe(403);
    const nobody = await t.call('GET', '/v1/feedback');
    expect(nobody.status).toBe(401);
  });

  it('marks an item read once, and handled with who and when', async () => {
    const read = await t.person(unitCookie, 'PATCH', `/v1/feedback/${id(1)}`, { state: 'read' });
    expect(read.status, read.text).toBe(200);
    const readItem = FeedbackItemSchema.parse(read.body);
    expect(readItem).toMatchObject({ state: 'read', readAt: new Date(nowMs).toISOString() });
    nowMs += 60_000;
    const handled = await t.person(unitCookie, 'PATCH', `/v1/feedback/${id(1)}`, {
      state: 'handled',
    });
    expect(handled.status, handled.text).toBe(200);
    expect(handled.body).toMatchObject({
      state: 'handled',
      readAt: readItem.readAt,
      handledAt: new Date(nowMs).toISOString(),
      handledBy: 'unit@example.fi',
    });
    const unknown = await t.person(unitCookie, 'PATCH', `/v1/feedback/${id(2)}`, {
      state: 'read',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'feedback_unknown' } });
    const invalid = await t.person(unitCookie, 'PATCH', `/v1/feedback/${id(1)}`, {
      state: 'new',
    });
    expect(invalid.status).toBe(400);
  });

  it('opens a contact for an authorised person, writing the opening to the audit log first', async () => {
    const opened = await t.person(unitCookie, 'POST', `/v1/feedback/${id(4)}/contact`);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toEqual({ contact: CONTACT });
    const entries = await auditRows(t);
    const entry = entries.find((row) => row.action === 'contact_opened');
    expect(entry).toMatchObject({ actor: 'unit@example.fi', target: id(4) });
    expect(JSON.stringify(await auditRows(t))).not.toContain(CONTACT.phone);
    const none = await t.person(unitCookie, 'POST', `/v1/feedback/${id(6)}/contact`);
    expect(none.status).toBe(404);
  });

  it('needs a note to handle a contact request, then deletes the contact: 410 after', async () => {
    const noNote = await t.person(unitCookie, 'PATCH', `/v1/feedback/${id(4)}`, {
      state: 'handled',
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body).toMatchObject({ error: { code: 'note_required' } });
    const handled = await t.person(unitCookie, 'PATCH', `/v1/feedback/${id(4)}`, {
      state: 'handled',
      note: 'Soitettu potilaalle',
    });
    expect(handled.status, handled.text).toBe(200);
    expect(handled.body).toMatchObject({
      state: 'handled',
      note: 'Soitettu potilaalle',
      contactDeletedAt: new Date(nowMs).toISOString(),
      hasContact: true,
    });
    const sealed = await t.database.db
      .selectFrom('contact_requests')
      .select('response_id')
      .where('response_id', '=', id(4))
      .execute();
    expect(sealed).toEqual([]);
    const gone = await t.person(unitCookie, 'POST', `/v1/feedback/${id(4)}/contact`);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ error: { code: 'contact_deleted' } });
    expect(JSON.stringify(await auditRows(t))).not.toContain('Soitettu');
  });

  it('deletes a contact 30 days after its answer, keeping the item', async () => {
    const answeredMs = Date.parse('2026-11-23T10:14:00.000Z');
    const db = t.database.db;
    expect(await expireContacts(db, new Date(answeredMs + 30 * 86_400_000 - 1))).toBe(0);
    // A restart 30 days on: the check at start deletes it, with no waiting.
    nowMs = answeredMs + 30 * 86_400_000;
    t = await t.restart({ now: () => new Date(nowMs) });
    const left = await t.database.db.selectFrom('contact_requests').selectAll().execute();
    expect(left).toEqual([]);
    const item = await t.admin('GET', `/v1/feedback?contact=true&unitId=${UNIT.id}`);
    expect(item.status).toBe(200);
    expect(FeedbackListSchema.parse(item.body)[0]).toMatchObject({
      id: id(11),
      comment: 'Toinen',
      state: 'new',
      contactDeletedAt: new Date(nowMs).toISOString(),
    });
    const gone = await t.admin('POST', `/v1/feedback/${id(11)}/contact`);
    expect(gone.status).toBe(410);
  }, 30_000);
});

async function auditRows(
  t: TestServer,
): Promise<{ action: string; actor: string; target: string | null }[]> {
  const rows = await t.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor', 'target', 'detail_json'])
    .orderBy('seq')
    .execute();
  return rows;
}

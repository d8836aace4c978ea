import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from '../../core/response';
import {
  answer,
  startTestServer,
  TEST_ADMIN_TOKEN,
  TEST_PASSWORD,
  UNIT,
  type TestServer,
} from '../../server/test-support';

/**
 * The wall poster and the monthly report as PDFs, made by the real Chromium (/usr/bin/chromium,
 * or HYMY_CHROMIUM) over HTTP from answers uploaded through the API, and read back with poppler
 * (`pdftoppm`, `pdftotext`): the poster is one page in the unit's languages with the public
 * page's suppression, the report holds every question and the feedback counts and a comment's
 * text only when asked for, and another unit's account gets neither.
 */

const run = promisify(execFile);
// 10 December 2026: November is the last whole month.
const NOW = new Date('2026-12-10T10:00:00.000Z');
const SWEDISH_UNIT = { id: 'vasa-barn', name: { sv: 'Barnavdelningen', fi: 'Lastenosasto' } };
const LONG_NAME =
  'Keski-Suomen hyvinvointialueen lasten ja nuorten psykiatrian poliklinikka ja päiväosasto, ' +
  'Jyväskylän sairaalan uudisrakennus, kerros 4, siipi B, vastaanotto, ajanvaraus, ' +
  'etävastaanotto, puhelinpalvelu ja perheneuvola arkisin kello kahdeksasta kuuteentoista, ' +
  'viikonloppuisin ja pyhäpäivinä päivystys Kukkulan sairaalan päivystyspoliklinikalla, ' +
  'jonne ajetaan pääsisäänkäynnistä ja sieltä hissillä kolmanteen kerrokseen asti';
const LONG_UNIT = { id: 'pitka-nimi', name: { fi: LONG_NAME } };
const SURVEY = {
  id: 'visit-smiley',
  version: 3,
  questions: [
    {
      id: 'overall',
      scale: 'smiley4' as const,
      text: { fi: 'Millainen käyntisi oli?', sv: 'Hur var ditt besök?', en: 'How was your visit?' },
      followUp: {
        id: 'reason',
        when: [1, 2],
        options: [{ id: 'waiting-time', text: { fi: 'Odotusaika', en: 'Waiting time' } }],
      },
    },
    { id: 'recommend', scale: 'nps11' as const },
  ],
};
const COMMENT = 'Hoitaja Virtanen oli ystävällinen <b>ja</b> kiireetön';
const MANAGER = 'manager@lapset.example.fi';
const OTHER_MANAGER = 'manager@vasa.example.fi';

let t: TestServer;
let cookie: string;
let otherCookie: string;
let dir: string;
let nextId = 1;
const timings: string[] = [];

/** `count` answers at a Helsinki noon on `date`, a minute apart. */
function answers(date: string, count: number, fields: Partial<Response> = {}): Response[] {
  return Array.from({ length: count }, (_, i) =>
    answer(nextId++, {
      answeredAt: new Date(Date.parse(`${date}T10:00:00.000Z`) + i * 60_000).toISOString(),
      ...fields,
    }),
  );
}

type Pdf = { pages: number; text: string; bytes: number };

/** Fetches a PDF (as `who`: a session cookie, or the admin token) and reads it back. */
async function pdfAt(path: string, who: string = cookie): Promise<Pdf> {
  const started = performance.now();
  const got = await fetch(`${t.server.url}${path}`, {
    headers: who === TEST_ADMIN_TOKEN ? { authorization: `Bearer ${who}` } : { cookie: who },
  });
  const body = Buffer.from(await got.arrayBuffer());
  expect(got.status, body.toString('utf8').slice(0, 300)).toBe(200);
  timings.push(`${path}: ${Math.round(performance.now() - started)} ms, ${body.length} bytes`);
  expect(got.headers.get('content-type')).toBe('application/pdf');
  expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = join(dir, `${nextId++}.pdf`);
  await writeFile(file, body);
  const prefix = join(dir, `${nextId++}-page`);
  await run('pdftoppm', ['-png', '-r', '50', file, prefix]);
  const pages = (await readdir(dir)).filter((name) => name.startsWith(`${nextId - 1}-page`));
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  // One space for any run of spaces (Intl writes "80 %" with a no-break space), lines kept apart.
  return { pages: pages.length, text: stdout.replace(/\s+/gu, ' '), bytes: body.length };
}

async function status(path: string, who: string): Promise<number> {
  const got = await fetch(`${t.server.url}${path}`, {
    headers: who === TEST_ADMIN_TOKEN ? { authorization: `Bearer ${who}` } : { cookie: who },
  });
  await got.arrayBuffer();
  return got.status;
}

const reports = (unitId: string) => `/v1/reports/units/${unitId}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hymy-pdfs-'));
  t = await startTestServer({ now: () => NOW });
  const { token } = await t.enroll({ unit: UNIT, survey: SURVEY });
  const swedish = await t.enroll({
    unit: SWEDISH_UNIT,
    survey: SURVEY,
    languages: ['sv', 'fi'],
    defaultLanguage: 'sv',
  });
  const long = await t.enroll({ unit: LONG_UNIT, survey: SURVEY });
  const batch = [
    // September: 12 answers; October: 4 (suppressed on the poster); November: 5, 4 positive.
    ...answers('2026-09-08', 12, { value: 4 }),
    ...answers('2026-10-06', 4, { value: 4 }),
    ...answers('2026-11-03', 3, { value: 4 }),
    ...answers('2026-11-04', 1, {
      value: 1,
      comment: COMMENT,
      followUp: { questionId: 'reason', value: 'waiting-time' },
    }),
    ...answers('2026-11-05', 1, { value: 3, comment: 'Toinen kommentti' }),
    ...answers('2026-11-05', 5, { questionId: 'recommend', scale: 'nps11', value: 9 }),
    ...answers('2026-11-06', 1, {
      questionId: 'recommend',
      scale: 'nps11',
      value: 6,
      comment: 'Kolmas kommentti',
    }),
    // Never counted.
    ...answers('2026-11-06', 3, { value: 1, flags: ['test'] }),
  ];
  expect((await t.upload(token, batch)).status).toBe(200);
  const sv = [...answers('2026-10-07', 4, { value: 4 }), ...answers('2026-11-07', 5, { value: 3 })];
  expect((await t.upload(swedish.token, sv)).status).toBe(200);
  expect((await t.upload(long.token, answers('2026-11-09', 7, { value: 4 }))).status).toBe(200);
  expect((await t.admin('PATCH', `/v1/admin/units/${UNIT.id}`, { public: true })).status).toBe(200);

  await t.addAccount({ email: MANAGER, role: 'unit', units: [UNIT.id] });
  expect(
    (
      await t.admin('PATCH', `/v1/admin/accounts/${encodeURIComponent(MANAGER)}`, {
        language: 'en',
      })
    ).status,
  ).toBe(200);
  await t.addAccount({ email: OTHER_MANAGER, role: 'unit', units: [SWEDISH_UNIT.id] });
  cookie = await t.signIn(MANAGER, TEST_PASSWORD);
  otherCookie = await t.signIn(OTHER_MANAGER, TEST_PASSWORD);
  // Of the three comments: one read, one handled, one new.
  const items = (await t.person(cookie, 'GET', `/v1/feedback?unitId=${UNIT.id}`)).body as {
    id: string;
  }[];
  expect(items).toHaveLength(3);
  expect(
    (await t.person(cookie, 'PATCH', `/v1/feedback/${items[0]!.id}`, { state: 'read' })).status,
  ).toBe(200);
  expect(
    (
      await t.person(cookie, 'PATCH', `/v1/feedback/${items[1]!.id}`, {
        state: 'handled',
        note: 'ok',
      })
    ).status,
  ).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
  await rm(dir, { recursive: true, force: true });
  if (timings.length > 0) {
    process.stdout.write(`unit PDFs (render and transfer):\n  ${timings.join('\n  ')}\n`);
  }
});

describe('the wall poster', () => {
  it('is one A4 page in fi, sv and en with the month’s figure, its interval and n', async () => {
    const pdf = await pdfAt(`${reports(UNIT.id)}/poster.pdf?month=2026-11`);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('Lastenyksikkö');
    expect(pdf.text).toContain('Marraskuu 2026');
    // 4 of 5 positive: 80 %, Wilson 37.6–96.4 %.
    expect(pdf.text).toContain('80 %');
    expect(pdf.text).toContain('95 %:n luottamusväli 38 %–96 %');
    expect(pdf.text).toContain('5 vastausta');
    expect(pdf.text).toContain('5 answers');
    for (const thanks of [
      'Kiitos palautteestasi!',
      'Tack för din respons!',
      'Thank you for your feedback!',
    ]) {
      expect(pdf.text).toContain(thanks);
    }
    // Published: the public page's address, as text.
    expect(pdf.text).toContain(`${t.server.url}/public/units/${UNIT.id}`);
    // The six months, October (4 answers) without a figure.
    expect(pdf.text).toMatch(/kesä heinä elo syys loka marras/);
    expect(pdf.text).toContain('alle 5');
  });

  it('shows no figure for a month of 4 answers', async () => {
    const pdf = await pdfAt(`${reports(UNIT.id)}/poster.pdf?month=2026-10`);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('Alle 5 vastausta');
    expect(pdf.text).toContain('Fewer than 5 answers');
    expect(pdf.text).not.toContain('myönteisiä vastauksia');
    expect(pdf.text).not.toContain('4 vastausta');
    expect(pdf.text).not.toContain('luottamusväli');
  });

  it('speaks the languages the unit’s terminals offer, the first one first', async () => {
    const pdf = await pdfAt(`${reports(SWEDISH_UNIT.id)}/poster.pdf?month=2026-11`, otherCookie);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('Barnavdelningen');
    expect(pdf.text.indexOf('Tack för din respons!')).toBeLessThan(
      pdf.text.indexOf('Kiitos palautteestasi!'),
    );
    expect(pdf.text).not.toContain('Thank you');
    expect(pdf.text).toContain('5 svar');
    // Not published: no address.
    expect(pdf.text).not.toContain('/public/units/');
  });

  it('stays one page for a very long unit name', async () => {
    const pdf = await pdfAt(`${reports(LONG_UNIT.id)}/poster.pdf?month=2026-11`, TEST_ADMIN_TOKEN);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('Keski-Suomen hyvinvointialueen');
    expect(pdf.text).toContain('7 vastausta');
    expect(pdf.text).toContain('Thank you for your feedback!');
  });

  it('takes last month when none is named, and refuses a month to come or a malformed one', async () => {
    const pdf = await pdfAt(`${reports(UNIT.id)}/poster.pdf`);
    expect(pdf.text).toContain('Marraskuu 2026');
    expect(await status(`${reports(UNIT.id)}/poster.pdf?month=2027-01`, cookie)).toBe(400);
    expect(await status(`${reports(UNIT.id)}/poster.pdf?month=2026-13`, cookie)).toBe(400);
    expect(await status(`${reports(UNIT.id)}/poster.pdf?month=11-2026`, cookie)).toBe(400);
    expect(await status(`${reports('no-such-unit')}/poster.pdf`, TEST_ADMIN_TOKEN)).toBe(404);
  });
});

describe('the monthly report', () => {
  it('lists every question with n and shares, and the month’s feedback counts, in the account’s language', async () => {
    const pdf = await pdfAt(`${reports(UNIT.id)}/month.pdf?month=2026-11`);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.text).toContain('Monthly report – November 2026');
    expect(pdf.text).toContain('How was your visit?');
    // 4 of 5 positive, 1 negative; NPS: 5 promoters, 1 detractor of 6.
    expect(pdf.text).toContain('How was your visit? 5 80% (38%–96%) 20% (4%–62%)');
    expect(pdf.text).toContain('overall · smileys 1–4');
    expect(pdf.text).toContain(
      'recommend · recommendation 0–10 6 83% (44%–97%) 17% (3%–56%) +67 (',
    );
    expect(pdf.text).toContain('Waiting time');
    expect(pdf.text).toContain('Feedback in all 3');
    expect(pdf.text).toMatch(/New 1 Read 1 Handled 1 Contact requests 0/);
    expect(pdf.text).toContain('November 2026 5 80% (38%–96%)');
    expect(pdf.text).toContain('Answers by weekday and hour');
    expect(pdf.text).toMatch(new RegExp(`1 ?/ ?${pdf.pages}`));
    // No comment's text.
    expect(pdf.text).not.toContain('Virtanen');
    expect(pdf.text).not.toContain('Toinen kommentti');
    expect(pdf.text).not.toContain('Kolmas kommentti');
    expect(pdf.text).toContain("The comments' text is not in this report");
  });

  it('lists the month’s comments only when asked for, and writes the reading to the audit log', async () => {
    const pdf = await pdfAt(`${reports(UNIT.id)}/month.pdf?month=2026-11&comments=true&lang=fi`);
    expect(pdf.text).toContain('Kuukausiraportti – marraskuu 2026');
    expect(pdf.text).toContain('Hoitaja Virtanen oli ystävällinen <b>ja</b> kiireetön');
    expect(pdf.text).toContain('Toinen kommentti');
    expect(pdf.text).toContain('Kolmas kommentti');
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target', 'detail_json'])
      .where('action', '=', 'month_report_comments')
      .execute();
    expect(logged).toEqual([
      {
        actor: MANAGER,
        action: 'month_report_comments',
        target: UNIT.id,
        detail_json: JSON.stringify({ month: '2026-11' }),
      },
    ]);
  });

  it('is refused to another unit’s account (403), as is the poster', async () => {
    expect(await status(`${reports(UNIT.id)}/month.pdf?month=2026-11`, otherCookie)).toBe(403);
    expect(await status(`${reports(UNIT.id)}/poster.pdf?month=2026-11`, otherCookie)).toBe(403);
    expect(await status(`${reports(UNIT.id)}/month.pdf?comments=yes`, cookie)).toBe(400);
  });
});

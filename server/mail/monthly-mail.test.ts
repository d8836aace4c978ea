import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manualClock, type ManualClock } from '../../core/timers';
import { createLogger } from '../log';
import { chromiumPath } from '../pdf/pdf-renderer';
import { createStores } from '../store';
import { answer, startTestServer, UNIT, type TestServer } from '../test-support';
import { monthDue } from './monthly-mail';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from './test-smtp';

/**
 * The monthly report by mail, through a real SMTP server on loopback with the real Chromium
 * drawing the attachment: nothing on the month's last day nor before 07:00 on the 1st, then one
 * mail per account and unit with the month's figures and its report as a PDF, and none again
 * after a restart the same day; a report that cannot be drawn waits in the outbox with the
 * reason, and goes once it can. Time is the test's (a manual clock, fired here).
 */

const CHROMIUM = chromiumPath();
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  process.stderr.write(
    `monthly-mail.test.ts: no Chromium at ${CHROMIUM} (apt-get install chromium, or HYMY_CHROMIUM): the monthly mail tests are skipped\n`,
  );
}

const WAIT = { timeout: 30_000, interval: 25 };
const OTHER = { id: 'other-unit', name: { fi: 'Toinen yksikkö', en: 'Other unit' } };

let t: TestServer | undefined;
let smtp: TestSmtp | undefined;

afterEach(async () => {
  await t?.cleanup();
  await smtp?.close();
  t = undefined;
  smtp = undefined;
});

type Harness = {
  clock: ManualClock;
  setNow(iso: string | number): void;
  nowMs(): number;
  events: string[];
  fireTimers(): void;
  checks(): number;
};

function harness(startIso: string): Harness {
  let now = Date.parse(startIso);
  const clock = manualClock({ start: now });
  const events: string[] = [];
  return {
    clock,
    setNow: (at) => {
      now = typeof at === 'number' ? at : Date.parse(at);
    },
    nowMs: () => now,
    events,
    fireTimers: () => {
      for (let n = clock.pending().length; n > 0; n -= 1) {
        clock.fire();
      }
    },
    checks: () => events.filter((event) => event === 'mail_month_reports_checked').length,
  };
}

async function serverWith(h: Harness, smtpUrl: string): Promise<TestServer> {
  t = await startTestServer({
    now: () => new Date(h.nowMs()),
    timers: h.clock.timers,
    logger: createLogger({
      level: 'debug',
      write: (line) => h.events.push((JSON.parse(line) as { event: string }).event),
    }),
    smtpUrl,
    mailFrom: 'hymy@hospital.example',
  });
  return t;
}

type Part = { headers: Map<string, string>; body: string };

function splitHead(part: string): Part {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? '' : part.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  return { headers, body };
}

/** Every leaf part of a MIME message, nested multiparts opened. */
function leaves(raw: string): Part[] {
  const part = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(part.headers.get('content-type') ?? '')?.[1];
  if (boundary === undefined) {
    return [part];
  }
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((piece) => !piece.startsWith('--'))
    .flatMap((piece) => leaves(piece.replace(/^\r?\n/, '')));
}

/** The monthly mails received (the 07:00 digest of the same morning is another). */
function monthly(): ReceivedMail[] {
  return (smtp?.received ?? []).filter((mail) => mail.raw.includes('application/pdf'));
}

function pdfOf(mail: ReceivedMail): { filename: string; bytes: Buffer } {
  const part = leaves(mail.raw).find((p) =>
    (p.headers.get('content-type') ?? '').startsWith('application/pdf'),
  );
  expect(part, 'a PDF attachment').toBeDefined();
  const filename = /filename="?([^";]+)"?/.exec(part!.headers.get('content-disposition') ?? '');
  return {
    filename: filename?.[1] ?? '',
    bytes: Buffer.from(part!.body.replace(/\s+/g, ''), 'base64'),
  };
}

function textOf(mail: ReceivedMail): string {
  const part = leaves(mail.raw).find((p) =>
    (p.headers.get('content-type') ?? '').startsWith('text/plain'),
  );
  const body = part?.body ?? '';
  const encoding = part?.headers.get('content-transfer-encoding') ?? '';
  if (encoding === 'base64') {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
  }
  return body
    .replace(/=\r?\n/g, '')
    .replace(/\r\n/g, '\n')
    .replace(/(=[0-9A-F]{2})+/g, (run) =>
      Buffer.from(
        run
          .split('=')
          .slice(1)
          .map((hex) => parseInt(hex, 16)),
      ).toString('utf8'),
    );
}

/** Two units with November answers, one account for both (en) and one for the first (fi). */
async function seed(s: TestServer): Promise<void> {
  const unit = await s.enroll();
  const other = await s.enroll({
    unit: OTHER,
    survey: { id: 's', version: 1, questions: [{ id: 'q', scale: 'smiley3' }] },
  });
  const november = (n: number, fields = {}) =>
    answer(n, {
      answeredAt: `2026-11-${String(10 + (n % 10)).padStart(2, '0')}T09:00:00.000Z`,
      ...fields,
    });
  const answers = [
    ...[0, 1, 2, 3].map((n) => november(n, { value: 4 })),
    november(4, { value: 1, comment: 'Odotin <b>kaksi</b> tuntia' }),
  ];
  expect((await s.upload(unit.token, answers)).status).toBe(200);
  expect(
    (
      await s.upload(
        other.token,
        [10, 11, 12].map((n) =>
          november(n, {
            surveyId: 's',
            surveyVersion: 1,
            questionId: 'q',
            scale: 'smiley3',
            value: 3,
          }),
        ),
      )
    ).status,
  ).toBe(200);
  await s.addAccount({ email: 'both@hospital.example', role: 'unit', units: [UNIT.id, OTHER.id] });
  await createStores(s.database.db).accounts.setLanguage('both@hospital.example', 'en');
  await s.addAccount({ email: 'osasto@hospital.example', role: 'unit', units: [UNIT.id] });
  await s.addAccount({ email: 'county@hospital.example', role: 'county' });
}

describe('the monthly report mail', () => {
  it('is due from 07:00 on the 1st (Helsinki) through the first week, for the month before', () => {
    expect(monthDue(Date.parse('2026-11-30T21:59:00.000Z'))).toBeNull();
    expect(monthDue(Date.parse('2026-12-01T04:59:00.000Z'))).toBeNull();
    expect(monthDue(Date.parse('2026-12-01T05:00:00.000Z'))).toBe('2026-11');
    expect(monthDue(Date.parse('2027-01-07T20:00:00.000Z'))).toBe('2026-12');
    expect(monthDue(Date.parse('2027-01-08T10:00:00.000Z'))).toBeNull();
  });

  it.skipIf(!haveChromium)(
    'arrives once per account and unit at 07:00 on the 1st with the report as a PDF, and not again after a restart',
    async () => {
      smtp = await startTestSmtp();
      // The last day of November, noon in Helsinki.
      const h = harness('2026-11-30T10:00:00.000Z');
      const s = await serverWith(h, smtp.url);
      await vi.waitFor(() => expect(h.checks()).toBe(1), WAIT);
      await seed(s);

      // Still the 30th in the evening, then 06:59 on the 1st: nothing.
      for (const at of ['2026-11-30T20:00:00.000Z', '2026-12-01T04:59:00.000Z']) {
        const before = h.checks();
        h.setNow(at);
        h.fireTimers();
        await vi.waitFor(() => expect(h.checks()).toBe(before + 1), WAIT);
      }
      expect(smtp.received).toEqual([]);

      // 07:00 on the 1st: three mails, each with its report.
      h.setNow('2026-12-01T05:00:00.000Z');
      h.fireTimers();
      await vi.waitFor(() => expect(monthly()).toHaveLength(3), WAIT);
      const byKey = new Map(
        monthly().map((mail) => [`${mail.to.join()} ${pdfOf(mail).filename}`, mail]),
      );
      expect([...byKey.keys()].sort()).toEqual([
        'both@hospital.example monthly-report-khks-lapset-2026-11.pdf',
        'both@hospital.example monthly-report-other-unit-2026-11.pdf',
        'osasto@hospital.example kuukausiraportti-khks-lapset-2026-11.pdf',
      ]);
      const english = byKey.get('both@hospital.example monthly-report-khks-lapset-2026-11.pdf')!;
      expect(english.subject).toBe(`Hymy: monthly report November 2026 – ${UNIT.name.en}`);
      const text = textOf(english);
      expect(text).toContain('Answers: 5');
      expect(text).toContain('Positive: 80% (95 % interval 38% to 96%)');
      expect(text).toContain('Comments and contact requests in the month: 1');
      expect(text).toContain(`${s.server.url}/#/units/${UNIT.id}`);
      for (const mail of monthly()) {
        const pdf = pdfOf(mail);
        expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
        expect(pdf.bytes.length).toBeGreaterThan(10_000);
        // Never what was said.
        expect(mail.raw).not.toContain('Odotin');
      }
      const finnish = byKey.get(
        'osasto@hospital.example kuukausiraportti-khks-lapset-2026-11.pdf',
      )!;
      expect(finnish.subject).toBe(`Hymy: kuukausiraportti marraskuu 2026 – ${UNIT.name.fi}`);
      expect(textOf(finnish).replace(/\u00a0/g, ' ')).toContain(
        `Yksikön ${UNIT.name.fi} tulokset, marraskuu 2026:\nVastauksia: 5\nMyönteisiä: 80 % (95 %:n luottamusväli 38 %–96 %)`,
      );

      // Restarted the same day, once the outbox has them as sent: none again.
      await vi.waitFor(async () => {
        const unsent = await s.database.db
          .selectFrom('mail_outbox')
          .select('id')
          .where('kind', '=', 'month-report')
          .where('sent_at', 'is', null)
          .execute();
        expect(unsent).toEqual([]);
      }, WAIT);
      t = await s.restart();
      const restarted = h.checks();
      h.fireTimers();
      await vi.waitFor(() => expect(h.checks()).toBeGreaterThan(restarted), WAIT);
      expect(monthly()).toHaveLength(3);
      const rows = await t.database.db
        .selectFrom('mail_outbox')
        .select(['kind', 'sent_at', 'attachment_json'])
        .where('kind', '=', 'month-report')
        .execute();
      expect(rows).toHaveLength(3);
      expect(rows.every((row) => row.sent_at !== null)).toBe(true);
      expect(JSON.parse(rows[0]!.attachment_json!)).toMatchObject({
        kind: 'month-report',
        month: '2026-11',
      });
    },
    90_000,
  );

  it.skipIf(!haveChromium)(
    'a report that cannot be drawn waits in the outbox with the reason, and goes once it can',
    async () => {
      smtp = await startTestSmtp();
      const h = harness('2026-12-01T04:00:00.000Z');
      const previous = process.env['HYMY_CHROMIUM'];
      process.env['HYMY_CHROMIUM'] = '/nonexistent/chromium';
      try {
        const s = await serverWith(h, smtp.url);
        await seed(s);
        h.setNow('2026-12-01T05:00:00.000Z');
        h.fireTimers();
        const failing = () =>
          s.database.db
            .selectFrom('mail_outbox')
            .select(['attempts', 'last_error', 'sent_at'])
            .where('kind', '=', 'month-report')
            .execute();
        await vi.waitFor(async () => {
          const rows = await failing();
          expect(rows).toHaveLength(3);
          expect(rows.every((row) => Number(row.attempts) >= 1)).toBe(true);
        }, WAIT);
        const [row] = await failing();
        expect(row!.sent_at).toBeNull();
        expect(row!.last_error).toMatch(/^pdf_unavailable: PDFs cannot be made now/);
        expect(monthly()).toEqual([]);
      } finally {
        if (previous === undefined) {
          delete process.env['HYMY_CHROMIUM'];
        } else {
          process.env['HYMY_CHROMIUM'] = previous;
        }
      }
      // With Chromium back (a restart), the retry half a minute on sends them.
      t = await t!.restart();
      await vi.waitFor(() => expect(h.clock.pending()).toContain(30_000), WAIT);
      h.setNow(h.nowMs() + 30_000);
      h.fireTimers();
      await vi.waitFor(() => expect(monthly()).toHaveLength(3), WAIT);
      expect(pdfOf(monthly()[0]!).bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    },
    90_000,
  );
});

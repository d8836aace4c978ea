import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MailStatusSchema } from '../core/feedback-api';
import { manualClock, type ManualClock } from '../core/timers';
import { createLogger, type Logger } from './log';
import { closedPort, startTestSmtp, type TestSmtp } from './mail/test-smtp';
import { createStores } from './store';
import { answer, startTestServer, UNIT, type TestServer } from './test-support';

/**
 * E-mail through a real SMTP server on loopback: an alert's mail as it opens, the 07:00 digest
 * exactly once a day, and a mail server that is down: retried with growing waits, shown in the
 * mail status, never slowing an upload, and delivered once the server is back. Time is the
 * test's: the server's clock reads `nowMs`, and its timers are a manual clock's, fired here.
 */

const WAIT = { timeout: 10_000, interval: 20 };
const MINUTE = 60 * 1000;

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
  logger: Logger;
  events: string[];
  /** Runs every timer now pending once (at the test's `nowMs`). */
  fireTimers(): void;
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
    logger: createLogger({
      level: 'debug',
      write: (line) => events.push((JSON.parse(line) as { event: string }).event),
    }),
    events,
    fireTimers: () => {
      for (let n = clock.pending().length; n > 0; n -= 1) {
        clock.fire();
      }
    },
  };
}

async function serverWith(h: Harness, smtpUrl: string): Promise<TestServer> {
  t = await startTestServer({
    now: () => new Date(h.nowMs()),
    timers: h.clock.timers,
    logger: h.logger,
    smtpUrl,
    mailFrom: 'hymy@hospital.example',
  });
  return t;
}

/** Eight negative answers in the last hour: an alert for a unit without history. */
function streak(nowMs: number, from = 0) {
  return Array.from({ length: 8 }, (_, i) =>
    answer(from + i, {
      answeredAt: new Date(nowMs - (60 - i) * MINUTE).toISOString(),
      value: 1,
      comment: 'Odotin kaksi tuntia <script>alert(1)</script>',
    }),
  );
}

async function mailStatus(s: TestServer) {
  return MailStatusSchema.parse((await s.admin('GET', '/v1/mail/status')).body);
}

async function unitAccount(s: TestServer, email: string, language: string): Promise<void> {
  await s.addAccount({ email, role: 'unit', units: [UNIT.id] });
  await createStores(s.database.db).accounts.setLanguage(email, language);
}

describe('e-mail', () => {
  it('an alert is mailed to the unit’s accounts as it opens, in each one’s language', async () => {
    smtp = await startTestSmtp();
    const h = harness('2026-11-23T10:00:00.000Z');
    const s = await serverWith(h, smtp.url);
    await unitAccount(s, 'osasto@hospital.example', 'sv');
    await s.addAccount({ email: 'county@hospital.example', role: 'county' });
    const { token } = await s.enroll();
    expect((await s.upload(token, streak(h.nowMs()))).status).toBe(200);

    await vi.waitFor(() => expect(smtp!.received).toHaveLength(1), WAIT);
    const [mail] = smtp.received;
    expect(mail!.from).toBe('hymy@hospital.example');
    expect(mail!.to).toEqual(['osasto@hospital.example']);
    expect(mail!.subject).toBe(`Hymy: larm – ${UNIT.name.sv}`);
    expect(mail!.text).toContain('8 negativa svar av 8 svar');
    expect(mail!.text).toContain(`${s.server.url}/#/alerts`);
    expect(mail!.html).toContain('8 negativa svar av 8 svar');
    expect(mail!.html).toContain(`href="${s.server.url}/#/alerts"`);
    // Never what was said.
    expect(mail!.raw).not.toContain('Odotin');
    expect(mail!.raw).not.toContain('script');
    await vi.waitFor(async () => expect(await mailStatus(s)).toMatchObject({ pending: 0 }), WAIT);
    expect(await mailStatus(s)).toEqual({ configured: true, pending: 0, failing: 0 });
  });

  it('the 07:00 digest arrives once a day: not before, once after, and not again on a restart', async () => {
    smtp = await startTestSmtp();
    // 05:00 in Helsinki.
    const h = harness('2026-11-23T03:00:00.000Z');
    const checks = () => h.events.filter((event) => event === 'mail_digests_checked').length;
    const s = await serverWith(h, smtp.url);
    await vi.waitFor(() => expect(checks()).toBe(1), WAIT);
    await unitAccount(s, 'osasto@hospital.example', 'en');
    const { token } = await s.enroll();
    // Two comments, from positive answers (no alert), received at 05:00.
    const comments = [0, 1].map((n) =>
      answer(n, {
        answeredAt: new Date(h.nowMs() - 10 * MINUTE).toISOString(),
        comment: 'Kiitos <b>hyvästä</b> hoidosta, puh. 040 123 4567',
      }),
    );
    expect((await s.upload(token, comments)).status).toBe(200);
    const db = s.database.db;
    for (const r of comments) {
      await db
        .insertInto('feedback_items')
        .values({
          response_id: r.id.toLowerCase(),
          unit_id: UNIT.id,
          answered_at: r.answeredAt,
          answered_at_ms: Date.parse(r.answeredAt),
          question_id: r.questionId,
          scale: r.scale,
          value: r.value,
          due_at: null,
          due_at_ms: null,
          read_at: null,
          handled_at: null,
          handled_by: null,
          note: null,
          contact_deleted_at: null,
        })
        .onConflict((oc) => oc.column('response_id').doNothing())
        .execute();
    }
    // A contact request due tomorrow.
    await db
      .insertInto('feedback_items')
      .values({
        response_id: 'contact-1',
        unit_id: UNIT.id,
        answered_at: '2026-11-17T09:00:00.000Z',
        answered_at_ms: Date.parse('2026-11-17T09:00:00.000Z'),
        question_id: 'overall',
        scale: 'smiley4',
        value: 2,
        has_contact: 1,
        due_at: '2026-11-24T09:00:00.000Z',
        due_at_ms: Date.parse('2026-11-24T09:00:00.000Z'),
        read_at: null,
        handled_at: null,
        handled_by: null,
        note: null,
        contact_deleted_at: null,
      })
      .execute();

    // 06:59: nothing yet.
    h.setNow('2026-11-23T04:59:00.000Z');
    h.fireTimers();
    await vi.waitFor(() => expect(checks()).toBe(2), WAIT);
    expect(smtp.received).toEqual([]);

    // 07:00: the digest.
    h.setNow('2026-11-23T05:00:00.000Z');
    h.fireTimers();
    await vi.waitFor(() => expect(smtp!.received).toHaveLength(1), WAIT);
    const [digest] = smtp.received;
    expect(digest!.to).toEqual(['osasto@hospital.example']);
    expect(digest!.subject).toBe('Hymy: feedback digest 2026-11-23');
    expect(digest!.text).toContain(
      `${UNIT.name.en} — new feedback: 2; contact requests to answer by 2026-11-24: 1`,
    );
    expect(digest!.text).toContain(`${s.server.url}/#/inbox`);
    expect(digest!.html).toContain(
      `<li>${UNIT.name.en.replace("'", '&#39;')} — new feedback: 2; contact requests to answer by 2026-11-24: 1</li>`,
    );
    expect(digest!.raw).not.toContain('Kiitos');
    // The number, not just its prefix: a random Message-ID may hold "040" (it did, once in ~50).
    expect(digest!.raw).not.toContain('040 123');
    expect(digest!.raw).not.toContain('0401234567');

    // 08:00, the same day: no second digest.
    await vi.waitFor(() => expect(checks()).toBe(3), WAIT);
    h.setNow('2026-11-23T06:00:00.000Z');
    h.fireTimers();
    await vi.waitFor(() => expect(checks()).toBe(4), WAIT);

    // Restarted the same day: none.
    const again = await s.restart();
    t = again;
    await vi.waitFor(() => expect(checks()).toBe(5), WAIT);
    expect(smtp.received).toHaveLength(1);
    const digests = await again.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('kind', '=', 'digest')
      .execute();
    expect(digests).toHaveLength(1);
  });

  it('closing the server does not wait for a mail server that never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const h = harness('2026-11-23T03:30:00.000Z');
      const s = await serverWith(h, `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`);
      await unitAccount(s, 'osasto@hospital.example', 'fi');
      const { token } = await s.enroll();
      expect((await s.upload(token, streak(h.nowMs()))).status).toBe(200);
      await vi.waitFor(() => expect(sockets.length).toBeGreaterThan(0), WAIT);
      const started = performance.now();
      await s.stop();
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('a mail server that is down: retried with growing waits, shown, and delivered once it is back', async () => {
    const port = await closedPort();
    // 05:30 in Helsinki: before the digest, so the alert's is the one mail.
    const h = harness('2026-11-23T03:30:00.000Z');
    const s = await serverWith(h, `smtp://127.0.0.1:${port}`);
    await unitAccount(s, 'osasto@hospital.example', 'fi');
    const { token } = await s.enroll();

    const started = performance.now();
    const uploaded = await s.upload(token, streak(h.nowMs()));
    expect(uploaded.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);

    await vi.waitFor(async () => expect(await mailStatus(s)).toMatchObject({ failing: 1 }), WAIT);
    const first = await mailStatus(s);
    expect(first).toMatchObject({
      configured: true,
      pending: 1,
      failing: 1,
      nextAttemptAt: new Date(h.nowMs() + 30_000).toISOString(),
    });
    expect(first.lastError?.message).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    const row = () =>
      s.database.db
        .selectFrom('mail_outbox')
        .select(['attempts', 'next_attempt_ms', 'sent_at'])
        .executeTakeFirstOrThrow();
    expect(Number((await row()).attempts)).toBe(1);

    // The sender is asleep until its retry (its timer set after the failure was written down):
    // only then may the clock move, or the timer would be set after the moment it waits for.
    await vi.waitFor(() => expect(h.clock.pending()).toContain(30_000), WAIT);
    // Half a minute on: tried again, and then a minute's wait.
    h.setNow(h.nowMs() + 30_000);
    h.fireTimers();
    await vi.waitFor(async () => expect(Number((await row()).attempts)).toBe(2), WAIT);
    expect(Number((await row()).next_attempt_ms)).toBe(h.nowMs() + 60_000);

    // The mail server comes up; at the next try the mail goes.
    smtp = await startTestSmtp(port);
    await vi.waitFor(() => expect(h.clock.pending()).toContain(60_000), WAIT);
    h.setNow(h.nowMs() + 60_000);
    h.fireTimers();
    await vi.waitFor(() => expect(smtp!.received).toHaveLength(1), WAIT);
    expect(smtp.received[0]).toMatchObject({
      to: ['osasto@hospital.example'],
      subject: `Hymy: hälytys – ${UNIT.name.fi}`,
    });
    expect(smtp.received[0]!.text).toContain('8 kielteistä vastausta 8 vastauksesta');
    await vi.waitFor(async () => expect((await row()).sent_at).not.toBeNull(), WAIT);
    expect(await mailStatus(s)).toEqual({ configured: true, pending: 0, failing: 0 });
  });
});

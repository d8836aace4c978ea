import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_BATCH_RESPONSES } from '../../core/central-api';
import { AlertListSchema } from '../../core/feedback-api';
import type { Response as Answer } from '../../core/response';
import { createAlertStore } from '../../server/alerts/alert-store';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../../server/mail/test-smtp';
import { createStores } from '../../server/store';
import {
  answer,
  startTestServer,
  TEST_PASSWORD,
  UNIT,
  type TestServer,
} from '../../server/test-support';
import {
  axeFinds,
  chooseLanguage,
  focusedName,
  LANGUAGES,
  openDashboardBrowser,
  signIn,
  tabTo,
  watchCsp,
  type DashboardBrowser,
  type Language,
} from './support/dashboard';

/**
 * An alert from end to end, against the real server with its real clock (`npm run build`
 * first): a terminal uploads a unit's usual 15 % of negative answers, then a streak of them; the
 * alert's mail reaches a real SMTP server on loopback in the unit account's language, and that
 * account, following the mail's link, finds the alert on the dashboard in fi, sv and en, and
 * acknowledges it by keyboard with a comment.
 */

const MANAGER = 'manager@lapset.example.fi';
const MAIL_FROM = 'hymy@hospital.example';
const COMMENT = 'Kaksi hoitajaa sairaana tällä viikolla; sijainen maanantaista.';
/** What patients wrote with the streak: no mail may carry it. */
const PATIENT_COMMENT = 'Odotin kaksi tuntia';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WAIT = { timeout: 10_000, interval: 20 };

/** What the page says of the alert (8 of 8 negative, usually 15 %), in each language. */
const WORDS = {
  fi: {
    nav: 'Sivut',
    alerts: 'Hälytykset',
    window:
      'Kielteisiä vastauksia 8/8 sen jälkeen, kun yksikön vastaukset olivat viimeksi tavallisella tasollaan.',
    baseline: 'Tavallisesti yksikön vastauksista 15\u00a0% on kielteisiä.',
  },
  sv: {
    nav: 'Sidor',
    alerts: 'Larm',
    window: '8 av 8 svar var negativa sedan enhetens svar senast låg på sin vanliga nivå.',
    baseline: 'Vanligtvis är 15\u00a0% av enhetens svar negativa.',
  },
  en: {
    nav: 'Pages',
    alerts: 'Alerts',
    window: "8 of 8 answers were negative since the unit's answers were last at their usual level.",
    baseline: "Usually 15% of the unit's answers are negative.",
  },
} as const satisfies Record<Language, unknown>;

/** The n-th answer at `atMs`, negative (value 1) or not (value 4). */
function given(n: number, atMs: number, negative: boolean, comment?: string): Answer {
  return answer(n, {
    answeredAt: new Date(atMs).toISOString(),
    value: negative ? 1 : 4,
    ...(comment === undefined ? {} : { comment }),
  });
}

/** Whether the i-th of a run is negative when `share` of the run is, spread evenly. */
function evenlyNegative(i: number, share: number): boolean {
  return Math.floor((i + 1) * share) > Math.floor(i * share);
}

/**
 * The unit's answers as a terminal keeps them, oldest first: 300 from 20 to 80 days ago (its
 * baseline, 15 % negative); 40 over the last 12 days at that rate, the last four positive (the
 * sum back at 0); then eight negative ones in the last hour.
 */
function answersOf(nowMs: number): { history: Answer[]; recent: Answer[]; streak: Answer[] } {
  const history = Array.from({ length: 300 }, (_, i) =>
    given(i, nowMs - 20 * DAY - (300 - i) * 288 * MINUTE, evenlyNegative(i, 0.15)),
  );
  const recent = Array.from({ length: 40 }, (_, i) =>
    given(1000 + i, nowMs - (40 - i) * 7 * HOUR, i % 20 === 1 || i % 20 === 8 || i % 20 === 15),
  );
  const streak = Array.from({ length: 8 }, (_, i) =>
    given(2000 + i, nowMs - (60 - i) * MINUTE, true, i === 3 ? PATIENT_COMMENT : undefined),
  );
  return { history, recent, streak };
}

describe('alerts from the terminal to the mail and the dashboard', () => {
  let t: TestServer;
  let smtp: TestSmtp;
  let browser: DashboardBrowser;
  let page: Page;
  const cspReports: string[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestServer({ smtpUrl: smtp.url, mailFrom: MAIL_FROM });
    await t.addAccount({ email: MANAGER, role: 'unit', units: [UNIT.id] });
    await createStores(t.database.db).accounts.setLanguage(MANAGER, 'fi');
    browser = await openDashboardBrowser('hymy-e2e-dashboard-alerts-');
    await watchCsp(browser.context, cspReports, { events: true });
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
    await smtp?.close();
  });

  /** Uploads as the terminal's sync does: in batches of at most MAX_BATCH_RESPONSES. */
  async function upload(token: string, answers: readonly Answer[]): Promise<void> {
    for (let from = 0; from < answers.length; from += MAX_BATCH_RESPONSES) {
      const batch = answers.slice(from, from + MAX_BATCH_RESPONSES);
      const uploaded = await t.upload(token, batch);
      expect(uploaded.status, uploaded.text).toBe(200);
    }
  }

  /** Waits until the unit's CUSUM has counted `last` (counting runs after the upload's 200). */
  async function countedUpTo(last: Answer): Promise<void> {
    const store = createAlertStore(t.database.db);
    await vi.waitFor(
      async () => expect((await store.cusum(UNIT.id))?.last.id).toBe(last.id.toLowerCase()),
      WAIT,
    );
  }

  const alertMails = (): ReceivedMail[] =>
    smtp.received.filter((mail) => mail.subject.startsWith('Hymy: hälytys'));

  const navLink = (language: Language, name: string) =>
    page
      .getByRole('navigation', { name: WORDS[language].nav })
      .getByRole('link', { name, exact: true });

  const alertCard = (language: Language) =>
    page.getByRole('listitem', { name: UNIT.name[language], exact: true });

  it('an alert raised by a streak of low answers reaches the SMTP server and the dashboard, and is acknowledged there', async () => {
    const { token } = await t.enroll();
    const { history, recent, streak } = answersOf(Date.now());

    // The usual 15 %, old and recent: no alert, and the sum back at 0 before the streak.
    await upload(token, history);
    await upload(token, recent);
    await countedUpTo(recent.at(-1)!);
    expect(await createAlertStore(t.database.db).cusum(UNIT.id)).toMatchObject({ sum: 0 });
    expect(AlertListSchema.parse((await t.admin('GET', '/v1/alerts')).body)).toEqual([]);

    // Eight negative answers in a row: an alert, mailed to the unit account in Finnish.
    await upload(token, streak);
    await vi.waitFor(() => expect(alertMails()).toHaveLength(1), WAIT);
    const [mail] = alertMails();
    const link = `${t.server.url}/#/alerts`;
    expect(mail).toMatchObject({
      from: MAIL_FROM,
      to: [MANAGER],
      subject: `Hymy: hälytys – ${UNIT.name.fi}`,
    });
    expect(mail!.text).toContain(
      `Yksikön ${UNIT.name.fi} kielteisten vastausten osuus on noussut.`,
    );
    expect(mail!.text).toContain('8 kielteistä vastausta 8 vastauksesta (tavallisesti noin 15 %).');
    expect(mail!.text).toContain(`Katso ja kuittaa hälytys: ${link}`);
    expect(mail!.html).toContain('8 kielteistä vastausta 8 vastauksesta');
    expect(mail!.html).toContain(`<a href="${link}">Katso ja kuittaa hälytys</a>`);
    expect(mail!.raw).not.toContain(PATIENT_COMMENT);

    // The mail's link, followed: signed in, the account is on the alerts page.
    await page.goto(link);
    await chooseLanguage(page, 'en');
    await signIn(page, MANAGER, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: WORDS.en.alerts, exact: true }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/alerts');
    await navLink('en', 'Alerts (1)').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Open alerts (1)' }).waitFor();

    // fi, sv, then en again (the keyboard's part below reads English).
    for (const language of LANGUAGES) {
      await chooseLanguage(page, language);
      const words = WORDS[language];
      await navLink(language, `${words.alerts} (1)`).waitFor();
      const card = alertCard(language);
      await card.getByText(words.window, { exact: true }).waitFor();
      await card.getByText(words.baseline, { exact: true }).waitFor();
      expect(await axeFinds(page), language).toEqual([]);
    }

    // Acknowledged by keyboard: the button, the comment (focused as the form opens), submit.
    const card = alertCard('en');
    expect(await card.locator('.alerts-state').textContent()).toBe('⚠ Open');
    await tabTo(page, /^Acknowledge \(Children's unit\)$/);
    await page.keyboard.press('Enter');
    const field = page.getByLabel('Comment (required)', { exact: true });
    await field.waitFor();
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(COMMENT);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Acknowledge the alert');
    const [acknowledged] = await Promise.all([
      page.waitForResponse(
        (r) => /\/v1\/alerts\/[^/]+\/acknowledge$/.test(r.url()) && r.request().method() === 'POST',
      ),
      page.keyboard.press('Enter'),
    ]);
    expect(acknowledged.status()).toBe(200);

    // The page says so, shows who and why, and the count is gone from the navigation.
    await page
      .getByRole('status')
      .getByText("The alert of Children's unit was acknowledged.")
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Open alerts (0)' }).waitFor();
    await page.getByText('No open alerts.', { exact: true }).waitFor();
    expect(await focusedName(page)).toBe('Open alerts (0)');
    expect(await card.locator('.alerts-state').textContent()).toBe('✓ Acknowledged');
    expect(await card.locator('.alerts-ack').textContent()).toContain(
      `Acknowledged by ${MANAGER}, `,
    );
    expect(await card.locator('q.alerts-comment').textContent()).toBe(COMMENT);
    expect(await card.getByRole('button').count()).toBe(0);
    await navLink('en', 'Alerts').waitFor();
    expect(await navLink('en', 'Alerts (1)').count()).toBe(0);

    // The API agrees: acknowledged by the account, with its comment; none open.
    const cookie = await t.signIn(MANAGER, TEST_PASSWORD);
    const listed = await t.person(cookie, 'GET', '/v1/alerts?state=acknowledged');
    expect(listed.status).toBe(200);
    const alerts = AlertListSchema.parse(listed.body);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      unitId: UNIT.id,
      questionId: 'overall',
      state: 'acknowledged',
      openedAt: streak.at(-1)!.answeredAt,
      negativeInWindow: 8,
      answersInWindow: 8,
      acknowledgedBy: MANAGER,
      comment: COMMENT,
    });
    expect(alerts[0]!.baselineNegativeShare).toBeCloseTo(0.15, 6);
    const open = await t.person(cookie, 'GET', '/v1/alerts?state=open');
    expect(open).toMatchObject({ status: 200, body: [] });

    // One mail only, and no page broke its CSP.
    expect(alertMails()).toHaveLength(1);
    expect(smtp.received.every((m) => !m.raw.includes(COMMENT.slice(0, 20)))).toBe(true);
    expect(cspReports).toEqual([]);
  });
});

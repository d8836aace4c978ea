import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertListSchema, AlertSchema, type Alert } from '../core/feedback-api';
import { createAlertStore } from './alerts/alert-store';
import { createStores } from './store';
import { answer, startTestServer, TEST_PASSWORD, UNIT, type TestServer } from './test-support';

/**
 * Alerts through HTTP on a real server: a unit's usual share of negative answers, then a streak
 * of them; answers that arrive late are counted in the order they were given; a unit account
 * sees its own units' alerts only.
 */

const NOW = new Date('2026-11-23T10:00:00.000Z');
const MINUTE = 60 * 1000;

let t: TestServer | undefined;

afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

async function server(): Promise<TestServer> {
  t = await startTestServer({ now: () => NOW });
  return t;
}

/** The n-th answer, `minutesAgo` before NOW, negative (value 1) or not (value 4). */
function at(n: number, minutesAgo: number, negative: boolean) {
  return answer(n, {
    answeredAt: new Date(NOW.getTime() - minutesAgo * MINUTE).toISOString(),
    value: negative ? 1 : 4,
  });
}

async function alertsOf(s: TestServer, query = ''): Promise<Alert[]> {
  const listed = await s.admin('GET', `/v1/alerts${query}`);
  expect(listed.status).toBe(200);
  return AlertListSchema.parse(listed.body);
}

/** Waits until the unit's CUSUM has counted the answer of `id` last (counting runs after 200). */
async function countedUpTo(s: TestServer, id: string): Promise<void> {
  const store = createAlertStore(s.database.db);
  await vi.waitFor(
    async () => {
      expect((await store.cusum(UNIT.id))?.last.id).toBe(id.toLowerCase());
    },
    { timeout: 10_000, interval: 20 },
  );
}

describe('alerts', () => {
  it('a streak of negative answers after the usual 15 % opens one alert, acknowledged with a comment', async () => {
    const s = await server();
    const { token } = await s.enroll();
    // History: 300 answers 20–80 days ago, 15 % of them negative, spread evenly.
    const history = Array.from({ length: 300 }, (_, i) =>
      at(i, 20 * 24 * 60 + (300 - i) * 288, Math.floor((i + 1) * 0.15) > Math.floor(i * 0.15)),
    );
    expect((await s.upload(token, history)).status).toBe(200);
    await countedUpTo(s, history.at(-1)!.id);
    expect(await alertsOf(s)).toEqual([]);

    const streak = Array.from({ length: 8 }, (_, i) => at(1000 + i, 60 - i, true));
    expect((await s.upload(token, streak)).status).toBe(200);
    await countedUpTo(s, streak.at(-1)!.id);

    const alerts = await alertsOf(s, `?unitId=${UNIT.id}&state=open`);
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert).toMatchObject({ unitId: UNIT.id, questionId: 'overall', state: 'open' });
    expect(alert!.baselineNegativeShare).toBeCloseTo(0.15, 4);
    expect(alert!.negativeInWindow).toBeGreaterThanOrEqual(7);
    expect(alert!.answersInWindow).toBeGreaterThanOrEqual(alert!.negativeInWindow);
    expect(streak.map((r) => r.answeredAt)).toContain(alert!.openedAt);

    const empty = await s.admin('POST', `/v1/alerts/${alert!.id}/acknowledge`, { comment: ' ' });
    expect(empty.status).toBe(400);
    const acked = await s.admin('POST', `/v1/alerts/${alert!.id}/acknowledge`, {
      comment: 'Staff shortage on the ward this week; extra nurse from Monday.',
    });
    expect(acked.status).toBe(200);
    expect(AlertSchema.parse(acked.body)).toMatchObject({
      id: alert!.id,
      state: 'acknowledged',
      acknowledgedBy: 'admin-token',
      acknowledgedAt: NOW.toISOString(),
      comment: 'Staff shortage on the ward this week; extra nurse from Monday.',
    });
    const again = await s.admin('POST', `/v1/alerts/${alert!.id}/acknowledge`, { comment: 'x' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'alert_acknowledged' } });
    const unknown = await s.admin('POST', '/v1/alerts/nope/acknowledge', { comment: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'alert_unknown' } });

    expect(await alertsOf(s, '?state=open')).toEqual([]);
    expect(await alertsOf(s, '?state=acknowledged')).toHaveLength(1);
    const audit = await createStores(s.database.db).audit.newest(5);
    expect(audit.find((entry) => entry.action === 'alert.acknowledge')).toMatchObject({
      actor: 'admin-token',
      target: alert!.id,
    });
  });

  it('answers that arrive late are counted in the order they were given', async () => {
    const s = await server();
    const { token } = await s.enroll();
    // Uploaded first: one negative answer 10 minutes ago.
    expect((await s.upload(token, [at(100, 10, true)])).status).toBe(200);
    await countedUpTo(s, answer(100).id);
    // Then, from a terminal that was offline, seven negative answers given before it.
    const late = Array.from({ length: 7 }, (_, i) => at(i, 30 - i, true));
    expect((await s.upload(token, late)).status).toBe(200);
    // In answer-time order the eighth negative in a row is the one uploaded first.
    await vi.waitFor(async () => expect(await alertsOf(s)).toHaveLength(1), { interval: 20 });
    const [alert] = await alertsOf(s);
    expect(alert).toMatchObject({
      openedAt: at(100, 10, true).answeredAt,
      negativeInWindow: 8,
      answersInWindow: 8,
      baselineNegativeShare: 0.15,
    });

    // An answer given before that alert, arriving now, opens no window it closed.
    expect((await s.upload(token, [at(200, 40, true)])).status).toBe(200);
    const positive = at(300, 5, false);
    expect((await s.upload(token, [positive])).status).toBe(200);
    await countedUpTo(s, positive.id);
    expect(await alertsOf(s)).toHaveLength(1);
  });

  it('two terminals of a unit uploading at once are counted as one sequence', async () => {
    const s = await server();
    const first = await s.enroll();
    const second = await s.enroll();
    // Eight negatives in a row between them, alternating terminals.
    const a = [0, 2, 4, 6].map((i) => at(i, 60 - i, true));
    const b = [1, 3, 5, 7].map((i) => at(i, 60 - i, true));
    const [up1, up2] = await Promise.all([s.upload(first.token, a), s.upload(second.token, b)]);
    expect([up1.status, up2.status]).toEqual([200, 200]);
    await vi.waitFor(async () => expect(await alertsOf(s)).toHaveLength(1), { interval: 20 });
    expect((await alertsOf(s))[0]).toMatchObject({
      openedAt: at(7, 53, true).answeredAt,
      negativeInWindow: 8,
      answersInWindow: 8,
    });
    await countedUpTo(s, answer(7).id);
    expect(await alertsOf(s)).toHaveLength(1);
  });

  it('tests and repeats are not counted, nor other questions', async () => {
    const s = await server();
    const { token } = await s.enroll();
    const flagged = Array.from({ length: 10 }, (_, i) =>
      answer(i, {
        answeredAt: new Date(NOW.getTime() - (60 - i) * MINUTE).toISOString(),
        value: 1,
        flags: [i % 2 === 0 ? 'test' : 'repeat'],
      }),
    );
    const other = Array.from({ length: 10 }, (_, i) =>
      answer(100 + i, {
        answeredAt: new Date(NOW.getTime() - (30 - i) * MINUTE).toISOString(),
        questionId: 'recommend',
        scale: 'nps11',
        value: 0,
      }),
    );
    const marker = at(500, 1, false);
    expect((await s.upload(token, [...flagged, ...other, marker])).status).toBe(200);
    await countedUpTo(s, marker.id);
    expect(await alertsOf(s)).toEqual([]);
    expect(await createAlertStore(s.database.db).cusum(UNIT.id)).toMatchObject({ sum: 0 });
  });

  it('a unit account sees its own units’ alerts only', async () => {
    const s = await server();
    const { token } = await s.enroll();
    const streak = Array.from({ length: 8 }, (_, i) => at(i, 60 - i, true));
    expect((await s.upload(token, streak)).status).toBe(200);
    await vi.waitFor(async () => expect(await alertsOf(s)).toHaveLength(1), { interval: 20 });
    const [alert] = await alertsOf(s);

    await s.addAccount({ email: 'other@example.fi', role: 'unit', units: ['other-unit'] });
    const other = await s.signIn('other@example.fi', TEST_PASSWORD);
    expect((await s.person(other, 'GET', `/v1/alerts?unitId=${UNIT.id}`)).status).toBe(403);
    const listed = await s.person(other, 'GET', '/v1/alerts');
    expect(listed).toMatchObject({ status: 200, body: [] });
    const acked = await s.person(other, 'POST', `/v1/alerts/${alert!.id}/acknowledge`, {
      comment: 'not mine',
    });
    expect(acked.status).toBe(403);

    await s.addAccount({ email: 'own@example.fi', role: 'unit', units: [UNIT.id] });
    const own = await s.signIn('own@example.fi', TEST_PASSWORD);
    expect(AlertListSchema.parse((await s.person(own, 'GET', '/v1/alerts')).body)).toHaveLength(1);
    const mine = await s.person(own, 'POST', `/v1/alerts/${alert!.id}/acknowledge`, {
      comment: 'Looked into it.',
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ acknowledgedBy: 'own@example.fi' });
    expect((await s.call('GET', '/v1/alerts')).status).toBe(401);
    expect((await s.person(own, 'GET', '/v1/mail/status')).body).toEqual({
      configured: false,
      pending: 0,
      failing: 0,
    });
  });
});

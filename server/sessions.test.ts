import { afterEach, describe, expect, it } from 'vitest';
import { MeSchema } from '../core/accounts-api';
import { ApiErrorSchema } from '../core/central-api';
import { LOCKOUT_FAILURES } from './routes/session';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from './people';
import { createStores } from './store';
import { TEST_ENGINE, TEST_PASSWORD, UNIT, startTestServer, type TestServer } from './test-support';

const MINUTE = 60_000;
const codeOf = (body: unknown) => ApiErrorSchema.parse(body).error.code;

/** A clock the test moves by hand. */
function handClock(start = Date.parse('2026-12-03T08:00:00Z')) {
  let nowMs = start;
  return {
    now: () => new Date(nowMs),
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

describe(`people's sessions (${TEST_ENGINE})`, () => {
  let t: TestServer | undefined;
  afterEach(() => t?.cleanup());

  it('a person signs in, sees who they are, and signs out', async () => {
    t = await startTestServer();
    await t.enroll();
    await t.addAccount({ email: 'Hoitaja@Example.fi', role: 'unit', units: [UNIT.id] });
    await t.addAccount({ email: 'county@example.fi', role: 'county' });

    const signed = await t.call('POST', '/v1/session', {
      body: { email: ' hoitaja@example.FI ', password: TEST_PASSWORD },
    });
    expect(signed.status).toBe(204);
    const setCookie = signed.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^hymy_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    // Reached over plain http on loopback: a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = /hymy_session=[^;]+/.exec(setCookie)![0];

    const me = await t.person(cookie, 'GET', '/v1/me');
    expect(MeSchema.parse(me.body)).toEqual({
      email: 'hoitaja@example.fi',
      role: 'unit',
      units: [UNIT.id],
    });
    const county = await t.person(
      await t.signIn('county@example.fi', TEST_PASSWORD),
      'GET',
      '/v1/me',
    );
    expect(county.body).toEqual({ email: 'county@example.fi', role: 'county', units: [UNIT.id] });
    const admin = await t.admin('GET', '/v1/me');
    expect(admin.body).toEqual({ email: null, role: 'county', units: [UNIT.id] });

    const out = await t.person(cookie, 'DELETE', '/v1/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/hymy_session=;/);
    const after = await t.person(cookie, 'GET', '/v1/me');
    expect(after.status).toBe(401);
    expect(codeOf(after.body)).toBe('unauthorized');

    const log = await createStores(t.database.db).audit.newest(10);
    expect(log.map((entry) => [entry.actor, entry.action])).toEqual([
      ['hoitaja@example.fi', 'logout'],
      ['county@example.fi', 'login'],
      ['hoitaja@example.fi', 'login'],
      ['admin-token', 'enrollment_code_made'],
    ]);
    // The session is kept by its token's hash only.
    const stored = await t.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(cookie.split('=')[1]);
  });

  it('a wrong password and an unknown e-mail get the same 401; no body, no cookie', async () => {
    t = await startTestServer();
    await t.addAccount({ email: 'county@example.fi', role: 'county' });
    const wrong = await t.call('POST', '/v1/session', {
      body: { email: 'county@example.fi', password: 'not the password at all' },
    });
    const unknown = await t.call('POST', '/v1/session', {
      body: { email: 'nobody@example.fi', password: TEST_PASSWORD },
    });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    expect(wrong.body).toEqual(unknown.body);
    expect(codeOf(wrong.body)).toBe('bad_credentials');
    const malformed = await t.call('POST', '/v1/session', { body: { email: 'county@example.fi' } });
    expect(malformed.status).toBe(400);
    const log = await createStores(t.database.db).audit.newest(10);
    expect(log.map((entry) => [entry.actor, entry.action])).toEqual([
      ['nobody@example.fi', 'login_failed'],
      ['county@example.fi', 'login_failed'],
    ]);
  });

  it(`after ${LOCKOUT_FAILURES} failures in 15 minutes an e-mail is locked out, then let in again`, async () => {
    const clock = handClock();
    t = await startTestServer({ now: clock.now });
    await t.addAccount({ email: 'county@example.fi', role: 'county' });
    await t.addAccount({ email: 'other@example.fi', role: 'county' });
    const attempt = (email: string, password: string) =>
      t!.call('POST', '/v1/session', { body: { email, password } });

    for (let i = 0; i < LOCKOUT_FAILURES; i += 1) {
      expect((await attempt('county@example.fi', `wrong password ${i}`)).status).toBe(401);
      clock.advance(MINUTE);
    }
    // Even the right password now: the lockout is the e-mail's, for the window.
    const locked = await attempt('county@example.fi', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(codeOf(locked.body)).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not held up by it.
    expect((await attempt('other@example.fi', TEST_PASSWORD)).status).toBe(204);

    // The first failures age out of the 15 minutes one by one.
    clock.advance(6 * MINUTE);
    expect((await attempt('county@example.fi', TEST_PASSWORD)).status).toBe(204);
    // A success forgets the failures.
    expect((await attempt('county@example.fi', 'wrong again, once')).status).toBe(401);
    expect((await attempt('county@example.fi', TEST_PASSWORD)).status).toBe(204);
  });

  it('a session ends after 30 idle minutes, and after 8 hours however busy', async () => {
    const clock = handClock();
    t = await startTestServer({ now: clock.now });
    await t.addAccount({ email: 'county@example.fi', role: 'county' });

    const idle = await t.signIn('county@example.fi', TEST_PASSWORD);
    clock.advance(SESSION_IDLE_MS - MINUTE);
    expect((await t.person(idle, 'GET', '/v1/me')).status).toBe(200);
    clock.advance(SESSION_IDLE_MS - MINUTE);
    expect((await t.person(idle, 'GET', '/v1/me')).status).toBe(200);
    clock.advance(SESSION_IDLE_MS);
    const ended = await t.person(idle, 'GET', '/v1/me');
    expect(ended.status).toBe(401);
    expect(ApiErrorSchema.parse(ended.body).error.message).toMatch(/session has ended/);

    const busy = await t.signIn('county@example.fi', TEST_PASSWORD);
    const started = clock.now().getTime();
    while (clock.now().getTime() - started < SESSION_MAX_MS - 20 * MINUTE) {
      clock.advance(20 * MINUTE);
      expect((await t.person(busy, 'GET', '/v1/me')).status).toBe(200);
    }
    clock.advance(20 * MINUTE);
    expect((await t.person(busy, 'GET', '/v1/me')).status).toBe(401);
  });

  it('a change by session needs the server’s own Origin (CSRF); the admin token does not', async () => {
    t = await startTestServer();
    await t.enroll();
    await t.addAccount({ email: 'county@example.fi', role: 'county' });
    const cookie = await t.signIn('county@example.fi', TEST_PASSWORD);
    const target = { target: { measure: 'nps', value: 50 } };
    const path = `/v1/admin/units/${UNIT.id}`;

    const strangers: Record<string, string>[] = [
      { cookie },
      { cookie, origin: 'https://evil.example' },
    ];
    for (const headers of strangers) {
      const refused = await t.call('PATCH', path, { body: target, headers });
      expect(refused.status).toBe(403);
      expect(codeOf(refused.body)).toBe('csrf');
    }
    // Reading needs no Origin: a GET changes nothing.
    expect((await t.call('GET', '/v1/me', { headers: { cookie } })).status).toBe(200);
    const own = await t.person(cookie, 'PATCH', path, target);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ unitId: UNIT.id, target: { measure: 'nps', value: 50 } });
    const byToken = await t.admin('PATCH', path, { target: null });
    expect(byToken.status).toBe(200);
    expect(byToken.body).toMatchObject({ target: null });

    const log = await createStores(t.database.db).audit.newest(2);
    expect(log.map((entry) => [entry.actor, entry.action, entry.target, entry.detail])).toEqual([
      ['admin-token', 'unit_target_set', UNIT.id, { target: null }],
      ['county@example.fi', 'unit_target_set', UNIT.id, { target: { measure: 'nps', value: 50 } }],
    ]);
  });

  it('a target must be a share 0…1 or an NPS −100…100, for a unit that exists', async () => {
    t = await startTestServer();
    await t.enroll();
    const path = `/v1/admin/units/${UNIT.id}`;
    for (const target of [
      { measure: 'positiveShare', value: 80 },
      { measure: 'nps', value: 101 },
      { measure: 'mean', value: 3 },
    ]) {
      const refused = await t.admin('PATCH', path, { target });
      expect(refused.status).toBe(400);
      expect(codeOf(refused.body)).toBe('invalid_body');
    }
    expect((await t.admin('PATCH', path, { name: 'x' })).status).toBe(400);
    const unknown = await t.admin('PATCH', '/v1/admin/units/no-such-unit', { target: null });
    expect(unknown.status).toBe(404);
    expect(codeOf(unknown.body)).toBe('unit_unknown');
    const set = await t.admin('PATCH', path, { target: { measure: 'positiveShare', value: 0.85 } });
    expect(set.status).toBe(200);
    // The units report carries it (an extension of its rows).
    const units = await t.admin('GET', '/v1/reports/units');
    expect(units.body).toEqual([
      expect.objectContaining({
        unitId: UNIT.id,
        target: { measure: 'positiveShare', value: 0.85 },
      }),
    ]);
  });
});

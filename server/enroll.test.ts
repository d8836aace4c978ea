import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnrollAnswerSchema, EnrollmentCodeAnswerSchema } from '../core/central-api';
import { startTestServer, SURVEY, UNIT, type TestServer } from './test-support';

const HOUR_MS = 3_600_000;

describe('enrollment', () => {
  let t: TestServer;
  let nowMs: number;

  beforeEach(async () => {
    nowMs = Date.parse('2026-11-23T08:00:00.000Z');
    t = await startTestServer({ now: () => new Date(nowMs) });
  });
  afterEach(() => t.cleanup());

  const enrollWith = (code: string) =>
    t.call('POST', '/v1/enroll', { body: { code, hardwareId: 'hw-1', appVersion: '0.1.0' } });

  it('an admin gets a single-use code that is valid for 24 hours', async () => {
    const made = await t.admin('POST', '/v1/admin/enrollment-codes', {
      unit: UNIT,
      survey: SURVEY,
    });
    expect(made.status).toBe(201);
    const answer = EnrollmentCodeAnswerSchema.parse(made.body);
    expect(answer.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(answer.expiresAt).toBe(new Date(nowMs + 24 * HOUR_MS).toISOString());
  });

  it('a code enrolls a terminal, which gets a token and its config with every default filled in', async () => {
    const code = await t.newCode();
    const enrolled = await enrollWith(code);
    expect(enrolled.status).toBe(201);
    const answer = EnrollAnswerSchema.parse(enrolled.body);
    expect(answer.terminalId).toMatch(/^t_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(answer.token.length).toBeGreaterThanOrEqual(43);
    expect(answer.config).toMatchObject({
      terminalId: answer.terminalId,
      unit: UNIT,
      survey: { id: 'visit-smiley', version: 3 },
      languages: ['fi', 'sv', 'en'],
      defaultLanguage: 'fi',
      timing: { thankYouMs: 4000, idleResetMs: 30000, repeatWindowMs: 4000 },
    });
  });

  it('a code typed in lower case, with spaces and without its dash still enrolls', async () => {
    const code = await t.newCode();
    const typed = ` ${code.replace('-', ' ').toLowerCase()} `;
    expect((await enrollWith(typed)).status).toBe(201);
  });

  it('a code that was never made is unknown (404 code_unknown)', async () => {
    for (const code of ['ABCD-EFGH', 'not a code']) {
      const refused = await enrollWith(code);
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual({
        error: { code: 'code_unknown', message: expect.any(String) as string },
      });
    }
  });

  it('a code enrolls one terminal only; the second try gets 410 code_used', async () => {
    const code = await t.newCode();
    expect((await enrollWith(code)).status).toBe(201);
    const again = await enrollWith(code);
    expect(again.status).toBe(410);
    expect((again.body as { error: { code: string } }).error.code).toBe('code_used');
  });

  it('a code expires after its ttlHours (410 code_expired)', async () => {
    const made = await t.admin('POST', '/v1/admin/enrollment-codes', {
      unit: UNIT,
      survey: SURVEY,
      ttlHours: 2,
    });
    const { code, expiresAt } = EnrollmentCodeAnswerSchema.parse(made.body);
    expect(expiresAt).toBe(new Date(nowMs + 2 * HOUR_MS).toISOString());
    nowMs += 2 * HOUR_MS;
    const late = await enrollWith(code);
    expect(late.status).toBe(410);
    expect((late.body as { error: { code: string } }).error.code).toBe('code_expired');
  });

  it('a code still enrolls a minute before it expires', async () => {
    const code = await t.newCode();
    nowMs += 24 * HOUR_MS - 60_000;
    expect((await enrollWith(code)).status).toBe(201);
  });

  it('a code carries the config options the admin gave', async () => {
    const code = await t.newCode({
      unit: UNIT,
      survey: SURVEY,
      languages: ['fi', 'sv'],
      defaultLanguage: 'sv',
      timing: { thankYouMs: 2500 },
      buttonBox: { map: { '1': 1, '2': 4 } },
      storage: { reserveMb: 100 },
    });
    const answer = EnrollAnswerSchema.parse((await enrollWith(code)).body);
    expect(answer.config.storage).toEqual({ reserveMb: 100 });
    expect(answer.config.languages).toEqual(['fi', 'sv']);
    expect(answer.config.defaultLanguage).toBe('sv');
    expect(answer.config.timing).toEqual({
      thankYouMs: 2500,
      idleResetMs: 30000,
      repeatWindowMs: 4000,
      visitIdleMs: 20_000,
    });
    expect(answer.config.buttonBox).toEqual({
      map: { '1': 1, '2': 4 },
      lightMs: 1500,
      baudRate: 9600,
    });
  });

  it('a code for a config that would not validate is refused, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ unit: UNIT, survey: SURVEY, languages: ['fi'], defaultLanguage: 'en' }, 'defaultLanguage'],
      [{ unit: UNIT }, 'survey'],
      [{ unit: UNIT, survey: SURVEY, timing: { thankYouMs: -1 } }, 'timing.thankYouMs'],
      [{ unit: UNIT, survey: SURVEY, ttlHours: 0 }, 'ttlHours'],
      [{ unit: UNIT, survey: SURVEY, timings: {} }, '(root)'],
    ];
    for (const [body, field] of cases) {
      const refused = await t.admin('POST', '/v1/admin/enrollment-codes', body);
      expect(refused.status).toBe(400);
      const error = (refused.body as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('invalid_body');
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    }
  });

  it('an enrollment without a hardware id is refused, naming the field', async () => {
    const code = await t.newCode();
    const refused = await t.call('POST', '/v1/enroll', { body: { code, appVersion: '0.1.0' } });
    expect(refused.status).toBe(400);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/^hardwareId: /);
    // The code is still good.
    expect((await enrollWith(code)).status).toBe(201);
  });

  it('making a code needs the admin token (401 without it, or with a wrong one)', async () => {
    const body = { unit: UNIT, survey: SURVEY };
    const none = await t.call('POST', '/v1/admin/enrollment-codes', { body });
    const wrong = await t.call('POST', '/v1/admin/enrollment-codes', { body, token: 'guess' });
    for (const refused of [none, wrong]) {
      expect(refused.status).toBe(401);
      expect((refused.body as { error: { code: string } }).error.code).toBe('unauthorized');
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('the embedding host can make a code without HTTP', async () => {
    const made = await t.server.createEnrollmentCode({ unit: UNIT, survey: SURVEY });
    expect(made.ok).toBe(true);
    if (made.ok) {
      expect((await enrollWith(made.value.code)).status).toBe(201);
    }
    const bad = await t.server.createEnrollmentCode({
      unit: UNIT,
      survey: { ...SURVEY, questions: [] },
    });
    expect(bad).toMatchObject({ ok: false, failure: { status: 400, code: 'invalid_body' } });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalListSchema, type EnrollAnswer } from '../core/central-api';
import { TerminalConfigSchema } from '../core/terminal-config';
import { answer, startTestServer, SURVEY, type Call, type TestServer } from './test-support';

const messageOf = (call: Call) => (call.body as { error: { code: string; message: string } }).error;

describe('changing a terminal (PATCH /v1/admin/terminals/{terminalId})', () => {
  let t: TestServer;
  let terminal: EnrollAnswer;
  let path: string;

  beforeEach(async () => {
    t = await startTestServer();
    terminal = await t.enroll();
    path = `/v1/admin/terminals/${terminal.terminalId}`;
  });
  afterEach(() => t.cleanup());

  const config = async () =>
    TerminalConfigSchema.parse(
      (await t.call('GET', '/v1/terminal/config', { token: terminal.token })).body,
    );

  it('answers with the new config, which the terminal then reads', async () => {
    const changed = await t.admin('PATCH', path, {
      languages: ['sv', 'fi'],
      defaultLanguage: 'sv',
      buttonBox: { lightMs: 800 },
    });
    expect(changed.status).toBe(200);
    const answer = TerminalConfigSchema.parse(changed.body);
    expect(answer).toMatchObject({ languages: ['sv', 'fi'], defaultLanguage: 'sv' });
    expect(answer.buttonBox.lightMs).toBe(800);
    expect(await config()).toEqual(answer);
  });

  it('changes timing field by field, keeping the fields not given', async () => {
    await t.admin('PATCH', path, { timing: { idleResetMs: 60_000 } });
    await t.admin('PATCH', path, { timing: { thankYouMs: 3000 } });
    expect((await config()).timing).toEqual({
      thankYouMs: 3000,
      idleResetMs: 60_000,
      repeatWindowMs: 4000,
      visitIdleMs: 20_000,
    });
  });

  it('sets and drops a button map (null goes back to button n = value n)', async () => {
    await t.admin('PATCH', path, { buttonBox: { map: { '1': 4, '4': 1 } } });
    expect((await config()).buttonBox.map).toEqual({ '1': 4, '4': 1 });
    await t.admin('PATCH', path, { buttonBox: { map: null } });
    expect((await config()).buttonBox.map).toBeUndefined();
  });

  it('sets the free space a terminal keeps for answers, which an old config did without', async () => {
    expect((await config()).storage).toBeUndefined();
    await t.admin('PATCH', path, { storage: { reserveMb: 200 } });
    expect((await config()).storage).toEqual({ reserveMb: 200 });
  });

  it('replaces the survey, and answers to it are accepted from then on', async () => {
    const survey = { id: 'lobby', version: 1, questions: [{ id: 'q1', scale: 'agree5' }] };
    const changed = await t.admin('PATCH', path, { survey });
    expect(TerminalConfigSchema.parse(changed.body).survey).toMatchObject(survey);
    const sent = await t.upload(terminal.token, [
      answer(1, { surveyId: 'lobby', surveyVersion: 1, questionId: 'q1', scale: 'agree5' }),
    ]);
    expect((sent.body as { accepted: string[] }).accepted).toEqual([answer(1).id]);
  });

  it('a change that would make the config invalid is refused, naming the field, and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ defaultLanguage: 'en', languages: ['fi'] }, 'defaultLanguage'],
      [{ languages: ['sv'] }, 'defaultLanguage'],
      [{ timing: { thankYouMs: 90_000 } }, 'timing.thankYouMs'],
      [{ buttonBox: { baudRate: 1234 } }, 'buttonBox.baudRate'],
      [{ storage: { reserveMb: 5 } }, 'storage.reserveMb'],
      [{ survey: { ...SURVEY, questions: [] } }, 'survey.questions'],
      [{ revoked: 'yes' }, 'revoked'],
      [{ unit: { id: 'elsewhere', name: { fi: 'Muu' } } }, '(root)'],
    ];
    const before = await config();
    for (const [body, field] of cases) {
      const refused = await t.admin('PATCH', path, body);
      expect(refused.status).toBe(400);
      expect(messageOf(refused).code).toBe('invalid_body');
      expect(messageOf(refused).message.startsWith(`${field}: `)).toBe(true);
    }
    expect(await config()).toEqual(before);
  });

  it('a question may not change its scale under the same survey version', async () => {
    const refused = await t.admin('PATCH', path, {
      survey: { ...SURVEY, questions: [{ id: 'overall', scale: 'smiley5' }] },
    });
    expect(refused.status).toBe(400);
    expect(messageOf(refused).message).toMatch(
      /^survey\.questions\.0\.scale: .*new survey version/,
    );
    const renewed = await t.admin('PATCH', path, {
      survey: { ...SURVEY, version: 4, questions: [{ id: 'overall', scale: 'smiley5' }] },
    });
    expect(renewed.status).toBe(200);
  });

  it('revokes a terminal and lets it back in; the admin list shows which', async () => {
    expect((await t.admin('PATCH', path, { revoked: true })).status).toBe(200);
    const [revoked] = TerminalListSchema.parse((await t.admin('GET', '/v1/admin/terminals')).body);
    expect(revoked?.revoked).toBe(true);
    await t.admin('PATCH', path, { revoked: false });
    const [back] = TerminalListSchema.parse((await t.admin('GET', '/v1/admin/terminals')).body);
    expect(back?.revoked).toBe(false);
  });

  it('an unknown terminal is 404 terminal_unknown', async () => {
    const missing = await t.admin('PATCH', '/v1/admin/terminals/t_nobody', { revoked: true });
    expect(missing.status).toBe(404);
    expect(messageOf(missing).code).toBe('terminal_unknown');
  });

  it('accepts a JSON merge patch content type', async () => {
    const changed = await t.call('PATCH', path, {
      token: t.server.adminToken,
      body: JSON.stringify({ timing: { thankYouMs: 1000 } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(changed.status).toBe(200);
  });

  it('needs the admin token, not a terminal token', async () => {
    const refused = await t.call('PATCH', path, { token: terminal.token, body: { revoked: true } });
    expect(refused.status).toBe(401);
  });
});

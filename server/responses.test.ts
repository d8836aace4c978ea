import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BATCH_BYTES, UploadAnswerSchema, type EnrollAnswer } from '../core/central-api';
import { answer, startTestServer, SURVEY, type Call, type TestServer } from './test-support';

const listsOf = (call: Call) => UploadAnswerSchema.parse(call.body);
const idsOf = (n: number, from = 0) => Array.from({ length: n }, (_, i) => answer(from + i).id);

describe('uploading answers', () => {
  let t: TestServer;
  let terminal: EnrollAnswer;

  beforeEach(async () => {
    t = await startTestServer();
    terminal = await t.enroll();
  });
  afterEach(() => t.cleanup());

  const batch = (n: number, from = 0) => Array.from({ length: n }, (_, i) => answer(from + i));

  it('a batch of valid answers is accepted, each id listed once', async () => {
    const sent = await t.upload(terminal.token, batch(3));
    expect(sent.status).toBe(200);
    expect(listsOf(sent)).toEqual({ accepted: idsOf(3), duplicate: [], rejected: [] });
  });

  it('the same batch sent twice is stored once: the second time every id is a duplicate', async () => {
    await t.upload(terminal.token, batch(5));
    const again = await t.upload(terminal.token, batch(5));
    expect(listsOf(again)).toEqual({ accepted: [], duplicate: idsOf(5), rejected: [] });
    const summary = await t.admin('GET', '/v1/admin/summary?questionId=overall');
    expect((summary.body as { total: number }).total).toBe(5);
  });

  it('ids stored by an earlier batch are duplicates in a later one, new ids accepted', async () => {
    await t.upload(terminal.token, batch(3));
    const mixed = await t.upload(terminal.token, batch(4, 2));
    expect(listsOf(mixed)).toEqual({
      accepted: idsOf(3, 3),
      duplicate: idsOf(1, 2),
      rejected: [],
    });
  });

  it('an id repeated inside one batch appears once in the answer', async () => {
    const sent = await t.upload(terminal.token, [answer(1), answer(2), answer(1, { value: 1 })]);
    expect(listsOf(sent)).toEqual({ accepted: idsOf(2, 1), duplicate: [], rejected: [] });
  });

  it('an upper-case copy of a stored id is a duplicate, named as the terminal sent it', async () => {
    await t.upload(terminal.token, [answer(1)]);
    const shouted = answer(1).id.toUpperCase();
    const again = await t.upload(terminal.token, [{ ...answer(1), id: shouted }, answer(2)]);
    expect(listsOf(again)).toEqual({
      accepted: [answer(2).id],
      duplicate: [shouted],
      rejected: [],
    });
    const summary = await t.admin('GET', '/v1/admin/summary?questionId=overall');
    expect((summary.body as { total: number }).total).toBe(2);
  });

  it('an id sent in upper case first is stored once, and its lower-case copy is a duplicate', async () => {
    const shouted = answer(1).id.toUpperCase();
    const first = await t.upload(terminal.token, [{ ...answer(1), id: shouted }]);
    expect(listsOf(first).accepted).toEqual([shouted]);
    expect(listsOf(await t.upload(terminal.token, [answer(1)])).duplicate).toEqual([answer(1).id]);
  });

  it('the same id twice in one batch, in different case: the second is a duplicate', async () => {
    const shouted = answer(1).id.toUpperCase();
    const sent = await t.upload(terminal.token, [answer(1), { ...answer(1), id: shouted }]);
    expect(listsOf(sent)).toEqual({ accepted: [answer(1).id], duplicate: [shouted], rejected: [] });
  });

  it('a bad answer is rejected with a code while the rest of its batch is stored', async () => {
    const sent = await t.upload(terminal.token, [
      answer(1),
      answer(2, { value: 9 }),
      answer(3, { surveyVersion: 2 }),
      answer(4, { surveyId: 'other-survey' }),
      answer(5, { questionId: 'staff' }),
      answer(6, { scale: 'smiley5', value: 5 }),
      { ...answer(7), answeredAt: 'yesterday' },
      { ...answer(8), id: 'not-a-uuid' },
      answer(9, { questionId: 'recommend', scale: 'nps11', value: 10 }),
    ]);
    const lists = listsOf(sent);
    expect(lists.accepted).toEqual([answer(1).id, answer(9).id]);
    expect(lists.duplicate).toEqual([]);
    expect(lists.rejected.map(({ id, code }) => ({ id, code }))).toEqual([
      { id: answer(2).id, code: 'invalid_response' },
      { id: answer(3).id, code: 'unknown_survey' },
      { id: answer(4).id, code: 'unknown_survey' },
      { id: answer(5).id, code: 'unknown_question' },
      { id: answer(6).id, code: 'scale_mismatch' },
      { id: answer(7).id, code: 'invalid_response' },
      { id: 'not-a-uuid', code: 'invalid_response' },
    ]);
    expect(lists.rejected[0]!.message).toMatch(/^value: /);
    expect(lists.rejected[5]!.message).toMatch(/^answeredAt: /);
  });

  it("answers to the terminal's earlier survey version are still accepted after a new version", async () => {
    await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, {
      survey: { ...SURVEY, version: 4 },
    });
    const sent = await t.upload(terminal.token, [
      answer(1, { surveyVersion: 3 }),
      answer(2, { surveyVersion: 4 }),
      answer(3, { surveyVersion: 5 }),
    ]);
    const lists = listsOf(sent);
    expect(lists.accepted).toEqual(idsOf(2, 1));
    expect(lists.rejected).toEqual([
      expect.objectContaining({ id: answer(3).id, code: 'unknown_survey' }),
    ]);
  });

  it("another terminal's survey is unknown to this one", async () => {
    await t.enroll({
      unit: { id: 'other-unit', name: { fi: 'Muu' } },
      survey: { id: 'lobby', version: 1, questions: [{ id: 'q', scale: 'smiley3' }] },
    });
    const sent = await t.upload(terminal.token, [
      answer(1, {
        surveyId: 'lobby',
        surveyVersion: 1,
        questionId: 'q',
        scale: 'smiley3',
        value: 3,
      }),
    ]);
    expect(listsOf(sent).rejected[0]?.code).toBe('unknown_survey');
  });

  it('a batch with an item that has no string id is refused whole (400), naming the item', async () => {
    const { id: _id, ...noId } = answer(2);
    for (const item of [noId, { ...answer(2), id: 42 }, 'text', null, { ...answer(2), id: '' }]) {
      const refused = await t.upload(terminal.token, [answer(1), item]);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({
        error: {
          code: 'invalid_body',
          message: expect.stringMatching(/^responses\.1\.id: /) as string,
        },
      });
    }
    // Nothing of a refused batch was stored.
    expect(listsOf(await t.upload(terminal.token, [answer(1)])).accepted).toEqual([answer(1).id]);
  });

  it('an empty batch, a batch of 501 and a body without responses are refused (400)', async () => {
    for (const body of [{ responses: [] }, { responses: batch(501) }, { answers: batch(1) }, []]) {
      const refused = await t.call('POST', '/v1/terminal/responses', {
        token: terminal.token,
        body,
      });
      expect(refused.status).toBe(400);
      expect((refused.body as { error: { code: string } }).error.code).toBe('invalid_body');
    }
  });

  it('a batch of 500 is accepted', async () => {
    const sent = await t.upload(terminal.token, batch(500));
    expect(listsOf(sent).accepted).toHaveLength(500);
  });

  it('a body over 512 KiB gets 413 without being read', async () => {
    const comment = 'x'.repeat(500);
    const responses = batch(500).map((item) => ({ ...item, comment, padding: 'y'.repeat(600) }));
    const body = JSON.stringify({ responses });
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BATCH_BYTES);
    const refused = await t.call('POST', '/v1/terminal/responses', {
      token: terminal.token,
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(refused.status).toBe(413);
    expect((refused.body as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it('a body that is not JSON gets 400 invalid_json', async () => {
    for (const body of ['{"responses": [', '', 'null x']) {
      const refused = await t.call('POST', '/v1/terminal/responses', {
        token: terminal.token,
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({
        error: { code: 'invalid_json', message: 'the body is not valid JSON' },
      });
    }
  });

  it('a body that is not sent as JSON gets 415', async () => {
    const refused = await t.call('POST', '/v1/terminal/responses', {
      token: terminal.token,
      body: JSON.stringify({ responses: [answer(1)] }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(refused.status).toBe(415);
    expect((refused.body as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('fields a newer terminal adds to an answer do not make it rejected', async () => {
    const sent = await t.upload(terminal.token, [{ ...answer(1), mood: 'sunny' }]);
    expect(listsOf(sent).accepted).toEqual([answer(1).id]);
  });
});

describe('answer times the server can believe', () => {
  const NOW = Date.parse('2026-11-23T12:00:00.000Z');
  const DAY_MS = 24 * 60 * 60 * 1000;
  let t: TestServer;
  let terminal: EnrollAnswer;

  beforeEach(async () => {
    t = await startTestServer({ now: () => new Date(NOW) });
    terminal = await t.enroll();
  });
  afterEach(() => t.cleanup());

  const at = (n: number, ms: number) => answer(n, { answeredAt: new Date(ms).toISOString() });

  it('an answer from before 2020 or over a day ahead of the server is rejected as implausible_time; the rest is stored', async () => {
    const sent = await t.upload(terminal.token, [
      at(1, Date.parse('2019-12-31T23:59:59.999Z')),
      at(2, Date.parse('2020-01-01T00:00:00.000Z')),
      at(3, NOW),
      at(4, NOW + DAY_MS),
      at(5, NOW + DAY_MS + 1),
      at(6, 0),
      // A terminal that knew its clock was wrong said so; the bound holds all the same.
      answer(7, { answeredAt: '1970-01-01T00:00:10.000Z', flags: ['clock_unsynced'] }),
    ]);
    const lists = listsOf(sent);
    expect(lists.accepted).toEqual([answer(2).id, answer(3).id, answer(4).id]);
    expect(lists.duplicate).toEqual([]);
    expect(lists.rejected.map(({ id, code }) => ({ id, code }))).toEqual(
      [1, 5, 6, 7].map((n) => ({ id: answer(n).id, code: 'implausible_time' })),
    );
    expect(lists.rejected[0]!.message).toContain('2019-12-31T23:59:59.999Z');
  });

  it('an answer with an unsynced clock but a plausible time is accepted with its flag', async () => {
    const sent = await t.upload(terminal.token, [
      answer(1, { answeredAt: '2026-11-23T11:00:00.000Z', flags: ['clock_unsynced'] }),
    ]);
    expect(listsOf(sent).accepted).toEqual([answer(1).id]);
  });
});

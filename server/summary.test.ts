import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SummaryAnswerSchema, type EnrollAnswer } from '../core/central-api';
import type { Response } from '../core/response';
import { answer, startTestServer, type TestServer } from './test-support';

describe('the summary (GET /v1/admin/summary)', () => {
  let t: TestServer;
  let terminal: EnrollAnswer;
  let n = 0;

  beforeEach(async () => {
    t = await startTestServer();
    terminal = await t.enroll();
  });
  afterEach(() => t.cleanup());

  /** Stores answers of the given values (smiley4 'overall' unless overridden). */
  const store = async (values: number[], overrides: Partial<Response> = {}) => {
    const responses = values.map((value) => answer((n += 1), { value, ...overrides }));
    const sent = await t.upload(terminal.token, responses);
    expect((sent.body as { accepted: string[] }).accepted).toHaveLength(values.length);
  };
  const summary = async (query: string) => {
    const got = await t.admin('GET', `/v1/admin/summary?${query}`);
    expect(got.status).toBe(200);
    return SummaryAnswerSchema.parse(got.body);
  };

  it('counts each value, the mean and the share of the top two faces', async () => {
    await store([4, 4, 3, 2, 1, 4, 3, 3]);
    expect(await summary('unitId=khks-lapset&surveyId=visit-smiley')).toEqual({
      scale: 'smiley4',
      total: 8,
      byValue: { '1': 1, '2': 1, '3': 3, '4': 3 },
      mean: 3,
      positiveShare: 0.75,
      excluded: { repeat: 0, test: 0 },
    });
  });

  it('leaves out test answers always and repeats unless includeRepeats=true', async () => {
    await store([4, 1]);
    await store([4, 4, 4], { flags: ['repeat'] });
    await store([1, 1], { flags: ['test'] });
    await store([2], { flags: ['test', 'repeat'] });
    await store([3], { flags: ['clock_unsynced'] });

    const plain = await summary('unitId=khks-lapset');
    expect(plain.total).toBe(3);
    expect(plain.byValue).toEqual({ '1': 1, '2': 0, '3': 1, '4': 1 });
    expect(plain.excluded).toEqual({ repeat: 3, test: 3 });

    const withRepeats = await summary('unitId=khks-lapset&includeRepeats=true');
    expect(withRepeats.total).toBe(6);
    // 4, 1, 3 and the three repeated 4s: five of six are a 3 or a 4.
    expect(withRepeats.positiveShare).toBe(5 / 6);
    expect(withRepeats.excluded).toEqual({ repeat: 0, test: 3 });
  });

  it('separates patients from relatives, and the answers where nobody said', async () => {
    await store([4, 4, 3], { respondent: 'patient' });
    await store([1, 2], { respondent: 'relative' });
    await store([3]);
    expect((await summary('respondent=patient')).byValue).toEqual({
      '1': 0,
      '2': 0,
      '3': 1,
      '4': 2,
    });
    expect((await summary('respondent=relative')).total).toBe(2);
    expect((await summary('respondent=unknown')).total).toBe(1);
    expect((await summary('unitId=khks-lapset')).total).toBe(6);
    const wrong = await t.admin('GET', '/v1/admin/summary?respondent=nurse');
    expect(wrong.status).toBe(400);
  });

  it('gives the Net Promoter Score for an nps11 question', async () => {
    // 4 promoters (9–10), 3 passives (7–8), 3 detractors (0–6): 40 % − 30 % = 10.
    await store([10, 9, 9, 10, 7, 8, 8, 0, 6, 3], { questionId: 'recommend', scale: 'nps11' });
    const nps = await summary('questionId=recommend');
    expect(nps).toMatchObject({ scale: 'nps11', total: 10, nps: 10, positiveShare: 0.4 });
    expect(nps.mean).toBeCloseTo(7);
  });

  it('refuses to add up different scales, and one question can then be chosen', async () => {
    await store([4, 3]);
    await store([10], { questionId: 'recommend', scale: 'nps11' });
    const mixed = await t.admin('GET', '/v1/admin/summary?surveyId=visit-smiley');
    expect(mixed.status).toBe(400);
    expect(mixed.body).toEqual({
      error: { code: 'mixed_scales', message: expect.stringContaining('questionId') as string },
    });
    expect((await summary('surveyId=visit-smiley&questionId=overall')).total).toBe(2);
  });

  it('selects by answer time: from inclusive, to exclusive', async () => {
    await store([1], { answeredAt: '2026-11-22T23:59:59.999Z' });
    await store([2], { answeredAt: '2026-11-23T00:00:00Z' });
    await store([3], { answeredAt: '2026-11-23T12:00:00.5Z' });
    await store([4], { answeredAt: '2026-11-24T00:00:00.000Z' });
    const day = await summary('from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z');
    expect(day.byValue).toEqual({ '1': 0, '2': 1, '3': 1, '4': 0 });
    // An offset is understood: midnight in Helsinki is 22:00 the day before in UTC.
    const helsinki = await summary(
      'from=2026-11-23T00:00:00%2B02:00&to=2026-11-24T00:00:00%2B02:00',
    );
    expect(helsinki.byValue).toEqual({ '1': 1, '2': 1, '3': 1, '4': 0 });
  });

  it('parameters left empty, as central-api.md writes them, mean "any"', async () => {
    await store([4, 2]);
    const all = await summary('unitId=&surveyId=&questionId=&from=&to=&includeRepeats=');
    expect(all.total).toBe(2);
  });

  it('another unit has nothing to count', async () => {
    await store([4]);
    expect(await summary('unitId=somewhere-else')).toEqual({
      scale: null,
      total: 0,
      byValue: {},
      mean: null,
      positiveShare: null,
      excluded: { repeat: 0, test: 0 },
    });
  });

  it('a parameter it does not know, or one given twice, is refused rather than summing every unit', async () => {
    await store([4]);
    for (const [query, field, message] of [
      ['unitId[]=khks-lapset', 'unitId[]', 'not a parameter of this call'],
      ['unit=khks-lapset', 'unit', 'not a parameter of this call'],
      ['unitId=khks-lapset&unitId=elsewhere', 'unitId', 'given more than once'],
      ['unitId=khks-lapset&unitId=', 'unitId', 'given more than once'],
    ]) {
      const refused = await t.admin('GET', `/v1/admin/summary?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({
        error: { code: 'invalid_query', message: `${field}: ${message}` },
      });
    }
  });

  it('a query it cannot read is refused, naming the parameter', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['includeRepeats=yes', 'includeRepeats'],
    ]) {
      const refused = await t.admin('GET', `/v1/admin/summary?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({
        error: { code: 'invalid_query', message: expect.stringMatching(`^${field}: `) as string },
      });
    }
  });
});

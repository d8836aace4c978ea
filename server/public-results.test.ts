import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npsInterval, wilson } from '../core/intervals';
import {
  PublicResultsSchema,
  type PublicFigure,
  type PublicQuestion,
  type PublicResults,
} from '../core/public-api';
import type { Response } from '../core/response';
import { hiddenWeeks } from './public/public-results';
import { answer, startTestServer, TEST_PASSWORD, UNIT, type TestServer } from './test-support';

/**
 * The public results (central-reports.md, "Public results") on known answers: what is
 * suppressed at 4 answers and shown at 5, for a question's total and for each week; that
 * tests, repeats and the week not yet over never count; that nothing personal, no terminal
 * and no time finer than a week is in the answer; publishing and withdrawing; and "You said,
 * we did" notes. On SQLite, and on PostgreSQL in the server-postgres project.
 */

// A Wednesday: this week (from Monday 30 November) is not over, so it is not public.
const NOW = new Date('2026-12-02T12:00:00.000Z');
const OTHER = { id: 'other-unit', name: { fi: 'Toinen yksikkö' } };
const SURVEY = {
  id: 'visit-smiley',
  version: 3,
  questions: [
    {
      id: 'overall',
      scale: 'smiley4',
      text: { fi: 'Miten käyntisi sujui?', en: 'How was your visit?' },
      followUp: {
        id: 'reason',
        when: [1, 2],
        options: [{ id: 'waiting-time', text: { fi: 'Odotusaika' } }],
      },
    },
    { id: 'recommend', scale: 'nps11' },
  ],
};

const COMMENT = 'Hoitaja Virtanen oli ystävällinen';
const HARDWARE_ID = 'test-hw';

let t: TestServer;
let nextId = 1;
let token: string;
let terminalId: string;
let otherToken: string;
const sentTimes: string[] = [];

/** `count` answers at a Helsinki noon on `date`, one minute apart. */
function answers(
  date: string,
  count: number,
  fields: Partial<Response> & Pick<Response, 'questionId' | 'scale' | 'value'>,
): Response[] {
  return Array.from({ length: count }, (_, i) => {
    const answeredAt = new Date(
      Date.parse(`${date}T10:00:00.000Z`) + i * 60_000 + nextId,
    ).toISOString();
    sentTimes.push(answeredAt);
    return answer(nextId++, { answeredAt, surveyId: SURVEY.id, surveyVersion: 3, ...fields });
  });
}

const overall = (value: number) => ({ questionId: 'overall', scale: 'smiley4' as const, value });
const recommend = (value: number) => ({
  questionId: 'recommend',
  scale: 'nps11' as const,
  value,
});

async function results(unitId = UNIT.id, query = ''): Promise<PublicResults> {
  const got = await t.call('GET', `/public/v1/units/${unitId}${query}`);
  expect(got.status, got.text).toBe(200);
  return PublicResultsSchema.parse(got.body);
}

function question(found: PublicResults, questionId: string): PublicQuestion {
  const q = found.questions.find((x) => x.questionId === questionId);
  expect(q, questionId).toBeDefined();
  return q!;
}

function week(q: PublicQuestion, start: string) {
  const found = q.weeks.find((w) => w.start === start);
  expect(found, start).toBeDefined();
  return found!;
}

const SUPPRESSED: PublicFigure = { suppressed: true };

beforeAll(async () => {
  t = await startTestServer({ now: () => NOW });
  const enrolled = await t.enroll({ unit: UNIT, survey: SURVEY });
  token = enrolled.token;
  terminalId = enrolled.terminalId;
  otherToken = (await t.enroll({ unit: OTHER, survey: SURVEY })).token;

  const batch: Response[] = [
    // overall: week of 2 Nov 4 answers (3 positive), of 9 Nov 1, of 16 Nov 5 (4 positive).
    ...answers('2026-11-02', 3, overall(4)),
    ...answers('2026-11-03', 1, {
      ...overall(1),
      comment: COMMENT,
      followUp: { questionId: 'reason', value: 'waiting-time' },
      respondent: 'relative',
    }),
    ...answers('2026-11-10', 1, overall(2)),
    ...answers('2026-11-16', 4, overall(3)),
    ...answers('2026-11-17', 1, overall(1)),
    // Never counted: a test, a repeat, and this week's answer.
    ...answers('2026-11-16', 3, { ...overall(1), flags: ['test'] }),
    ...answers('2026-11-17', 2, { ...overall(1), flags: ['repeat'] }),
    ...answers('2026-12-01', 2, overall(1)),
    // recommend: week of 2 Nov 5 answers (2 promoters, 1 detractor), 9 Nov 4, 16 Nov 1.
    ...answers('2026-11-04', 2, recommend(10)),
    ...answers('2026-11-04', 2, recommend(8)),
    ...answers('2026-11-05', 1, recommend(3)),
    ...answers('2026-11-11', 4, recommend(9)),
    ...answers('2026-11-18', 1, recommend(0)),
  ];
  const up = await t.upload(token, batch);
  expect(up.status, up.text).toBe(200);
  // The other unit: 4 answers in all, in one week.
  const small = await t.upload(otherToken, answers('2026-11-23', 4, overall(4)));
  expect(small.status, small.text).toBe(200);
  expect((await t.admin('PATCH', `/v1/admin/units/${UNIT.id}`, { public: true })).status).toBe(200);
  expect((await t.admin('PATCH', `/v1/admin/units/${OTHER.id}`, { public: true })).status).toBe(
    200,
  );
});

afterAll(async () => {
  await t?.cleanup();
});

describe('public results', () => {
  it('covers the 13 whole weeks before this one, in the unit time zone', async () => {
    const found = await results();
    expect(found.from).toBe('2026-08-30T21:00:00.000Z');
    expect(found.to).toBe('2026-11-29T22:00:00.000Z');
    const q = question(found, 'overall');
    expect(q.weeks).toHaveLength(13);
    expect(q.weeks[0]!.start).toBe('2026-08-31');
    expect(q.weeks.at(-1)!.start).toBe('2026-11-23');
    expect(q.text).toEqual(SURVEY.questions[0]!.text);
  });

  it('shows a week of 5 answers and suppresses every figure of a week of 4 or 1', async () => {
    const q = question(await results(), 'overall');
    // 4 answers, and 1: n null, the share suppressed.
    expect(week(q, '2026-11-02')).toEqual({
      start: '2026-11-02',
      n: null,
      positiveShare: SUPPRESSED,
    });
    expect(week(q, '2026-11-09')).toEqual({
      start: '2026-11-09',
      n: null,
      positiveShare: SUPPRESSED,
    });
    // 5 answers, 4 of them positive (the test and the repeat left out).
    expect(week(q, '2026-11-16')).toEqual({
      start: '2026-11-16',
      n: 5,
      positiveShare: wilson(4, 5),
    });
    // A week without answers is suppressed too.
    expect(week(q, '2026-09-07')).toEqual({
      start: '2026-09-07',
      n: null,
      positiveShare: SUPPRESSED,
    });
    // The total: 10 answers, 7 positive.
    expect(q.n).toBe(10);
    expect(q.positiveShare).toEqual(wilson(7, 10));
  });

  it('does the same for NPS: a week of 5 shows its NPS, a week of 4 hides it', async () => {
    const q = question(await results(), 'recommend');
    expect(week(q, '2026-11-02')).toEqual({
      start: '2026-11-02',
      n: 5,
      positiveShare: wilson(2, 5),
      nps: npsInterval(2, 1, 5),
    });
    expect(week(q, '2026-11-09')).toEqual({
      start: '2026-11-09',
      n: null,
      positiveShare: SUPPRESSED,
      nps: SUPPRESSED,
    });
    expect(q.n).toBe(10);
    expect(q.nps).toEqual(npsInterval(6, 2, 10));
  });

  it('suppresses a unit whose question has 4 answers in all, and shows it at 5', async () => {
    const before = question(await results(OTHER.id), 'overall');
    expect(before.n).toBeNull();
    expect(before.positiveShare).toEqual(SUPPRESSED);
    expect(before.weeks.every((w) => w.n === null && 'suppressed' in w.positiveShare)).toBe(true);
    // The other question, never answered: suppressed, NPS too.
    const nps = question(await results(OTHER.id), 'recommend');
    expect(nps).toMatchObject({ n: null, positiveShare: SUPPRESSED, nps: SUPPRESSED });

    const fifth = await t.upload(otherToken, answers('2026-11-24', 1, overall(1)));
    expect(fifth.status).toBe(200);
    const after = question(await results(OTHER.id), 'overall');
    expect(after.n).toBe(5);
    expect(after.positiveShare).toEqual(wilson(4, 5));
    expect(week(after, '2026-11-23')).toEqual({
      start: '2026-11-23',
      n: 5,
      positiveShare: wilson(4, 5),
    });
  });

  it('names nothing personal, no terminal and no time finer than a week', async () => {
    const got = await t.call('GET', `/public/v1/units/${UNIT.id}`);
    const text = got.text;
    for (const secret of [
      COMMENT,
      'Virtanen',
      'waiting-time',
      'reason',
      'relative',
      terminalId,
      HARDWARE_ID,
      'test',
      'repeat',
      'contact',
      'language',
    ]) {
      expect(text).not.toContain(secret);
    }
    for (const time of sentTimes) {
      expect(text).not.toContain(time);
      expect(text).not.toContain(time.slice(0, 16));
    }
    // Every key of the answer is one the contract (or our extension) names.
    const keys = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        value.forEach(walk);
      } else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          walk(inner);
        }
      }
    };
    walk(got.body);
    const languages = ['fi', 'sv', 'en'];
    expect([...keys].filter((key) => !languages.includes(key)).sort()).toEqual(
      [
        'from',
        'high',
        'low',
        'n',
        'name',
        'notes',
        'nps',
        'positiveShare',
        'questionId',
        'questions',
        'scale',
        'start',
        'suppressed',
        'text',
        'timeZone',
        'to',
        'unitId',
        'value',
        'weeks',
      ].sort(),
    );
    // Every time in it is a week's Monday: a local date, or its midnight.
    expect(got.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('takes whole weeks of a chosen period, and never the week not yet over', async () => {
    const found = await results(UNIT.id, '?from=2026-11-04T12:00:00Z&to=2026-12-24T00:00:00Z');
    const q = question(found, 'overall');
    expect(q.weeks.map((w) => w.start)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
    expect(found.to).toBe('2026-11-29T22:00:00.000Z');
    expect(q.n).toBe(10);
    const refused = await t.call(
      'GET',
      `/public/v1/units/${UNIT.id}?from=2026-11-03T00:00:00Z&to=2026-11-05T00:00:00Z`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'invalid_query' } });
    const odd = await t.call('GET', `/public/v1/units/${UNIT.id}?from=yesterday`);
    expect(odd.status).toBe(400);
  });
});

describe('hidden weeks', () => {
  const counts = (n: number) => ({ n, positive: n, negative: 0 });

  it('hides the smallest weeks shown while the hidden ones hold 1 to 4 answers', () => {
    // 4 hidden: the total minus the weeks shown would tell them, so the 7 goes too.
    const weeks = new Map([
      ['2026-11-02', counts(4)],
      ['2026-11-09', counts(9)],
      ['2026-11-16', counts(7)],
    ]);
    expect([...hiddenWeeks(weeks)].sort()).toEqual(['2026-11-02', '2026-11-16']);
  });

  it('hides nothing more when the hidden weeks hold none, or 5 or more', () => {
    expect([
      ...hiddenWeeks(
        new Map([
          ['a', counts(0)],
          ['b', counts(5)],
        ]),
      ),
    ]).toEqual(['a']);
    expect(
      [
        ...hiddenWeeks(
          new Map([
            ['a', counts(4)],
            ['b', counts(1)],
            ['c', counts(5)],
          ]),
        ),
      ].sort(),
    ).toEqual(['a', 'b']);
  });

  it('applies it to the answer: a week of 4 beside weeks of 9 and 7', async () => {
    const s = await startTestServer({ now: () => NOW });
    try {
      const { token: own } = await s.enroll();
      const at = (date: string, count: number) =>
        Array.from({ length: count }, (_, i) =>
          answer(100 + nextId++, { answeredAt: `${date}T1${i % 10}:00:00.000Z` }),
        );
      const up = await s.upload(own, [
        ...at('2026-11-02', 4),
        ...at('2026-11-10', 9),
        ...at('2026-11-17', 7),
      ]);
      expect(up.status, up.text).toBe(200);
      expect((await s.admin('PATCH', `/v1/admin/units/${UNIT.id}`, { public: true })).status).toBe(
        200,
      );
      const got = PublicResultsSchema.parse(
        (await s.call('GET', `/public/v1/units/${UNIT.id}`)).body,
      );
      const q = got.questions.find((x) => x.questionId === 'overall')!;
      expect(q.n).toBe(20);
      expect(week(q, '2026-11-02').n).toBeNull();
      expect(week(q, '2026-11-16').n).toBeNull();
      expect(week(q, '2026-11-09').n).toBe(9);
    } finally {
      await s.cleanup();
    }
  });
});

describe('publishing', () => {
  it('is off by default, a county account turns it on and off, a unit account may not', async () => {
    const s = await startTestServer({ now: () => NOW });
    try {
      await s.enroll();
      const hidden = await s.call('GET', `/public/v1/units/${UNIT.id}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toMatchObject({ error: { code: 'unit_unknown' } });
      expect((await s.call('GET', '/public/v1/units/nobody')).status).toBe(404);

      await s.addAccount({ email: 'manager@example.fi', role: 'unit', units: [UNIT.id] });
      await s.addAccount({ email: 'county@example.fi', role: 'county' });
      const manager = await s.signIn('manager@example.fi', TEST_PASSWORD);
      const county = await s.signIn('county@example.fi', TEST_PASSWORD);
      const refused = await s.person(manager, 'PATCH', `/v1/admin/units/${UNIT.id}`, {
        public: true,
      });
      expect(refused.status).toBe(403);

      const published = await s.person(county, 'PATCH', `/v1/admin/units/${UNIT.id}`, {
        public: true,
      });
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ unitId: UNIT.id, public: true });
      expect((await s.call('GET', `/public/v1/units/${UNIT.id}`)).status).toBe(200);
      const report = await s.person(manager, 'GET', `/v1/reports/units/${UNIT.id}`);
      expect(report.body).toMatchObject({ public: true });

      const withdrawn = await s.person(county, 'PATCH', `/v1/admin/units/${UNIT.id}`, {
        public: false,
      });
      expect(withdrawn.body).toMatchObject({ public: false });
      expect((await s.call('GET', `/public/v1/units/${UNIT.id}`)).status).toBe(404);

      const actions = await s.database.db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'target'])
        .where('action', 'in', ['unit_published', 'unit_withdrawn'])
        .orderBy('seq')
        .execute();
      expect(actions).toEqual([
        { actor: 'county@example.fi', action: 'unit_published', target: UNIT.id },
        { actor: 'county@example.fi', action: 'unit_withdrawn', target: UNIT.id },
      ]);
    } finally {
      await s.cleanup();
    }
  });
});

describe('"You said, we did"', () => {
  it('a unit manager writes notes that the public sees by month, without who wrote them', async () => {
    await t.addAccount({ email: 'notes@example.fi', role: 'unit', units: [UNIT.id] });
    const manager = await t.signIn('notes@example.fi', TEST_PASSWORD);
    const added = await t.person(manager, 'POST', `/v1/units/${UNIT.id}/notes`, {
      youSaid: { fi: 'Odotus oli pitkä.', en: 'The wait was long.' },
      weDid: { fi: 'Lisäsimme iltavuoroon hoitajan. Soita 040 123 4567.' },
    });
    expect(added.status, added.text).toBe(201);
    const note = added.body as { id: string; weDid: { fi: string }; createdBy: string };
    expect(note.createdBy).toBe('notes@example.fi');
    // A phone number is taken out before it is stored, as on the terminal.
    expect(note.weDid.fi).toBe('Lisäsimme iltavuoroon hoitajan. Soita [poistettu].');

    const listed = await t.person(manager, 'GET', `/v1/units/${UNIT.id}/notes`);
    expect(listed.body).toEqual([added.body]);
    const found = await results();
    expect(found.notes).toEqual([
      {
        id: note.id,
        youSaid: { fi: 'Odotus oli pitkä.', en: 'The wait was long.' },
        weDid: { fi: 'Lisäsimme iltavuoroon hoitajan. Soita [poistettu].' },
        month: '2026-12',
      },
    ]);
    const text = (await t.call('GET', `/public/v1/units/${UNIT.id}`)).text;
    expect(text).not.toContain('notes@example.fi');
    expect(text).not.toContain(NOW.toISOString());

    const empty = await t.person(manager, 'POST', `/v1/units/${UNIT.id}/notes`, {
      youSaid: {},
      weDid: { fi: 'x' },
    });
    expect(empty.status).toBe(400);
    const elsewhere = await t.person(manager, 'POST', `/v1/units/${OTHER.id}/notes`, {
      youSaid: { fi: 'a' },
      weDid: { fi: 'b' },
    });
    expect(elsewhere.status).toBe(403);

    const removed = await t.person(manager, 'DELETE', `/v1/units/${UNIT.id}/notes/${note.id}`);
    expect(removed.status).toBe(204);
    expect((await results()).notes).toEqual([]);
    const again = await t.person(manager, 'DELETE', `/v1/units/${UNIT.id}/notes/${note.id}`);
    expect(again.status).toBe(404);
  });
});

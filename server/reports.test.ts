import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npsInterval, shrunkShare, wilson } from '../core/intervals';
import {
  UnitQuestionsSchema,
  UnitReportSchema,
  UnitsReportSchema,
  type UnitReport,
} from '../core/reports-api';
import type { Response } from '../core/response';
import { isNegative, isPositive, type Scale } from '../core/scales';
import { decomposeRange } from '../core/local-time';
import { openDatabase } from './database';
import { tally } from './reports/tally';
import { answer, startTestServer, type TestServer } from './test-support';

/**
 * The reports on known data, checked against a naive count of the very answers uploaded: each
 * answer's local date, hour and weekday read straight from Intl (not core/local-time), summed
 * one by one. The answers lie across both DST changes of 2026 in Helsinki (29 March: 03:00 →
 * 04:00; 25 October: 04:00 → 03:00), with repeats, tests, respondents and follow-ups; one batch
 * is sent twice. Ranges start and end mid-hour, so every level of the rollups and the raw
 * answers at the ends are all read.
 */

const TZ = 'Europe/Helsinki';
const NOW = new Date('2026-12-01T12:00:00.000Z');

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
        options: [
          { id: 'waiting-time', text: { fi: 'Odotusaika' } },
          { id: 'staff', text: { fi: 'Henkilökunta' } },
        ],
      },
    },
    { id: 'recommend', scale: 'nps11' },
  ],
} as const;

const UNIT_A = { id: 'unit-a', name: { fi: 'Yksikkö A', sv: 'Enhet A', en: 'Unit A' } };
const UNIT_B = { id: 'unit-b', name: { fi: 'Yksikkö B', sv: 'Enhet B', en: 'Unit B' } };

/** A small deterministic generator: the same answers on every run and both engines. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The naive reading: Helsinki's date, hour and ISO weekday of an instant, and its week's Monday. */
function naiveLocal(ms: number): { date: string; hour: number; weekday: number; week: string } {
  const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, x.value]));
  const date = `${p['year']}-${p['month']}-${p['day']}`;
  const weekday = WEEKDAYS.indexOf(p['weekday']!) + 1;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const week = new Date(Date.UTC(y, m - 1, d - (weekday - 1))).toISOString().slice(0, 10);
  return { date, hour: Number(p['hour']), weekday, week };
}

type Stored = Response & { unitId: string };

function makeAnswers(unitId: string, seed: number, count: number, windows: [string, string][]) {
  const next = random(seed);
  const out: Stored[] = [];
  for (let i = 0; i < count; i += 1) {
    const [from, to] = windows[i % windows.length]!;
    const fromMs = Date.parse(from);
    const ms = fromMs + Math.floor(next() * (Date.parse(to) - fromMs));
    const nps = next() < 0.4;
    const value = nps ? Math.floor(next() * 11) : 1 + Math.floor(next() * 4);
    const roll = next();
    const flags: Response['flags'] = roll < 0.06 ? ['repeat'] : roll < 0.09 ? ['test'] : [];
    if (roll >= 0.09 && roll < 0.1) {
      flags.push('test', 'repeat');
    }
    const who = next();
    const respondent =
      who < 0.4 ? 'patient' : who < 0.6 ? 'relative' : who < 0.65 ? 'other' : undefined;
    out.push({
      ...answer(seed * 10_000 + i, {
        questionId: nps ? 'recommend' : 'overall',
        scale: nps ? 'nps11' : 'smiley4',
        value,
        answeredAt: new Date(ms).toISOString(),
        flags,
        ...(respondent ? { respondent } : {}),
        ...(!nps && value <= 2
          ? { followUp: { questionId: 'reason', value: next() < 0.5 ? 'waiting-time' : 'staff' } }
          : {}),
      }),
      unitId,
    });
  }
  return out;
}

/** Every window crosses a DST change, a month end or both. */
const WINDOWS: [string, string][] = [
  ['2026-03-26T06:00:00Z', '2026-04-02T18:00:00Z'],
  ['2026-10-22T06:00:00Z', '2026-10-29T18:00:00Z'],
  ['2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z'],
];

type Selection = {
  unitId: string;
  questionId: string;
  fromMs: number;
  toMs: number;
  includeRepeats?: boolean;
  respondent?: string;
};

function counts(answers: readonly Stored[], s: Selection): Stored[] {
  return answers.filter((a) => {
    const ms = Date.parse(a.answeredAt);
    return (
      a.unitId === s.unitId &&
      a.questionId === s.questionId &&
      ms >= s.fromMs &&
      ms < s.toMs &&
      (s.respondent === undefined || (a.respondent ?? 'unknown') === s.respondent)
    );
  });
}

const counted = (a: Stored, includeRepeats = false) =>
  !a.flags.includes('test') && (includeRepeats || !a.flags.includes('repeat'));

/** The report as a naive count of the answers would have it. */
function naiveReport(answers: readonly Stored[], s: Selection, scale: Scale) {
  const selected = counts(answers, s);
  const used = selected.filter((a) => counted(a, s.includeRepeats));
  const pos = (list: Stored[]) => list.filter((a) => isPositive(scale, a.value)).length;
  const neg = (list: Stored[]) => list.filter((a) => isNegative(scale, a.value)).length;
  const byValue: Record<string, number> = {};
  for (let v = scale === 'nps11' ? 0 : 1; v <= (scale === 'nps11' ? 10 : 4); v += 1) {
    byValue[String(v)] = used.filter((a) => a.value === v).length;
  }
  const weeks = new Map<string, Stored[]>();
  const cells = new Map<string, Stored[]>();
  for (const a of used) {
    const local = naiveLocal(Date.parse(a.answeredAt));
    weeks.set(local.week, [...(weeks.get(local.week) ?? []), a]);
    const cell = `${local.weekday}/${local.hour}`;
    cells.set(cell, [...(cells.get(cell) ?? []), a]);
  }
  const reasons = new Map<string, number>();
  for (const a of used) {
    if (a.followUp) {
      const key = `${a.followUp.questionId}/${a.followUp.value}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
  }
  const everyone = counts(answers, { ...s, respondent: undefined }).filter((a) =>
    counted(a, s.includeRepeats),
  );
  return {
    n: used.length,
    byValue,
    positiveShare: wilson(pos(used), used.length),
    negativeShare: wilson(neg(used), used.length),
    nps: scale === 'nps11' ? npsInterval(pos(used), neg(used), used.length) : undefined,
    excluded: {
      test: selected.filter((a) => a.flags.includes('test')).length,
      repeat: s.includeRepeats
        ? 0
        : selected.filter((a) => a.flags.includes('repeat') && !a.flags.includes('test')).length,
    },
    weeks: Object.fromEntries(
      [...weeks].map(([week, list]) => [week, { n: list.length, positive: pos(list) }]),
    ),
    heatmap: Object.fromEntries(
      [...cells].map(([cell, list]) => [cell, { n: list.length, positive: pos(list) }]),
    ),
    followUps: Object.fromEntries(reasons),
    respondents: {
      patient: everyone.filter((a) => a.respondent === 'patient').length,
      relative: everyone.filter((a) => a.respondent === 'relative').length,
      other: everyone.filter((a) => a.respondent === 'other').length,
      unknown: everyone.filter((a) => a.respondent === undefined).length,
    },
  };
}

function expectReportMatches(got: UnitReport, want: ReturnType<typeof naiveReport>): void {
  expect(got.n).toBe(want.n);
  expect(got.byValue).toEqual(want.byValue);
  expect(got.positiveShare).toEqual(want.positiveShare);
  expect(got.negativeShare).toEqual(want.negativeShare);
  if (want.nps !== undefined) {
    expect(got.nps).toEqual(want.nps);
  }
  expect(got.excluded).toEqual(want.excluded);
  const weeks = Object.fromEntries(
    got.weeks.filter((w) => w.n > 0).map((w) => [w.start, { n: w.n, positive: w.positiveShare }]),
  );
  expect(Object.keys(weeks).sort()).toEqual(Object.keys(want.weeks).sort());
  for (const [week, { n, positive }] of Object.entries(want.weeks)) {
    expect(weeks[week]).toEqual({ n, positive: wilson(positive, n) });
  }
  expect(got.heatmap.length).toBe(Object.keys(want.heatmap).length);
  for (const cell of got.heatmap) {
    const expected = want.heatmap[`${cell.weekday}/${cell.hour}`];
    expect(expected, `cell ${cell.weekday}/${cell.hour}`).toBeDefined();
    expect(cell.n).toBe(expected!.n);
    expect(cell.positiveShare).toEqual(wilson(expected!.positive, expected!.n));
  }
  expect(Object.fromEntries(got.followUps.map((f) => [`${f.questionId}/${f.value}`, f.n]))).toEqual(
    want.followUps,
  );
  expect(got.respondents).toEqual(want.respondents);
}

describe('reports on known data across the DST changes', () => {
  let t: TestServer;
  let answers: Stored[];

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
    const a = await t.enroll({ unit: UNIT_A, survey: SURVEY });
    const a2 = await t.enroll({ unit: UNIT_A, survey: SURVEY });
    const b = await t.enroll({ unit: UNIT_B, survey: SURVEY });
    answers = [
      ...makeAnswers(UNIT_A.id, 1, 700, WINDOWS),
      ...makeAnswers(UNIT_A.id, 2, 300, WINDOWS),
      ...makeAnswers(UNIT_B.id, 3, 60, WINDOWS),
    ];
    const byTerminal = [
      { token: a.token, list: answers.slice(0, 700) },
      { token: a2.token, list: answers.slice(700, 1000) },
      { token: b.token, list: answers.slice(1000) },
    ];
    for (const { token, list } of byTerminal) {
      for (let i = 0; i < list.length; i += 250) {
        const batch = list.slice(i, i + 250).map(({ unitId: _unit, ...r }) => r);
        const sent = await t.upload(token, batch);
        expect(sent.status).toBe(200);
        expect((sent.body as { accepted: string[] }).accepted).toHaveLength(batch.length);
      }
    }
    // A batch sent again (the terminal never heard the answer) changes nothing.
    const again = await t.upload(
      a.token,
      answers.slice(0, 250).map(({ unitId: _unit, ...r }) => r),
    );
    expect((again.body as { duplicate: string[] }).duplicate).toHaveLength(250);
  }, 60_000);

  afterAll(() => t.cleanup());

  /** The test server's store, opened beside it, for what only the store layer answers. */
  const openStore = () =>
    openDatabase(
      t.databaseUrl === undefined
        ? { kind: 'sqlite', file: join(t.dataDir, 'central.sqlite') }
        : { kind: 'postgres', url: t.databaseUrl },
      { readConnections: 1, writeConnections: 1 },
    );

  const report = async (unitId: string, query: string): Promise<UnitReport> => {
    const got = await t.admin('GET', `/v1/reports/units/${unitId}?${query}`);
    expect(got.status, got.text).toBe(200);
    return UnitReportSchema.parse(got.body);
  };

  const RANGES = [
    // Whole months and days in the middle, odd hours and minutes at both ends.
    ['2026-03-01T00:00:00Z', '2026-12-01T00:00:00Z'],
    ['2026-03-28T23:17:00Z', '2026-10-25T01:42:30Z'],
    ['2026-10-25T00:10:00Z', '2026-10-25T02:50:00Z'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.001Z'],
  ] as const;

  it.each(RANGES)('a unit report from %s to %s equals a naive count', async (from, to) => {
    const s = {
      unitId: UNIT_A.id,
      questionId: 'overall',
      fromMs: Date.parse(from),
      toMs: Date.parse(to),
    };
    const got = await report(UNIT_A.id, `from=${from}&to=${to}`);
    expect(got.questionId).toBe('overall');
    expect(got.timeZone).toBe(TZ);
    expectReportMatches(got, naiveReport(answers, s, 'smiley4'));
    // Every week that overlaps the range is listed, empty ones with n 0, in order.
    const starts = got.weeks.map((w) => w.start);
    expect(starts).toEqual([...starts].sort());
    expect(starts[0]).toBe(naiveLocal(Date.parse(from)).week);
    expect(starts.at(-1)).toBe(naiveLocal(Date.parse(to) - 1).week);
  });

  it('counts repeats when asked, filters by respondent, and gives NPS with its interval', async () => {
    const from = '2026-03-28T23:17:00Z';
    const to = '2026-10-29T13:00:00Z';
    const base = { unitId: UNIT_A.id, fromMs: Date.parse(from), toMs: Date.parse(to) };
    expectReportMatches(
      await report(UNIT_A.id, `from=${from}&to=${to}&includeRepeats=true`),
      naiveReport(answers, { ...base, questionId: 'overall', includeRepeats: true }, 'smiley4'),
    );
    expectReportMatches(
      await report(UNIT_A.id, `from=${from}&to=${to}&respondent=patient`),
      naiveReport(answers, { ...base, questionId: 'overall', respondent: 'patient' }, 'smiley4'),
    );
    const nps = await report(UNIT_A.id, `from=${from}&to=${to}&questionId=recommend`);
    expect(nps.scale).toBe('nps11');
    expectReportMatches(nps, naiveReport(answers, { ...base, questionId: 'recommend' }, 'nps11'));
    expect(nps.nps).not.toBeNull();
    expect(nps.weeks.every((w) => 'nps' in w)).toBe(true);
  });

  it("puts the autumn's repeated hour 03 twice into the same heat-map cell, and the spring's missing 03 nowhere", async () => {
    const october = await report(UNIT_A.id, 'from=2026-10-24T21:00:00Z&to=2026-10-25T22:00:00Z');
    const sunday = october.heatmap.filter((cell) => cell.weekday === 7);
    const early = answers.filter(
      (a) =>
        a.unitId === UNIT_A.id &&
        a.questionId === 'overall' &&
        counted(a) &&
        a.answeredAt >= '2026-10-25T00:00:00Z' &&
        a.answeredAt < '2026-10-25T02:00:00Z',
    );
    // 00:00–02:00 UTC that night is 03:00–03:59 local, twice.
    expect(early.length).toBeGreaterThan(0);
    expect(sunday.find((cell) => cell.hour === 3)?.n).toBe(early.length);
    const march = await report(UNIT_A.id, 'from=2026-03-28T22:00:00Z&to=2026-03-29T21:00:00Z');
    expect(march.heatmap.some((cell) => cell.weekday === 7 && cell.hour === 3)).toBe(false);
  });

  it('lists every unit with its first question, intervals and the shrunk rank score', async () => {
    const from = '2026-03-01T00:00:00Z';
    const to = '2026-11-30T10:30:00Z';
    const got = await t.admin('GET', `/v1/reports/units?from=${from}&to=${to}`);
    expect(got.status).toBe(200);
    const rows = UnitsReportSchema.parse(got.body);
    expect(rows.map((r) => r.unitId)).toEqual([UNIT_A.id, UNIT_B.id]);
    const per = rows.map((row) => {
      const list = counts(answers, {
        unitId: row.unitId,
        questionId: 'overall',
        fromMs: Date.parse(from),
        toMs: Date.parse(to),
      }).filter((a) => counted(a));
      return {
        row,
        n: list.length,
        pos: list.filter((a) => isPositive('smiley4', a.value)).length,
      };
    });
    const overall = per.reduce((s, p) => s + p.pos, 0) / per.reduce((s, p) => s + p.n, 0);
    for (const { row, n, pos } of per) {
      expect(row.name).toEqual(row.unitId === UNIT_A.id ? UNIT_A.name : UNIT_B.name);
      expect(row.questionId).toBe('overall');
      expect(row.n).toBe(n);
      expect(row.positiveShare).toEqual(wilson(pos, n));
      expect(row.rankScore).toBe(shrunkShare(pos, n, overall, 30));
    }
    // The small unit is pulled toward the overall share more than the big one.
    const [big, small] = per;
    expect(Math.abs(small!.row.rankScore! - overall)).toBeLessThan(
      Math.abs(small!.pos / small!.n - overall) + 1e-9,
    );
    expect(big!.n).toBeGreaterThan(small!.n);

    const nps = UnitsReportSchema.parse(
      (await t.admin('GET', `/v1/reports/units?from=${from}&to=${to}&questionId=recommend`)).body,
    );
    expect(nps.every((row) => row.scale === 'nps11' && row.nps !== undefined)).toBe(true);
  });

  it("lists a unit's questions in survey order with their figures", async () => {
    const from = '2026-03-01T00:00:00Z';
    const to = '2026-11-30T10:30:00Z';
    const got = UnitQuestionsSchema.parse(
      (await t.admin('GET', `/v1/reports/units/${UNIT_A.id}/questions?from=${from}&to=${to}`)).body,
    );
    expect(got.map((q) => [q.questionId, q.scale])).toEqual([
      ['overall', 'smiley4'],
      ['recommend', 'nps11'],
    ]);
    // The survey's words where it has them (an extension), for people who read the questions.
    expect(got.map((q) => q.text)).toEqual([SURVEY.questions[0].text, null]);
    for (const q of got) {
      const list = counts(answers, {
        unitId: UNIT_A.id,
        questionId: q.questionId,
        fromMs: Date.parse(from),
        toMs: Date.parse(to),
      }).filter((a) => counted(a));
      expect(q.n).toBe(list.length);
    }
  });

  it("words each follow-up reason as the unit's survey does (an extension)", async () => {
    const got = await report(UNIT_A.id, 'from=2026-03-01T00:00:00Z&to=2026-11-30T10:30:00Z');
    expect(got.followUps.length).toBe(2);
    const words = Object.fromEntries(
      SURVEY.questions[0].followUp.options.map((option) => [option.id, option.text]),
    );
    for (const reason of got.followUps) {
      expect(reason.questionId).toBe('reason');
      expect(reason.text).toEqual(words[reason.value]);
    }
  });

  it("names the unit and carries its target (extensions), for the dashboard's unit page", async () => {
    const before = await report(UNIT_A.id, '');
    expect(before.name).toEqual(UNIT_A.name);
    expect(before.target).toBeNull();
    const path = `/v1/admin/units/${UNIT_B.id}`;
    expect((await t.admin('PATCH', path, { target: { measure: 'nps', value: 50 } })).status).toBe(
      200,
    );
    try {
      const got = await report(UNIT_B.id, 'questionId=recommend');
      expect(got.name).toEqual(UNIT_B.name);
      expect(got.target).toEqual({ measure: 'nps', value: 50 });
      // Another unit's target stays its own.
      expect((await report(UNIT_A.id, '')).target).toBeNull();
    } finally {
      expect((await t.admin('PATCH', path, { target: null })).status).toBe(200);
    }
  });

  it('answers an unknown unit 404 unit_unknown, an unknown question 404, and a bad range 400', async () => {
    const unknown = await t.admin('GET', '/v1/reports/units/nobody');
    expect(unknown.status).toBe(404);
    expect((unknown.body as { error: { code: string } }).error.code).toBe('unit_unknown');
    expect((await t.admin('GET', '/v1/reports/units/nobody/questions')).status).toBe(404);
    const question = await t.admin('GET', `/v1/reports/units/${UNIT_A.id}?questionId=nope`);
    expect((question.body as { error: { code: string } }).error.code).toBe('question_unknown');
    const inverted = await t.admin(
      'GET',
      `/v1/reports/units/${UNIT_A.id}?from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z`,
    );
    expect(inverted.status).toBe(400);
    expect((await t.call('GET', '/v1/reports/units')).status).toBe(401);
  });

  it('without a range covers the last 90 days', async () => {
    const got = await report(UNIT_A.id, '');
    expect(Date.parse(got.to)).toBe(NOW.getTime());
    expect(Date.parse(got.to) - Date.parse(got.from)).toBe(90 * 86_400_000);
    // The October answers, not the March ones.
    const s = {
      unitId: UNIT_A.id,
      questionId: 'overall',
      fromMs: Date.parse(got.from),
      toMs: NOW.getTime(),
    };
    expectReportMatches(got, naiveReport(answers, s, 'smiley4'));
    expect(got.n).toBeGreaterThan(0);
    expect(got.weeks).toHaveLength(14);
  });

  it('counts exactly the groups with answers when part buckets are read as whole buckets less the rest', async () => {
    // Ranges that end or start inside a day or an hour: most are read as the whole bucket less
    // its other part (core/local-time.ts decomposeRange), and a group whose answers all lie in
    // that other part sums to 0 there, which must not come back as a group.
    const database = await openStore();
    try {
      const next = random(99);
      const ranges = Array.from({ length: 12 }, (_, i) => {
        const [wFrom, wTo] = WINDOWS[i % WINDOWS.length]!.map((x) => Date.parse(x)) as [
          number,
          number,
        ];
        const fromMs = wFrom - 3_600_000 + Math.floor(next() * (wTo - wFrom));
        return [fromMs, fromMs + Math.floor(next() * 3 * 86_400_000)] as const;
      });
      const groupings = [
        {
          dims: ['unit', 'question', 'value', 'flag'],
          key: (a: Stored) => [a.unitId, a.questionId, a.value],
        },
        {
          dims: ['date', 'respondent', 'value', 'flag'],
          key: (a: Stored) => [
            naiveLocal(Date.parse(a.answeredAt)).date,
            a.respondent ?? '',
            a.value,
          ],
        },
      ] as const;
      let withLess = 0;
      for (const [from, to] of ranges) {
        for (const { dims, key } of groupings) {
          const got = await tally(database.read, from, to, dims, {
            unitIds: [UNIT_A.id, UNIT_B.id],
            timeZone: TZ,
          });
          const expected = new Map<string, number>();
          for (const a of answers) {
            const ms = Date.parse(a.answeredAt);
            if (ms >= from && ms < to) {
              const flag = a.flags.includes('test')
                ? 'test'
                : a.flags.includes('repeat')
                  ? 'repeat'
                  : 'ok';
              const k = [...key(a), flag].join(' ');
              expected.set(k, (expected.get(k) ?? 0) + 1);
            }
          }
          const counted = new Map(
            got.map((row) => [
              (dims[0] === 'unit'
                ? [row.unitId, row.questionId, row.value, row.flagClass]
                : [row.date, row.respondent, row.value, row.flagClass]
              ).join(' '),
              row.n,
            ]),
          );
          expect(
            counted,
            `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`,
          ).toEqual(expected);
        }
        const pieces = decomposeRange(from, to, TZ, ['month', 'day', 'hour']);
        withLess += Object.values(pieces.less).some((spans) => spans.length > 0) ? 1 : 0;
      }
      // The ranges exercise the subtraction, not only the plain split.
      expect(withLess).toBeGreaterThanOrEqual(4);
    } finally {
      await database.close();
    }
  });

  it('counts a grouping no rollup keeps (follow-up choice by local date and hour) from the answers, hour by hour', async () => {
    // No rollup has both the follow-up choice and the hour: the whole range is read from the
    // answers, cut where the local hour changes (DST nights included).
    const database = await openStore();
    try {
      const [from, to] = RANGES[1].map((x) => Date.parse(x)) as [number, number];
      // The answers with a follow-up, all classes; then every answer (the choice '' where there
      // is none), only some classes: what a report that drops tests asks the database for.
      const cases = [
        { withFollowUp: true, flagClasses: undefined },
        { withFollowUp: false, flagClasses: ['ok'] },
        { withFollowUp: false, flagClasses: ['repeat'] },
        { withFollowUp: false, flagClasses: ['ok', 'test'] },
      ] as const;
      for (const { withFollowUp, flagClasses } of cases) {
        const got = await tally(database.read, from, to, ['followUp', 'date', 'hour', 'flag'], {
          unitIds: [UNIT_A.id],
          timeZone: TZ,
          withFollowUp,
          flagClasses,
        });
        const expected = new Map<string, number>();
        for (const a of answers) {
          const ms = Date.parse(a.answeredAt);
          if (a.unitId !== UNIT_A.id || (withFollowUp && a.followUp === undefined)) {
            continue;
          }
          if (ms < from || ms >= to) {
            continue;
          }
          const local = naiveLocal(ms);
          const flag = a.flags.includes('test')
            ? 'test'
            : a.flags.includes('repeat')
              ? 'repeat'
              : 'ok';
          if (flagClasses !== undefined && !(flagClasses as readonly string[]).includes(flag)) {
            continue;
          }
          const choice = [a.followUp?.questionId ?? '', a.followUp?.value ?? ''];
          const key = [...choice, local.date, local.hour, flag].join(' ');
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
        const counted = new Map(
          got.map((row) => [
            [row.followUpQuestionId, row.followUpValue, row.date, row.hour, row.flagClass].join(
              ' ',
            ),
            row.n,
          ]),
        );
        expect(expected.size).toBeGreaterThan(10);
        expect(counted).toEqual(expected);
      }
    } finally {
      await database.close();
    }
  });

  it('gives the same figures after the rollups are rebuilt from the answers (npm run server -- rollups rebuild)', async () => {
    const queries = [
      `${UNIT_A.id}?from=${RANGES[0][0]}&to=${RANGES[0][1]}`,
      `${UNIT_A.id}?from=${RANGES[1][0]}&to=${RANGES[1][1]}&questionId=recommend`,
      `${UNIT_B.id}?from=${RANGES[1][0]}&to=${RANGES[1][1]}&includeRepeats=true`,
    ];
    const before = await Promise.all(
      queries.map((q) => report(q.split('?')[0]!, q.split('?')[1]!)),
    );
    await t.stop();
    const run = await runCli([
      'server/cli.ts',
      'rollups',
      'rebuild',
      '--data-dir',
      t.dataDir,
      ...(t.databaseUrl === undefined ? [] : ['--database', t.databaseUrl]),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^rollups rebuilt 1060 answers in \d+\.\d s\n$/);
    t = await t.restart();
    const after = await Promise.all(queries.map((q) => report(q.split('?')[0]!, q.split('?')[1]!)));
    expect(after).toEqual(before);
    // A second process: tsx's start alone takes seconds on a busy two-core machine.
  }, 60_000);
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, HYMY_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

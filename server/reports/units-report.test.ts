import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilson } from '../../core/intervals';
import { localMidnightMs } from '../../core/local-time';
import { UnitsReportSchema, UnitsTrendSchema, type UnitsReport } from '../../core/reports-api';
import type { Response } from '../../core/response';
import { createStores } from '../store';
import { answer, startTestServer, SURVEY, type TestServer } from '../test-support';

/**
 * The units report's trend (`weeks=N`), checked against a naive count of the answers uploaded:
 * each answer's week read straight from Intl in its unit's time zone, summed one by one. One
 * unit is in Helsinki, one in St. John's (a half-hour offset, and its own DST date: 1 November
 * 2026, a week after Helsinki's 25 October), one has no answers. Answers sit on both sides of
 * local Monday midnights, and after `to` in the week it cuts.
 */

const NOW = new Date('2026-12-20T12:00:00.000Z');
const HELSINKI = { id: 'unit-helsinki', name: { fi: 'Helsinki' }, zone: 'Europe/Helsinki' };
const ST_JOHNS = { id: 'unit-st-johns', name: { en: "St. John's" }, zone: 'America/St_Johns' };
const QUIET = { id: 'unit-quiet', name: { fi: 'Hiljainen' }, zone: 'Europe/Helsinki' };
const UNITS = [HELSINKI, ST_JOHNS, QUIET];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formats = new Map<string, Intl.DateTimeFormat>();

/** The naive reading: the Monday (local date) of the ISO week that holds an instant. */
function naiveWeek(ms: number, zone: string): string {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
    });
    formats.set(zone, format);
  }
  const p = Object.fromEntries(format.formatToParts(ms).map((x) => [x.type, x.value]));
  const weekday = WEEKDAYS.indexOf(p['weekday']!);
  const monday = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']) - weekday);
  return new Date(monday).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type Stored = Response & { unitId: string };

/** Answers spread over Sept–Dec 2026, and a pair either side of every local Monday midnight. */
function makeAnswers(unitId: string, zone: string, seed: number, count: number): Stored[] {
  const next = random(seed);
  const from = Date.parse('2026-09-01T00:00:00Z');
  const to = Date.parse('2026-12-20T00:00:00Z');
  const instants = Array.from({ length: count }, () => from + Math.floor(next() * (to - from)));
  for (let monday = '2026-09-07'; monday < '2026-12-20'; monday = addDays(monday, 7)) {
    const midnight = localMidnightMs(monday, zone);
    instants.push(midnight - 60_000, midnight, midnight + 60_000);
  }
  return instants.map((ms, i) => {
    const nps = next() < 0.2;
    const roll = next();
    const flags: Response['flags'] = roll < 0.06 ? ['repeat'] : roll < 0.1 ? ['test'] : [];
    return {
      ...answer(seed * 10_000 + i, {
        questionId: nps ? 'recommend' : 'overall',
        scale: nps ? 'nps11' : 'smiley4',
        value: nps ? Math.floor(next() * 11) : 1 + Math.floor(next() * 4),
        answeredAt: new Date(ms).toISOString(),
        flags,
      }),
      unitId,
    };
  });
}

/** The trend as a naive count would have it: N weeks ending with the week of `to`'s last ms. */
function naiveWeeks(
  answers: readonly Stored[],
  unit: (typeof UNITS)[number],
  to: string,
  n: number,
) {
  const toMs = Date.parse(to);
  const last = naiveWeek(toMs - 1, unit.zone);
  const starts = Array.from({ length: n }, (_, i) => addDays(last, 7 * (i + 1 - n)));
  const counts = new Map(starts.map((start) => [start, { n: 0, positive: 0 }]));
  for (const a of answers) {
    const ms = Date.parse(a.answeredAt);
    const counted = a.flags.length === 0 && a.questionId === 'overall';
    if (a.unitId !== unit.id || !counted || ms >= toMs) {
      continue;
    }
    const week = counts.get(naiveWeek(ms, unit.zone));
    if (week) {
      week.n += 1;
      week.positive += a.value >= 3 ? 1 : 0;
    }
  }
  return starts.map((start) => {
    const { n: count, positive } = counts.get(start)!;
    return { start, n: count, positiveShare: wilson(positive, count) };
  });
}

describe('the units report with weeks=N (the units page sparklines)', () => {
  let t: TestServer;
  let answers: Stored[];

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
    const stores = createStores(t.database.db);
    const tokens = new Map<string, string>();
    for (const unit of UNITS) {
      const terminal = await t.enroll({ unit: { id: unit.id, name: unit.name }, survey: SURVEY });
      // Before any answer arrives: the rollups bucket each answer in its unit's zone.
      await stores.units.setTimeZone(unit.id, unit.zone);
      tokens.set(unit.id, terminal.token);
    }
    answers = [
      ...makeAnswers(HELSINKI.id, HELSINKI.zone, 1, 700),
      ...makeAnswers(ST_JOHNS.id, ST_JOHNS.zone, 2, 400),
    ];
    for (const unit of [HELSINKI, ST_JOHNS]) {
      const own = answers.filter((a) => a.unitId === unit.id).map(({ unitId: _u, ...r }) => r);
      for (let i = 0; i < own.length; i += 250) {
        const sent = await t.upload(tokens.get(unit.id)!, own.slice(i, i + 250));
        expect(sent.status, sent.text).toBe(200);
      }
    }
  }, 60_000);

  afterAll(() => t.cleanup());

  const report = async (query: string): Promise<UnitsReport> => {
    const got = await t.admin('GET', `/v1/reports/units?${query}`);
    expect(got.status, got.text).toBe(200);
    return UnitsReportSchema.parse(got.body);
  };

  const CASES = [
    // Mid-week in both zones: the last week is cut by `to`, answers after it in that week wait.
    { from: '2026-09-20T00:00:00Z', to: '2026-12-16T13:37:21Z', weeks: 12 },
    // Monday 00:00 in Helsinki, still Sunday afternoon in St. John's: there the week is cut.
    { from: '2026-09-01T00:00:00Z', to: '2026-12-13T22:00:00Z', weeks: 12 },
    // A week's period: the trend still reaches back over weeks before `from`, across both DSTs.
    { from: '2026-11-23T08:00:00Z', to: '2026-11-30T08:00:00Z', weeks: 8 },
    { from: '2026-11-23T08:00:00Z', to: '2026-11-30T08:00:00Z', weeks: 1 },
  ];

  it.each(CASES)(
    "from $from to $to with weeks=$weeks equals a naive count in each unit's own zone",
    async ({ from, to, weeks }) => {
      const rows = await report(`from=${from}&to=${to}&weeks=${weeks}`);
      expect(rows.map((row) => row.unitId).sort()).toEqual(UNITS.map((u) => u.id).sort());
      for (const unit of UNITS) {
        const row = rows.find((r) => r.unitId === unit.id)!;
        expect(row.weeks, unit.id).toEqual(naiveWeeks(answers, unit, to, weeks));
      }
      const quiet = rows.find((r) => r.unitId === QUIET.id)!;
      expect(quiet.weeks?.every((w) => w.n === 0 && w.positiveShare === null)).toBe(true);
      // The answers really lie on both sides of the cut and of the zones' Mondays.
      const helsinki = rows.find((r) => r.unitId === HELSINKI.id)!;
      expect(helsinki.weeks!.filter((w) => w.n > 0).length).toBeGreaterThan(weeks / 2);
    },
  );

  it("puts an answer at a local Monday's first minute into the new week, in its unit's zone", async () => {
    const to = '2026-12-14T12:00:00Z';
    const rows = await report(`to=${to}&weeks=3`);
    const stJohns = rows.find((r) => r.unitId === ST_JOHNS.id)!;
    const helsinki = rows.find((r) => r.unitId === HELSINKI.id)!;
    // Read in Helsinki's zone, St. John's answers would fall into other weeks.
    expect(stJohns.weeks).toEqual(naiveWeeks(answers, ST_JOHNS, to, 3));
    expect(stJohns.weeks).not.toEqual(
      naiveWeeks(answers, { ...ST_JOHNS, zone: HELSINKI.zone }, to, 3),
    );
    expect(helsinki.weeks?.map((w) => w.start)).toEqual(['2026-11-30', '2026-12-07', '2026-12-14']);
    expect(stJohns.weeks?.map((w) => w.start)).toEqual(['2026-11-30', '2026-12-07', '2026-12-14']);
  });

  it('answers without weeks exactly as before, and the same figures with them', async () => {
    const range = 'from=2026-09-20T00:00:00Z&to=2026-12-16T13:37:21Z';
    const plain = await t.admin('GET', `/v1/reports/units?${range}`);
    const withWeeks = await t.admin('GET', `/v1/reports/units?${range}&weeks=12`);
    expect((plain.body as object[]).every((row) => !('weeks' in row))).toBe(true);
    const stripped = (withWeeks.body as Record<string, unknown>[]).map(
      ({ weeks: _weeks, ...row }) => row,
    );
    expect(JSON.stringify(stripped)).toBe(plain.text);
  });

  it.each(['0', '54', '-1', '1.5', 'twelve', '012'])('refuses weeks=%s with 400', async (weeks) => {
    const got = await t.admin('GET', `/v1/reports/units?weeks=${weeks}`);
    expect(got.status).toBe(400);
    expect(got.body).toMatchObject({ error: { code: 'invalid_query' } });
  });

  it('takes up to 53 weeks, a year', async () => {
    const rows = await report('to=2026-12-16T13:37:21Z&weeks=53');
    const helsinki = rows.find((r) => r.unitId === HELSINKI.id)!;
    expect(helsinki.weeks).toEqual(naiveWeeks(answers, HELSINKI, '2026-12-16T13:37:21Z', 53));
    expect(helsinki.weeks![0]!.start).toBe('2025-12-15');
  });

  it('gives the same weeks alone at /v1/reports/trend, whatever period the figures are for', async () => {
    for (const { to, weeks } of CASES) {
      const rows = await report(`from=2026-09-20T00:00:00Z&to=${to}&weeks=${weeks}`);
      const got = await t.admin('GET', `/v1/reports/trend?to=${to}&weeks=${weeks}`);
      expect(got.status, got.text).toBe(200);
      expect(UnitsTrendSchema.parse(got.body)).toEqual(
        rows.map((row) => ({ unitId: row.unitId, weeks: row.weeks })),
      );
      for (const unit of [HELSINKI, ST_JOHNS]) {
        const trend = UnitsTrendSchema.parse(got.body).find((row) => row.unitId === unit.id)!;
        expect(trend.weeks).toEqual(naiveWeeks(answers, unit, to, weeks));
      }
    }
  });

  it.each(['', 'weeks=0', 'weeks=54', 'weeks=12&period=year'])(
    'refuses a trend asked as %j with 400',
    async (query) => {
      const got = await t.admin('GET', `/v1/reports/trend?${query}`);
      expect(got.status).toBe(400);
      expect(got.body).toMatchObject({ error: { code: 'invalid_query' } });
    },
  );
});

import { describe, expect, it } from 'vitest';
import { localTime } from '../core/local-time';
import {
  columnsOf,
  ROLLUP_TABLES,
  rollupRowsOf,
  type FlagClass,
  type RollupAnswer,
  type RollupTable,
} from './rollups';

/** A small deterministic generator, so a failure names the same answers every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const ZONES: Record<string, string> = {
  'unit-a': 'Europe/Helsinki',
  'unit-b': 'Europe/Helsinki',
  'unit-c': 'America/St_Johns', // half-hour offset, its own DST dates
};

/** Answers over both of 2025's DST changes in Finland, on three units in two time zones. */
function answers(count: number, seed: number): RollupAnswer[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const spans = [
    [Date.parse('2025-03-29T12:00:00Z'), Date.parse('2025-03-31T12:00:00Z')],
    [Date.parse('2025-10-25T12:00:00Z'), Date.parse('2025-10-27T12:00:00Z')],
    [Date.parse('2025-12-31T18:00:00Z'), Date.parse('2026-01-01T06:00:00Z')],
  ] as const;
  return Array.from({ length: count }, () => {
    const [from, to] = pick(spans);
    const nps = next() < 0.3;
    const withFollowUp = next() < 0.2;
    return {
      unitId: pick(Object.keys(ZONES)),
      surveyId: pick(['ward', 'lobby']),
      questionId: nps ? 'recommend' : 'overall',
      scale: nps ? 'nps11' : 'smiley4',
      value: nps ? Math.floor(next() * 11) : 1 + Math.floor(next() * 4),
      respondent: pick([null, 'patient', 'relative']),
      followUpQuestionId: withFollowUp ? 'reason' : null,
      followUpValue: withFollowUp ? pick(['staff', 'waiting-time']) : null,
      flagClass: pick<FlagClass>(['ok', 'ok', 'ok', 'repeat', 'test']),
      answeredAtMs: from + Math.floor(next() * (to - from)),
    };
  });
}

/** The plain way: every answer's own row of `table`, counted one by one. */
function oneByOne(table: RollupTable, all: readonly RollupAnswer[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of all) {
    if (table.onlyWithFollowUp && a.followUpQuestionId === null) {
      continue;
    }
    const t = localTime(a.answeredAtMs, ZONES[a.unitId]!);
    const of: Record<string, string | number> = {
      unit_id: a.unitId,
      question_id: a.questionId,
      survey_id: a.surveyId,
      scale: a.scale,
      value: a.value,
      respondent: a.respondent ?? '',
      follow_up_question_id: a.followUpQuestionId ?? '',
      follow_up_value: a.followUpValue ?? '',
      flag_class: a.flagClass,
      hour_start_ms: t.hourStartMs,
      day_start_ms: t.dayStartMs,
      week_start_ms: t.weekStartMs,
      month_start_ms: t.monthStartMs,
      local_date: t.date,
      local_hour: t.hour,
      weekday: t.weekday,
    };
    const key = JSON.stringify(
      columnsOf(table)
        .slice(0, -1)
        .map((column) => of[column]),
    );
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('the rollup rows of an upload', () => {
  it('count each table exactly as counting every answer into its own row would, across DST changes and time zones', () => {
    const all = answers(3000, 17);
    const tables = rollupRowsOf(all, (unitId) => ZONES[unitId]!);
    expect(tables.map((t) => t.table.name)).toEqual(ROLLUP_TABLES.map((t) => t.name));
    for (const { table, rows } of tables) {
      const got = new Map(rows.map((row) => [JSON.stringify(row.slice(0, -1)), row.at(-1)]));
      // One row per key: ON CONFLICT may touch a row only once per statement.
      expect(got.size, table.name).toBe(rows.length);
      expect(got, table.name).toEqual(oneByOne(table, all));
    }
    // The coarser tables really are coarser here, so summing rows (not answers) was exercised.
    const size = (name: string) => tables.find((t) => t.table.name === name)!.rows.length;
    expect(size('rollup_month')).toBeLessThan(size('rollup_day_total'));
    expect(size('rollup_week')).toBeLessThan(size('rollup_day_total'));
    expect(size('rollup_day_total')).toBeLessThan(size('rollup_day'));
    expect(size('rollup_day')).toBeLessThan(size('rollup_hour'));
  });

  it("count a week from its local Monday 00:00, in the unit's own zone, across DST changes", () => {
    const all = answers(3000, 23);
    const week = rollupRowsOf(all, (unitId) => ZONES[unitId]!).find(
      (t) => t.table.name === 'rollup_week',
    )!;
    const startColumn = columnsOf(week.table).indexOf('week_start_ms');
    const starts = (unitId: string) =>
      [...new Set(week.rows.filter((row) => row[0] === unitId).map((row) => row[startColumn]))]
        .map((ms) => new Date(ms as number).toISOString())
        .sort();
    // Helsinki: the week that holds the spring change began at +02:00 and the next at +03:00;
    // the autumn change the other way; the year's last week at +02:00.
    expect(starts('unit-a')).toEqual([
      '2025-03-23T22:00:00.000Z',
      '2025-03-30T21:00:00.000Z',
      '2025-10-19T21:00:00.000Z',
      '2025-10-26T22:00:00.000Z',
      '2025-12-28T22:00:00.000Z',
    ]);
    // St John's: −02:30 from 9 March to 2 November 2025, −03:30 outside.
    expect(starts('unit-c')).toEqual([
      '2025-03-24T02:30:00.000Z',
      '2025-03-31T02:30:00.000Z',
      '2025-10-20T02:30:00.000Z',
      '2025-10-27T02:30:00.000Z',
      '2025-12-29T03:30:00.000Z',
    ]);
  });

  it('give the rows of the same answers in the same order whatever order they came in', () => {
    const all = answers(500, 5);
    const shuffled = [...all].reverse();
    const zone = (unitId: string) => ZONES[unitId]!;
    expect(rollupRowsOf(shuffled, zone)).toEqual(rollupRowsOf(all, zone));
  });
});

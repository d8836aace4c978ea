import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_ZONE,
  addDays,
  decomposeRange,
  isTimeZone,
  isoWeekStart,
  localMidnightMs,
  localTime,
  nextDayStartMs,
  nextHourStartMs,
  nextMonthStartMs,
  weeksOverlapping,
  type RangeLevel,
  type Span,
} from './local-time';

const HELSINKI = DEFAULT_TIME_ZONE;
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

describe('local time in Helsinki across daylight saving', () => {
  it('jumps from 02:59 to 04:00 on 2026-03-29, a day of 23 hours', () => {
    const before = localTime(at('2026-03-29T00:59:59.999Z'), HELSINKI);
    const after = localTime(at('2026-03-29T01:00:00Z'), HELSINKI);
    expect(before).toMatchObject({ date: '2026-03-29', hour: 2, weekday: 7 });
    expect(before.hourStartMs).toBe(at('2026-03-29T00:00:00Z'));
    expect(after).toMatchObject({ date: '2026-03-29', hour: 4, weekday: 7 });
    expect(after.hourStartMs).toBe(at('2026-03-29T01:00:00Z'));
    expect(after.dayStartMs).toBe(at('2026-03-28T22:00:00Z'));
    expect(nextDayStartMs(after.dayStartMs, HELSINKI) - after.dayStartMs).toBe(23 * HOUR);
  });

  it('lives hour 3 twice on 2026-10-25, a day of 25 hours', () => {
    const first = localTime(at('2026-10-25T00:30:00Z'), HELSINKI);
    const second = localTime(at('2026-10-25T01:30:00Z'), HELSINKI);
    expect(first).toMatchObject({ date: '2026-10-25', hour: 3, weekday: 7 });
    expect(second).toMatchObject({ date: '2026-10-25', hour: 3, weekday: 7 });
    expect(first.hourStartMs).toBe(at('2026-10-25T00:00:00Z'));
    expect(second.hourStartMs).toBe(at('2026-10-25T01:00:00Z'));
    expect(first.dayStartMs).toBe(second.dayStartMs);
    expect(nextDayStartMs(first.dayStartMs, HELSINKI) - first.dayStartMs).toBe(25 * HOUR);
  });

  it('finds local midnight on either side of the spring change', () => {
    expect(localMidnightMs('2026-03-29', HELSINKI)).toBe(at('2026-03-28T22:00:00Z'));
    expect(localMidnightMs('2026-03-30', HELSINKI)).toBe(at('2026-03-29T21:00:00Z'));
  });

  it('starts the month at local midnight of the 1st', () => {
    const reading = localTime(at('2026-04-15T12:00:00Z'), HELSINKI);
    expect(reading.monthStartMs).toBe(at('2026-03-31T21:00:00Z'));
    expect(nextMonthStartMs(at('2026-03-15T12:00:00Z'), HELSINKI)).toBe(at('2026-03-31T21:00:00Z'));
  });

  it('starts the ISO week at local midnight of its Monday, on either side of a change', () => {
    // Sunday 29 March 2026 is the spring change: its week began at +02:00, the next at +03:00.
    expect(localTime(at('2026-03-29T20:00:00Z'), HELSINKI).weekStartMs).toBe(
      at('2026-03-22T22:00:00Z'),
    );
    expect(localTime(at('2026-03-29T21:00:00Z'), HELSINKI).weekStartMs).toBe(
      at('2026-03-29T21:00:00Z'),
    );
    // Sunday 25 October 2026, the autumn change: its week began at +03:00, the next at +02:00.
    expect(localTime(at('2026-10-25T21:59:59Z'), HELSINKI).weekStartMs).toBe(
      at('2026-10-18T21:00:00Z'),
    );
    expect(localTime(at('2026-10-25T22:00:00Z'), HELSINKI).weekStartMs).toBe(
      at('2026-10-25T22:00:00Z'),
    );
  });

  it('lists the ISO weeks of March 2026, the one with the change 167 hours long', () => {
    const weeks = weeksOverlapping(
      at('2026-02-28T22:00:00Z'),
      at('2026-03-31T21:00:00Z'),
      HELSINKI,
    );
    expect(weeks).toEqual([
      {
        start: '2026-02-23',
        startMs: at('2026-02-22T22:00:00Z'),
        endMs: at('2026-03-01T22:00:00Z'),
      },
      {
        start: '2026-03-02',
        startMs: at('2026-03-01T22:00:00Z'),
        endMs: at('2026-03-08T22:00:00Z'),
      },
      {
        start: '2026-03-09',
        startMs: at('2026-03-08T22:00:00Z'),
        endMs: at('2026-03-15T22:00:00Z'),
      },
      {
        start: '2026-03-16',
        startMs: at('2026-03-15T22:00:00Z'),
        endMs: at('2026-03-22T22:00:00Z'),
      },
      {
        start: '2026-03-23',
        startMs: at('2026-03-22T22:00:00Z'),
        endMs: at('2026-03-29T21:00:00Z'),
      },
      {
        start: '2026-03-30',
        startMs: at('2026-03-29T21:00:00Z'),
        endMs: at('2026-04-05T21:00:00Z'),
      },
    ]);
    expect((weeks[4]!.endMs - weeks[4]!.startMs) / HOUR).toBe(167);
  });

  it('keeps New Year 2027 in the week that began on Monday 2026-12-28', () => {
    expect(isoWeekStart('2026-12-31')).toBe('2026-12-28');
    expect(isoWeekStart('2027-01-01')).toBe('2026-12-28');
    expect(isoWeekStart('2027-01-04')).toBe('2027-01-04');
    expect(localTime(at('2027-01-01T10:00:00Z'), HELSINKI).weekday).toBe(5);
    const weeks = weeksOverlapping(
      at('2026-12-31T12:00:00Z'),
      at('2027-01-02T12:00:00Z'),
      HELSINKI,
    );
    expect(weeks).toEqual([
      {
        start: '2026-12-28',
        startMs: at('2026-12-27T22:00:00Z'),
        endMs: at('2027-01-03T22:00:00Z'),
      },
    ]);
  });

  it('gives no weeks for an empty or inverted range', () => {
    expect(
      weeksOverlapping(at('2026-03-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), HELSINKI),
    ).toEqual([]);
    expect(
      weeksOverlapping(at('2026-03-02T00:00:00Z'), at('2026-03-01T00:00:00Z'), HELSINKI),
    ).toEqual([]);
  });
});

describe('local time in other zones', () => {
  it('starts an hour in Kolkata at half past in UTC', () => {
    const reading = localTime(at('2026-06-01T00:10:00Z'), 'Asia/Kolkata');
    expect(reading).toMatchObject({ date: '2026-06-01', hour: 5, weekday: 1 });
    expect(reading.hourStartMs).toBe(at('2026-05-31T23:30:00Z'));
    expect(reading.dayStartMs).toBe(at('2026-05-31T18:30:00Z'));
    expect(nextHourStartMs(at('2026-06-01T00:10:00Z'), 'Asia/Kolkata')).toBe(
      at('2026-06-01T00:30:00Z'),
    );
  });

  it('ends an hour early where the offset moves by half an hour (Lord Howe)', () => {
    // 2026-04-05 02:00 +11 → 01:30 +10:30 at 15:00Z: hour 1 is [14:00, 15:00) and [15:00, 15:30).
    const zone = 'Australia/Lord_Howe';
    expect(localTime(at('2026-04-04T15:10:00Z'), zone)).toMatchObject({
      hour: 1,
      hourStartMs: at('2026-04-04T15:00:00Z'),
    });
    expect(nextHourStartMs(at('2026-04-04T14:30:00Z'), zone)).toBe(at('2026-04-04T15:00:00Z'));
    // 2026-10-04 02:00 +10:30 → 02:30 +11 at 15:30Z: hour 2 starts at the change.
    expect(localTime(at('2026-10-03T15:40:00Z'), zone)).toMatchObject({
      hour: 2,
      hourStartMs: at('2026-10-03T15:30:00Z'),
    });
  });

  it('knows real zones and refuses made-up ones', () => {
    expect(isTimeZone('Europe/Helsinki')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Europe/Nowhere')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

const ZONES = ['Europe/Helsinki', 'UTC', 'Asia/Kolkata'] as const;
const START = at('2024-01-01T00:00:00Z');
const END = at('2029-01-01T00:00:00Z');
const instant = fc.integer({ min: START, max: END });
const zone = fc.constantFrom(...ZONES);

/** Intl's own reading of an instant, one call each: slow, but shares nothing with the memo. */
function reference(ms: number, timeZone: string): { date: string; hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    weekday: 'short',
  }).formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    hour: Number(get('hour')),
    weekday: weekdays.indexOf(get('weekday')) + 1,
  };
}

describe('local time, for any instant', () => {
  it('reads the same date, hour and weekday as Intl', () => {
    fc.assert(
      fc.property(instant, zone, (ms, timeZone) => {
        expect(localTime(ms, timeZone)).toMatchObject(reference(ms, timeZone));
      }),
      { numRuns: 500 },
    );
  });

  it('lies in its hour, day and month, which start on the same reading', () => {
    fc.assert(
      fc.property(instant, zone, (ms, timeZone) => {
        const reading = localTime(ms, timeZone);
        expect(reading.hourStartMs).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(nextHourStartMs(ms, timeZone));
        expect(ms - reading.hourStartMs).toBeLessThan(HOUR);
        expect(localTime(reading.hourStartMs, timeZone)).toMatchObject({
          date: reading.date,
          hour: reading.hour,
        });
        expect(reading.dayStartMs).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(nextDayStartMs(ms, timeZone));
        expect(localTime(reading.dayStartMs, timeZone).date).toBe(reading.date);
        expect(localTime(reading.dayStartMs - 1, timeZone).date).toBe(addDays(reading.date, -1));
        expect(reading.monthStartMs).toBeLessThanOrEqual(reading.dayStartMs);
        expect(localTime(reading.monthStartMs, timeZone).date).toBe(
          `${reading.date.slice(0, 8)}01`,
        );
        expect(reading.weekStartMs).toBeLessThanOrEqual(reading.dayStartMs);
        expect(localTime(reading.weekStartMs, timeZone).date).toBe(isoWeekStart(reading.date));
        expect(localTime(reading.weekStartMs - 1, timeZone).date).toBe(
          addDays(isoWeekStart(reading.date), -1),
        );
      }),
      { numRuns: 300 },
    );
  });
});

const LEVELS: readonly (readonly RangeLevel[])[] = [
  ['month', 'day', 'hour'],
  ['day', 'hour'],
  ['hour'],
  ['month', 'hour'],
  ['month', 'day'],
  [],
];

describe('splitting a range into rollup pieces', () => {
  const ranges = fc.oneof(
    // Anything from minutes to years.
    fc.tuple(instant, instant),
    // Short ranges, often inside one day or one hour.
    instant.chain((from) =>
      fc.tuple(fc.constant(from), fc.integer({ min: from - HOUR, max: from + 3 * 86_400_000 })),
    ),
    // Under two hours: a boundary or two, often no whole hour between.
    instant.chain((from) =>
      fc.tuple(fc.constant(from), fc.integer({ min: from, max: from + 2 * HOUR })),
    ),
  );

  it('counts every instant of the range once and no other, in whole buckets of each level', () => {
    fc.assert(
      fc.property(ranges, zone, fc.constantFrom(...LEVELS), ([fromMs, toMs], timeZone, levels) => {
        const pieces = decomposeRange(fromMs, toMs, timeZone, levels);
        const plus = [...pieces.month, ...pieces.day, ...pieces.hour, ...pieces.raw];
        const less = [
          ...pieces.less.month,
          ...pieces.less.day,
          ...pieces.less.hour,
          ...pieces.less.raw,
        ];
        if (!(fromMs < toMs)) {
          expect([...plus, ...less]).toEqual([]);
          return;
        }
        for (const span of [...plus, ...less]) {
          expect(span.toMs).toBeGreaterThan(span.fromMs);
        }
        // How often an instant is counted is constant between the pieces' ends: check it at
        // each end and just before it.
        const times = new Set([
          fromMs,
          toMs,
          ...[...plus, ...less].flatMap((s) => [s.fromMs, s.toMs]),
        ]);
        const inside = (spans: Span[], t: number) =>
          spans.filter((s) => s.fromMs <= t && t < s.toMs).length;
        for (const time of times) {
          for (const t of [time - 1, time]) {
            const expected = fromMs <= t && t < toMs ? 1 : 0;
            expect(inside(plus, t) - inside(less, t), `instant ${t}`).toBe(expected);
          }
        }
        for (const side of [pieces, pieces.less]) {
          for (const span of side.month) {
            expect(localTime(span.fromMs, timeZone).monthStartMs).toBe(span.fromMs);
            expect(localTime(span.toMs, timeZone).monthStartMs).toBe(span.toMs);
          }
          for (const span of side.day) {
            expect(localTime(span.fromMs, timeZone).dayStartMs).toBe(span.fromMs);
            expect(localTime(span.toMs, timeZone).dayStartMs).toBe(span.toMs);
          }
          for (const span of side.hour) {
            expect(localTime(span.fromMs, timeZone).hourStartMs).toBe(span.fromMs);
            expect(localTime(span.toMs, timeZone).hourStartMs).toBe(span.toMs);
          }
          for (const name of ['month', 'day', 'hour'] as const) {
            if (!levels.includes(name)) {
              expect(side[name]).toEqual([]);
            }
          }
        }
        if (levels.includes('hour')) {
          expect(pieces.raw.length + pieces.less.raw.length).toBeLessThanOrEqual(2);
          for (const span of [...pieces.raw, ...pieces.less.raw]) {
            expect(span.toMs - span.fromMs).toBeLessThan(HOUR);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads a part bucket as the whole bucket less the rest when the rest is shorter', () => {
    // A week from Thursday 15:37 to the next Thursday 15:37 in Helsinki (UTC+2): the first
    // day's 8 h 23 min are read as they are; the last day's 15 h 37 min as the whole day less
    // the hours from 16:00 and the 23 minutes from 15:37.
    const pieces = decomposeRange(
      at('2025-11-13T13:37:21Z'),
      at('2025-11-20T13:37:21Z'),
      HELSINKI,
      ['month', 'day', 'hour'],
    );
    expect(pieces).toEqual({
      month: [],
      day: [{ fromMs: at('2025-11-13T22:00:00Z'), toMs: at('2025-11-20T22:00:00Z') }],
      hour: [{ fromMs: at('2025-11-13T14:00:00Z'), toMs: at('2025-11-13T22:00:00Z') }],
      raw: [{ fromMs: at('2025-11-13T13:37:21Z'), toMs: at('2025-11-13T14:00:00Z') }],
      less: {
        month: [],
        day: [],
        hour: [{ fromMs: at('2025-11-20T14:00:00Z'), toMs: at('2025-11-20T22:00:00Z') }],
        raw: [{ fromMs: at('2025-11-20T13:37:21Z'), toMs: at('2025-11-20T14:00:00Z') }],
      },
    });
  });

  it('reads the middle of a long range from months and the edges from days, hours and answers', () => {
    // 15 Jan 12:20 to 3 May 10:45 in Helsinki: January less its first 14½ days (the days
    // through the 15th, then plus that day's hours from 12:00 and less its 20 minutes), whole
    // months to May, then May's two days, the hours to 11:00 less the 15 minutes from 10:45.
    const pieces = decomposeRange(
      at('2026-01-15T10:20:00Z'),
      at('2026-05-03T07:45:00Z'),
      HELSINKI,
      ['month', 'day', 'hour'],
    );
    expect(pieces).toEqual({
      month: [{ fromMs: at('2025-12-31T22:00:00Z'), toMs: at('2026-04-30T21:00:00Z') }],
      day: [{ fromMs: at('2026-04-30T21:00:00Z'), toMs: at('2026-05-02T21:00:00Z') }],
      hour: [
        { fromMs: at('2026-01-15T10:00:00Z'), toMs: at('2026-01-15T22:00:00Z') },
        { fromMs: at('2026-05-02T21:00:00Z'), toMs: at('2026-05-03T08:00:00Z') },
      ],
      raw: [],
      less: {
        month: [],
        day: [{ fromMs: at('2025-12-31T22:00:00Z'), toMs: at('2026-01-15T22:00:00Z') }],
        hour: [],
        raw: [
          { fromMs: at('2026-01-15T10:00:00Z'), toMs: at('2026-01-15T10:20:00Z') },
          { fromMs: at('2026-05-03T07:45:00Z'), toMs: at('2026-05-03T08:00:00Z') },
        ],
      },
    });
  });

  it('reads whole days across the spring change without month pieces when months are not asked', () => {
    const pieces = decomposeRange(
      at('2026-03-28T22:00:00Z'),
      at('2026-03-30T21:00:00Z'),
      HELSINKI,
      ['day', 'hour'],
    );
    expect(pieces).toEqual({
      month: [],
      day: [{ fromMs: at('2026-03-28T22:00:00Z'), toMs: at('2026-03-30T21:00:00Z') }],
      hour: [],
      raw: [],
      less: { month: [], day: [], hour: [], raw: [] },
    });
  });

  it('cuts leftovers at the hour even when no whole hour lies between', () => {
    const pieces = decomposeRange(at('2028-08-16T13:48:00Z'), at('2028-08-16T14:07:00Z'), 'UTC', [
      'month',
      'day',
      'hour',
    ]);
    expect(pieces.raw).toEqual([
      { fromMs: at('2028-08-16T13:48:00Z'), toMs: at('2028-08-16T14:00:00Z') },
      { fromMs: at('2028-08-16T14:00:00Z'), toMs: at('2028-08-16T14:07:00Z') },
    ]);
    expect(pieces.hour).toEqual([]);
    expect(pieces.less).toEqual({ month: [], day: [], hour: [], raw: [] });
  });

  it('gives nothing for an empty or inverted range', () => {
    const none = { month: [], day: [], hour: [], raw: [] };
    const empty = { ...none, less: none };
    expect(decomposeRange(5, 5, HELSINKI, ['month', 'day', 'hour'])).toEqual(empty);
    expect(decomposeRange(6, 5, HELSINKI, ['month', 'day', 'hour'])).toEqual(empty);
  });
});

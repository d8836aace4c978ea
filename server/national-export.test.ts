import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMidnightMs } from '../core/local-time';
import {
  compareCodePoints,
  NATIONAL_EXPORT_COLUMNS,
  NationalExportSchema,
  type NationalExport,
  type NationalExportRow,
} from '../core/national-export';
import { UnitReportSchema } from '../core/reports-api';
import type { Response } from '../core/response';
import type { SurveyInput } from '../core/survey';
import { snapshotStream } from './exports/snapshot-stream';
import { createStores } from './store';
import { answer, startTestServer, type TestServer } from './test-support';

/**
 * The national export (docs/national-export.md) on known data, checked against a naive count of
 * the very answers uploaded: each answer's month read straight from Intl in its unit's zone,
 * rows sorted by comparing UTF-8 bytes. Three units, one in St. John's (UTC−3:30, its months
 * start 5.5 hours after Helsinki's), one whose id needs CSV quoting and sorts first by code
 * point; answers a millisecond either side of each zone's month boundaries, tests, repeats,
 * comments, follow-ups, every respondent and language.
 */

const NOW = new Date('2026-12-15T10:00:00.000Z');
const COMMENT = 'KOMMENTTI-EI-VIENTIIN';

const VISIT: SurveyInput = {
  id: 'visit-smiley',
  version: 3,
  questions: [
    {
      id: 'overall',
      scale: 'smiley4',
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
};
const CLINIC: SurveyInput = {
  id: 'clinic',
  version: 1,
  questions: [
    { id: 'overall', scale: 'smiley4' },
    { id: 'Access', scale: 'agree5' },
  ],
};

type TestUnit = { id: string; zone: string; survey: SurveyInput; answers: number };
const HELSINKI: TestUnit = { id: 'unit-a', zone: 'Europe/Helsinki', survey: VISIT, answers: 300 };
const ST_JOHNS: TestUnit = { id: 'unit-b', zone: 'America/St_Johns', survey: VISIT, answers: 200 };
/** Before both by code point ('U' < 'u'), after both in a Finnish or English collation. */
const QUOTED: TestUnit = {
  id: 'Unit "C", east',
  zone: 'Europe/Helsinki',
  survey: CLINIC,
  answers: 150,
};
const QUIET: TestUnit = { id: 'unit-quiet', zone: 'Europe/Helsinki', survey: VISIT, answers: 0 };
const UNITS = [HELSINKI, ST_JOHNS, QUOTED, QUIET];
const ZONES = [HELSINKI.zone, ST_JOHNS.zone];

const SCALE_VALUES: Record<string, number[]> = {
  smiley4: [1, 2, 3, 4],
  nps11: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  agree5: [1, 2, 3, 4, 5],
};

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Stored = Response & { unitId: string };

/** Random answers over Oct – mid-Dec 2026, and ok ones a ms either side of every month start. */
function makeAnswers(unit: TestUnit, seed: number): Stored[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const from = Date.parse('2026-10-01T00:00:00Z');
  const to = Date.parse('2026-12-14T00:00:00Z');
  const instants = Array.from({ length: unit.answers }, () => ({
    ms: from + Math.floor(next() * (to - from)),
    boundary: false,
  }));
  if (unit.answers > 0) {
    for (const zone of ZONES) {
      for (const first of ['2026-11-01', '2026-12-01']) {
        const midnight = localMidnightMs(first, zone);
        for (const ms of [midnight - 60_000, midnight - 1, midnight, midnight + 60_000]) {
          instants.push({ ms, boundary: true });
        }
      }
    }
  }
  return instants.map(({ ms, boundary }, i) => {
    const question = pick(unit.survey.questions);
    const value = pick(SCALE_VALUES[question.scale]!);
    const roll = next();
    const flags: Response['flags'] = boundary
      ? []
      : roll < 0.08
        ? ['repeat']
        : roll < 0.16
          ? ['test']
          : roll < 0.18
            ? ['test', 'repeat']
            : [];
    const respondent = pick(['patient', 'relative', 'other', undefined] as const);
    const followUp =
      question.followUp !== undefined && value <= 2
        ? { questionId: 'reason', value: pick(['waiting-time', 'staff']) }
        : undefined;
    return {
      ...answer(seed * 10_000 + i, {
        surveyId: unit.survey.id,
        surveyVersion: unit.survey.version,
        questionId: question.id,
        scale: question.scale,
        value,
        answeredAt: new Date(ms).toISOString(),
        language: pick(['fi', 'sv', 'en']),
        flags,
        ...(respondent ? { respondent } : {}),
        ...(followUp ? { followUp } : {}),
        ...(next() < 0.3 ? { comment: `${COMMENT} ${i}` } : {}),
      }),
      unitId: unit.id,
    };
  });
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** The naive reading: `YYYY-MM` of an instant in a zone, from Intl. */
function naiveMonth(ms: number, zone: string): string {
  let format = monthFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
    });
    monthFormats.set(zone, format);
  }
  const p = Object.fromEntries(format.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}`;
}

const bytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The order the docs promise, by UTF-8 bytes: independent of core's comparator. */
function naiveOrder(a: NationalExportRow, b: NationalExportRow): number {
  return (
    bytes(a.unitId, b.unitId) ||
    bytes(a.month, b.month) ||
    bytes(a.surveyId, b.surveyId) ||
    bytes(a.questionId, b.questionId) ||
    bytes(a.scale, b.scale) ||
    a.value - b.value ||
    bytes(a.respondent, b.respondent)
  );
}

/** The export as a naive count of the answers would have it: only ok answers in [from, to). */
function naiveExport(answers: readonly Stored[], from: string, to: string): NationalExportRow[] {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const rows = new Map<string, NationalExportRow>();
  for (const a of answers) {
    const ms = Date.parse(a.answeredAt);
    if (a.flags.length > 0 || ms < fromMs || ms >= toMs) {
      continue;
    }
    const zone = UNITS.find((unit) => unit.id === a.unitId)!.zone;
    const row = {
      unitId: a.unitId,
      month: naiveMonth(ms, zone),
      surveyId: a.surveyId,
      questionId: a.questionId,
      scale: a.scale,
      value: a.value,
      respondent: a.respondent ?? 'unknown',
    } as const;
    const key = JSON.stringify(row);
    const found = rows.get(key);
    rows.set(key, { ...row, count: (found?.count ?? 0) + 1 });
  }
  return [...rows.values()].sort(naiveOrder);
}

/** RFC 4180: records end in CRLF, quoted cells may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  expect(record, 'the last record ends in CRLF').toEqual([]);
  expect(cell).toBe('');
  return records;
}

function rowsOfCsv(text: string): { header: string[]; rows: NationalExportRow[] } {
  const [header = [], ...records] = parseCsv(text);
  return {
    header,
    rows: records.map((cells) => {
      expect(cells).toHaveLength(NATIONAL_EXPORT_COLUMNS.length);
      const [unitId, month, surveyId, questionId, scale, value, respondent, count] = cells;
      return {
        unitId: unitId!,
        month: month!,
        surveyId: surveyId!,
        questionId: questionId!,
        scale: scale as NationalExportRow['scale'],
        value: Number(value),
        respondent: respondent as NationalExportRow['respondent'],
        count: Number(count),
      };
    }),
  };
}

describe('the national export', () => {
  let t: TestServer;
  let answers: Stored[];
  const terminalIds: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
    const stores = createStores(t.database.db);
    answers = [];
    for (const [i, unit] of UNITS.entries()) {
      const terminal = await t.enroll({
        unit: { id: unit.id, name: { fi: unit.id } },
        survey: unit.survey,
      });
      terminalIds.push(terminal.terminalId);
      // Before any answer arrives: the rollups bucket each answer in its unit's zone.
      await stores.units.setTimeZone(unit.id, unit.zone);
      const own = makeAnswers(unit, i + 1);
      answers.push(...own);
      for (let j = 0; j < own.length; j += 250) {
        const batch = own.slice(j, j + 250).map(({ unitId: _unit, ...r }) => r);
        const sent = await t.upload(terminal.token, batch);
        expect(sent.status, sent.text).toBe(200);
        expect((sent.body as { accepted: string[] }).accepted).toHaveLength(batch.length);
      }
    }
  }, 60_000);

  afterAll(() => t.cleanup());

  const csv = async (query: string): Promise<{ header: string[]; rows: NationalExportRow[] }> => {
    const got = await t.admin('GET', `/v1/exports/national.csv?${query}`);
    expect(got.status, got.text).toBe(200);
    return rowsOfCsv(got.text);
  };

  const json = async (query: string): Promise<NationalExport> => {
    const got = await t.admin('GET', `/v1/exports/national.json?${query}`);
    expect(got.status, got.text).toBe(200);
    return NationalExportSchema.parse(got.body);
  };

  const RANGES = [
    // Helsinki's whole October and November: St. John's gets the 5.5 hours either side cut.
    ['2026-09-30T21:00:00Z', '2026-11-30T22:00:00Z'],
    // Mid-month at both ends, on an odd second.
    ['2026-10-15T12:34:56Z', '2026-12-03T07:00:01Z'],
    // Wider than the data: every month of every zone whole.
    ['2026-09-01T00:00:00Z', '2027-01-01T00:00:00Z'],
  ] as const;

  it.each(RANGES)(
    'from %s to %s counts exactly the ok answers per unit, local month, question, value and respondent, in code-point order',
    async (from, to) => {
      const query = `from=${from}&to=${to}`;
      const { header, rows } = await csv(query);
      expect(header).toEqual([...NATIONAL_EXPORT_COLUMNS]);
      const want = naiveExport(answers, from, to);
      expect(rows).toEqual(want);
      expect(rows.every((row) => row.count > 0)).toBe(true);
      // Tests and repeats are in the data and in the range, and none is counted.
      const inRange = answers.filter(
        (a) =>
          a.answeredAt >= new Date(from).toISOString() && a.answeredAt < new Date(to).toISOString(),
      );
      const total = rows.reduce((sum, row) => sum + row.count, 0);
      expect(total).toBe(inRange.filter((a) => a.flags.length === 0).length);
      expect(inRange.some((a) => a.flags.includes('test'))).toBe(true);
      expect(inRange.some((a) => a.flags.includes('repeat') && !a.flags.includes('test'))).toBe(
        true,
      );
      // The JSON twin: the same rows in the same order, with the range it covered.
      const twin = await json(query);
      expect(twin.rows).toEqual(rows);
      expect(twin.from).toBe(new Date(from).toISOString());
      expect(twin.to).toBe(new Date(to).toISOString());
    },
  );

  it("sorts units and questions by code point, not by a language's collation, and quotes ids as RFC 4180 says", async () => {
    const got = await t.admin(
      'GET',
      '/v1/exports/national.csv?from=2026-09-01T00:00:00Z&to=2027-01-01T00:00:00Z',
    );
    const { rows } = rowsOfCsv(got.text);
    const units = [...new Set(rows.map((row) => row.unitId))];
    expect(units).toEqual([QUOTED.id, HELSINKI.id, ST_JOHNS.id]);
    expect(got.text).toContain('\r\n"Unit ""C"", east",2026-10,clinic,Access,agree5,');
    const questions = [
      ...new Set(rows.filter((r) => r.unitId === QUOTED.id).map((r) => r.questionId)),
    ];
    expect(questions).toEqual(['Access', 'overall']);
    // Values as numbers: 10 after 9, not between 1 and 2.
    const nps = rows
      .filter(
        (r) => r.unitId === HELSINKI.id && r.month === '2026-11' && r.questionId === 'recommend',
      )
      .map((r) => r.value);
    expect(nps).toContain(10);
    expect(nps.indexOf(10)).toBeGreaterThan(nps.lastIndexOf(9));
    expect(nps.indexOf(2)).toBeGreaterThan(nps.lastIndexOf(1));
    expect(rows.some((r) => r.respondent === 'unknown')).toBe(true);
    expect(new Set(rows.map((r) => r.respondent))).toEqual(
      new Set(['other', 'patient', 'relative', 'unknown']),
    );
  });

  it("puts the last millisecond of a local month into that month and the next one's first into the next, in each unit's own zone", async () => {
    for (const zone of ZONES) {
      const midnight = localMidnightMs('2026-11-01', zone);
      const from = new Date(midnight - 1).toISOString();
      const to = new Date(midnight + 1).toISOString();
      const { rows } = await csv(`from=${from}&to=${to}`);
      for (const unit of [HELSINKI, ST_JOHNS, QUOTED]) {
        const months = rows
          .filter((row) => row.unitId === unit.id)
          .map((row) => [row.month, row.count]);
        const sum = (list: (string | number)[][]) => list.reduce((s, [, n]) => s + Number(n), 0);
        expect(sum(months), `${unit.id} at ${zone}'s midnight`).toBe(2);
        if (unit.zone === zone) {
          expect(new Set(months.map(([month]) => month))).toEqual(new Set(['2026-10', '2026-11']));
        } else {
          // Mid-evening or mid-morning in the other zone: both in one of its months.
          expect(new Set(months.map(([month]) => month)).size).toBe(1);
        }
      }
    }
  });

  it("sums, per unit, month and question, to the unit report's n for that local month (the issue's acceptance check)", async () => {
    const { rows } = await csv('from=2026-09-01T00:00:00Z&to=2027-01-01T00:00:00Z');
    let checked = 0;
    for (const unit of UNITS) {
      // St. John's September: its evening of the 30th is already October in UTC.
      for (const [first, next] of [
        ['2026-09-01', '2026-10-01'],
        ['2026-10-01', '2026-11-01'],
        ['2026-11-01', '2026-12-01'],
        ['2026-12-01', '2027-01-01'],
      ] as const) {
        const from = new Date(localMidnightMs(first, unit.zone)).toISOString();
        const to = new Date(localMidnightMs(next, unit.zone)).toISOString();
        for (const question of unit.survey.questions) {
          const got = await t.admin(
            'GET',
            `/v1/reports/units/${encodeURIComponent(unit.id)}?from=${from}&to=${to}&questionId=${question.id}`,
          );
          expect(got.status, got.text).toBe(200);
          const report = UnitReportSchema.parse(got.body);
          const exported = rows
            .filter(
              (r) =>
                r.unitId === unit.id &&
                r.month === first.slice(0, 7) &&
                r.questionId === question.id,
            )
            .reduce((sum, r) => sum + r.count, 0);
          expect(exported, `${unit.id} ${first} ${question.id}`).toBe(report.n);
          checked += report.n;
        }
      }
    }
    expect(checked).toBe(rows.reduce((sum, r) => sum + r.count, 0));
    expect(checked).toBeGreaterThan(400);
  });

  it('leaves out comments, terminal ids, languages and follow-up reasons: only its eight columns', async () => {
    const query = 'from=2026-09-01T00:00:00Z&to=2027-01-01T00:00:00Z';
    const text = (await t.admin('GET', `/v1/exports/national.csv?${query}`)).text;
    const twin = (await t.admin('GET', `/v1/exports/national.json?${query}`)).text;
    expect(answers.some((a) => a.comment !== undefined && a.flags.length === 0)).toBe(true);
    for (const output of [text, twin]) {
      expect(output).not.toContain(COMMENT);
      expect(output).not.toContain('waiting-time');
      expect(output).not.toContain('reason');
      for (const id of terminalIds) {
        expect(output).not.toContain(id);
      }
    }
    const body = JSON.parse(twin) as { rows: Record<string, unknown>[] };
    expect(Object.keys(body)).toEqual(['from', 'to', 'rows']);
    for (const row of body.rows) {
      expect(Object.keys(row)).toEqual([
        'unitId',
        'month',
        'surveyId',
        'questionId',
        'scale',
        'value',
        'respondent',
        'count',
      ]);
    }
    // Nothing finer than a month: no day, hour or instant anywhere in a row.
    expect(text.split('\r\n').slice(1).join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:/);
  });

  it('covers the last 12 whole months in Helsinki when the range is left out, and names its file by them', async () => {
    const got = await t.admin('GET', '/v1/exports/national.csv');
    expect(got.status, got.text).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(got.headers.get('content-disposition')).toBe(
      'attachment; filename="hymy-national-2025-12-2026-11.csv"',
    );
    const from = '2025-11-30T22:00:00.000Z';
    const to = '2026-11-30T22:00:00.000Z';
    expect(rowsOfCsv(got.text).rows).toEqual(naiveExport(answers, from, to));
    const twin = await json('');
    expect([twin.from, twin.to]).toEqual([from, to]);
    // December's answers (already in) wait for December to end.
    expect(twin.rows.some((row) => row.month === '2026-12')).toBe(false);
    expect(answers.some((a) => a.answeredAt >= to && a.flags.length === 0)).toBe(true);
    // Only `to`: the 12 months before its month. Only `from`: up to this month's start.
    const before = await json('to=2026-11-01T00:00:00%2B02:00');
    expect([before.from, before.to]).toEqual([
      '2025-10-31T22:00:00.000Z',
      '2026-10-31T22:00:00.000Z',
    ]);
    const since = await json('from=2026-11-01T00:00:00Z');
    expect([since.from, since.to]).toEqual(['2026-11-01T00:00:00.000Z', to]);
  });

  it('writes each export to the audit log with its range', async () => {
    await t.admin(
      'GET',
      '/v1/exports/national.json?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z',
    );
    const [entry] = await createStores(t.database.db).audit.newest(1);
    expect(entry).toMatchObject({
      action: 'national_export',
      target: null,
      detail: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', format: 'json' },
    });
  });

  it('is for a county account or the admin token: a unit account gets 403, no session 401', async () => {
    await t.addAccount({ email: 'unit@example.fi', role: 'unit', units: [HELSINKI.id] });
    await t.addAccount({ email: 'county@example.fi', role: 'county' });
    const unitCookie = await t.signIn('unit@example.fi', 'correct horse battery staple');
    const countyCookie = await t.signIn('county@example.fi', 'correct horse battery staple');
    for (const path of ['/v1/exports/national.csv', '/v1/exports/national.json']) {
      const denied = await t.person(unitCookie, 'GET', path);
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ error: { code: 'forbidden' } });
      const anonymous = await t.call('GET', path);
      expect(anonymous.status).toBe(401);
      const county = await t.person(countyCookie, 'GET', path);
      expect(county.status, county.text).toBe(200);
    }
  });

  /** A producer of `chunks` KiB that counts what it wrote and says when it stopped. */
  function kibProducer(chunks: number) {
    const state = { written: 0, stopped: false, done: undefined as unknown as Promise<void> };
    let finish = () => {};
    state.done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const stream = snapshotStream(
      t.database,
      async (write, trx) => {
        // Inside the snapshot, as the export reads.
        await trx.selectFrom('units').select('id').execute();
        for (let i = 0; i < chunks; i += 1) {
          if (!(await write('x'.repeat(1024)))) {
            state.stopped = true;
            break;
          }
          state.written += 1;
        }
        finish();
      },
      4 * 1024,
    );
    return { state, stream };
  }

  it('waits for a slow client once its buffer is full, and goes on as it reads', async () => {
    const { state, stream } = kibProducer(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Nobody reads: four KiB wait, and the producer with them.
    expect(state.written).toBeGreaterThan(0);
    expect(state.written).toBeLessThanOrEqual(5);
    let read = 0;
    for await (const chunk of stream) {
      read += (chunk as Buffer).length;
    }
    await state.done;
    expect([state.written, read, state.stopped]).toEqual([200, 200 * 1024, false]);
  });

  it('stops reading and ends its snapshot when the client goes away', async () => {
    // More abandoned downloads than there are read connections: each must give its back.
    for (let i = 0; i < 5; i += 1) {
      const { state, stream } = kibProducer(200);
      // The producer waits on a full buffer when the client goes.
      await new Promise((resolve) => setTimeout(resolve, 20));
      stream.destroy();
      await state.done;
      expect(state.stopped).toBe(true);
      expect(state.written).toBeLessThan(20);
    }
    const report = await t.admin('GET', `/v1/reports/units/${HELSINKI.id}`);
    expect(report.status, report.text).toBe(200);
  });

  it.each([
    ['from=yesterday', 'from'],
    ['to=2026-13-01T00:00:00Z', 'to'],
    ['from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z', 'before'],
    ['from=2015-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'ten years'],
    ['unitId=unit-a', 'unitId'],
    ['from=2026-10-01T00:00:00Z&from=2026-11-01T00:00:00Z', 'from'],
  ])('answers %s with 400 invalid_query', async (query, named) => {
    for (const kind of ['csv', 'json']) {
      const got = await t.admin('GET', `/v1/exports/national.${kind}?${query}`);
      expect(got.status, got.text).toBe(400);
      expect(got.body).toMatchObject({ error: { code: 'invalid_query' } });
      expect((got.body as { error: { message: string } }).error.message).toContain(named);
    }
  });
});

describe('the export order of text', () => {
  it.each([
    ['Unit', 'unit'],
    ['a', 'ab'],
    ['', 'a'],
    ['Z', 'a'],
    ['z', 'ä'],
    // U+FFFD before U+1F600: UTF-16 units would put the emoji's surrogate (D83D) first.
    ['\uFFFD', '\u{1F600}'],
    ['\u{1F600}', '\u{1F601}'],
  ])('puts %j before %j, as their UTF-8 bytes do', (a, b) => {
    expect(compareCodePoints(a, b)).toBeLessThan(0);
    expect(compareCodePoints(b, a)).toBeGreaterThan(0);
    expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(bytes(a, b)));
    expect(compareCodePoints(a, a)).toBe(0);
  });
});

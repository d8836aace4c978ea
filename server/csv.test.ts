import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnrollAnswer } from '../core/central-api';
import { csvCell, csvLine, neutralizeFormula } from '../core/csv';
import { CSV_COLUMNS } from './csv';
import { answer, startTestServer, type TestServer } from './test-support';

/** RFC 4180 read strictly: CRLF between records, quotes doubled inside quoted fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          throw new Error('unclosed quote');
        }
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          field += '"';
          i += 1;
        } else {
          break;
        }
      }
    } else if (text[i] === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '\r' || text[i] === '\n') {
        throw new Error(`bare line break at ${i}`);
      }
      field += text[i];
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) {
    throw new Error('the last record has no CRLF');
  }
  return records;
}

describe('CSV cells', () => {
  it('are quoted when they hold a comma, a quote or a line break, with quotes doubled', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(4)).toBe('4');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('that a spreadsheet would run as a formula are kept as text', () => {
    for (const text of ['=1+1', '+358 40', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    }
    expect(neutralizeFormula('Odotus oli = pitkä')).toBe('Odotus oli = pitkä');
  });
});

describe('the CSV export (GET /v1/admin/responses.csv)', () => {
  let t: TestServer;
  let terminal: EnrollAnswer;

  beforeEach(async () => {
    t = await startTestServer();
    terminal = await t.enroll();
  });
  afterEach(() => t.cleanup());

  const exportCsv = async (query: string) => {
    const got = await t.admin('GET', `/v1/admin/responses.csv?${query}`);
    expect(got.status).toBe(200);
    return got;
  };

  it('has a header row and one row per stored answer, flagged ones too, flags in one column', async () => {
    await t.upload(terminal.token, [
      answer(1, { answeredAt: '2026-11-23T10:00:00.000Z' }),
      answer(2, { answeredAt: '2026-11-23T09:00:00.000Z', flags: ['test', 'repeat'] }),
      answer(3, {
        answeredAt: '2026-11-23T11:00:00.000Z',
        flags: ['clock_unsynced'],
        respondent: 'relative',
        followUp: { questionId: 'reason', value: 'waiting-time' },
      }),
    ]);
    const got = await exportCsv('unitId=khks-lapset');
    expect(got.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(got.headers.get('content-disposition')).toBe(
      'attachment; filename="hymy-responses-khks-lapset.csv"',
    );
    const [header, ...rows] = parseCsv(got.text);
    expect(header).toEqual([...CSV_COLUMNS]);
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    // Oldest answer first.
    expect(rows.map((row) => row[column('id')])).toEqual([
      answer(2).id,
      answer(1).id,
      answer(3).id,
    ]);
    expect(rows.map((row) => row[column('flags')])).toEqual(['repeat test', '', 'clock_unsynced']);
    expect(rows[2]).toEqual([
      answer(3).id,
      terminal.terminalId,
      'khks-lapset',
      'visit-smiley',
      '3',
      'overall',
      'smiley4',
      '4',
      'fi',
      'touch',
      '2026-11-23T11:00:00.000Z',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      'clock_unsynced',
      'relative',
      'reason',
      'waiting-time',
      '',
      // The terminal's sync columns: the server has none to fill.
      '',
      '',
      '',
    ]);
  });

  it('keeps commas, quotes, line breaks and Finnish letters in a comment, and defuses formulas', async () => {
    // The last three are what PostgreSQL's array literals quote (answers go in as arrays there).
    const comments = [
      'Hyvä, kiitos',
      'Hoitaja sanoi "kyllä"',
      'rivi yksi\r\nrivi kaksi\nkolme',
      '=HYPERLINK("http://example.com")',
      'Åbo ❤',
      'C:\\polku\\ "\\"',
      '{NULL,"a"}',
      'NULL',
    ];
    await t.upload(
      terminal.token,
      comments.map((comment, i) =>
        answer(i + 1, { comment, answeredAt: `2026-11-23T10:00:0${i}.000Z` }),
      ),
    );
    const [, ...rows] = parseCsv((await exportCsv('unitId=khks-lapset')).text);
    expect(rows.map((row) => row[CSV_COLUMNS.indexOf('comment')])).toEqual([
      'Hyvä, kiitos',
      'Hoitaja sanoi "kyllä"',
      'rivi yksi\r\nrivi kaksi\nkolme',
      `'=HYPERLINK("http://example.com")`,
      'Åbo ❤',
      'C:\\polku\\ "\\"',
      '{NULL,"a"}',
      'NULL',
    ]);
  });

  it("exports only the unit's answers in the time asked for, all of them across pages", async () => {
    const base = Date.parse('2026-11-01T00:00:00.000Z');
    const total = 2300;
    for (let from = 0; from < total; from += 500) {
      const batch = Array.from({ length: Math.min(500, total - from) }, (_, i) =>
        // Sent newest first, so arrival order and answer order differ.
        answer(from + i, {
          answeredAt: new Date(base + (total - from - i) * 60_000).toISOString(),
        }),
      );
      await t.upload(terminal.token, batch);
    }
    const all = parseCsv((await exportCsv('unitId=khks-lapset')).text).slice(1);
    expect(all).toHaveLength(total);
    const times = all.map((row) => row[CSV_COLUMNS.indexOf('answeredAt')]!);
    expect([...times].sort()).toEqual(times);
    expect(new Set(all.map((row) => row[0])).size).toBe(total);

    const from = new Date(base + 100 * 60_000).toISOString();
    const to = new Date(base + 200 * 60_000).toISOString();
    const window = parseCsv((await exportCsv(`unitId=khks-lapset&from=${from}&to=${to}`)).text);
    expect(window.slice(1)).toHaveLength(100);
    expect(parseCsv((await exportCsv('unitId=elsewhere')).text)).toHaveLength(1);
  });

  it('needs a unit id and the admin token', async () => {
    const noUnit = await t.admin('GET', '/v1/admin/responses.csv');
    expect(noUnit.status).toBe(400);
    expect(noUnit.body).toEqual({
      error: { code: 'invalid_query', message: expect.stringMatching(/^unitId: /) as string },
    });
    const noToken = await t.call('GET', '/v1/admin/responses.csv?unitId=khks-lapset');
    expect(noToken.status).toBe(401);
  });

  it('a parameter it does not know, or one given twice, is refused, naming it', async () => {
    for (const [query, message] of [
      ['unitId=khks-lapset&includeRepeats=true', 'includeRepeats: not a parameter of this call'],
      ['unitId=khks-lapset&unitId=elsewhere', 'unitId: given more than once'],
    ]) {
      const refused = await t.admin('GET', `/v1/admin/responses.csv?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ error: { code: 'invalid_query', message } });
    }
  });
});

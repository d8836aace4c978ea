import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, type EnrollAnswer } from '../core/central-api';
import { UnitsReportSchema, UnitsTrendSchema } from '../core/reports-api';
import {
  answer,
  SURVEY,
  TEST_ENGINE,
  TEST_PASSWORD,
  UNIT,
  startTestServer,
  type Call,
  type TestServer,
} from './test-support';

/**
 * Every people's endpoint of central-reports.md (and the admin endpoints of central-api.md a
 * county account may use) × everyone who might ask: the status each gets.
 */

const OTHER_UNIT = { id: 'khks-aikuiset', name: { fi: 'Aikuisten yksikkö' } };

type Asker = 'nobody' | 'unit of this unit' | 'unit of another unit' | 'county' | 'admin token';
const ASKERS: Asker[] = [
  'nobody',
  'unit of this unit',
  'unit of another unit',
  'county',
  'admin token',
];

type Row = {
  method: string;
  path: (terminal: EnrollAnswer) => string;
  body?: unknown;
  /** The status for each asker, in ASKERS' order. */
  expect: [number, number, number, number, number];
};

const unitPath = `/v1/reports/units/${UNIT.id}`;
const READ_OWN: Row['expect'] = [401, 200, 403, 200, 200];
const COUNTY_ONLY: Row['expect'] = [401, 403, 403, 200, 200];

const TABLE: Row[] = [
  { method: 'GET', path: () => '/v1/me', expect: [401, 200, 200, 200, 200] },
  { method: 'GET', path: () => '/v1/reports/units', expect: [401, 200, 200, 200, 200] },
  { method: 'GET', path: () => '/v1/reports/trend?weeks=12', expect: [401, 200, 200, 200, 200] },
  { method: 'GET', path: () => unitPath, expect: READ_OWN },
  { method: 'GET', path: () => `${unitPath}/questions`, expect: READ_OWN },
  {
    method: 'GET',
    path: () => `/v1/admin/summary?unitId=${UNIT.id}&questionId=overall`,
    expect: READ_OWN,
  },
  { method: 'GET', path: () => `/v1/admin/summary?questionId=overall`, expect: COUNTY_ONLY },
  { method: 'GET', path: () => `/v1/admin/responses.csv?unitId=${UNIT.id}`, expect: READ_OWN },
  {
    method: 'POST',
    path: () => '/v1/admin/enrollment-codes',
    body: { unit: UNIT, survey: SURVEY },
    expect: [401, 403, 403, 201, 201],
  },
  { method: 'GET', path: () => '/v1/admin/terminals', expect: COUNTY_ONLY },
  {
    method: 'PATCH',
    path: (terminal) => `/v1/admin/terminals/${terminal.terminalId}`,
    body: { revoked: false },
    expect: COUNTY_ONLY,
  },
  { method: 'GET', path: () => '/v1/admin/survey-templates', expect: COUNTY_ONLY },
  {
    method: 'PATCH',
    path: () => `/v1/admin/units/${UNIT.id}`,
    body: { target: { measure: 'positiveShare', value: 0.8 } },
    expect: COUNTY_ONLY,
  },
  { method: 'GET', path: () => '/v1/admin/accounts', expect: COUNTY_ONLY },
  {
    method: 'POST',
    path: () => '/v1/admin/accounts',
    body: { email: 'new@example.fi', role: 'unit', units: [UNIT.id] },
    // Made by the first county asker; the admin token then finds it made.
    expect: [401, 403, 403, 201, 409],
  },
  {
    method: 'PATCH',
    path: () => '/v1/admin/accounts/new@example.fi',
    body: { language: 'sv' },
    expect: COUNTY_ONLY,
  },
  {
    method: 'DELETE',
    path: () => '/v1/admin/accounts/new@example.fi',
    expect: [401, 403, 403, 204, 404],
  },
  // Last: it ends the asker's session.
  { method: 'DELETE', path: () => '/v1/session', expect: [401, 204, 204, 204, 204] },
];

describe(`who may call what (${TEST_ENGINE})`, () => {
  let t: TestServer;
  let terminal: EnrollAnswer;
  const cookies = new Map<Asker, string>();

  beforeAll(async () => {
    t = await startTestServer();
    terminal = await t.enroll();
    const other = await t.enroll({ unit: OTHER_UNIT, survey: SURVEY });
    expect((await t.upload(terminal.token, [answer(1), answer(2)])).status).toBe(200);
    expect((await t.upload(other.token, [answer(3)])).status).toBe(200);
    await t.addAccount({ email: 'this@example.fi', role: 'unit', units: [UNIT.id] });
    await t.addAccount({ email: 'other@example.fi', role: 'unit', units: [OTHER_UNIT.id] });
    await t.addAccount({ email: 'county@example.fi', role: 'county' });
    cookies.set('unit of this unit', await t.signIn('this@example.fi', TEST_PASSWORD));
    cookies.set('unit of another unit', await t.signIn('other@example.fi', TEST_PASSWORD));
    cookies.set('county', await t.signIn('county@example.fi', TEST_PASSWORD));
  });
  afterAll(() => t.cleanup());

  const ask = (asker: Asker, row: Row): Promise<Call> => {
    const path = row.path(terminal);
    if (asker === 'nobody') {
      return t.call(row.method, path, { body: row.body, headers: { origin: t.server.url } });
    }
    if (asker === 'admin token') {
      return t.admin(row.method, path, row.body);
    }
    return t.person(cookies.get(asker)!, row.method, path, row.body);
  };

  it('every endpoint answers each asker as the table says', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const row of TABLE) {
      for (const [i, asker] of ASKERS.entries()) {
        const answer = await ask(asker, row);
        got.push(`${row.method} ${row.path(terminal)} as ${asker}: ${answer.status}`);
        want.push(`${row.method} ${row.path(terminal)} as ${asker}: ${row.expect[i]}`);
        if (answer.status >= 400) {
          // Refusals in the API's error shape, with the contract's codes.
          const code = ApiErrorSchema.parse(answer.body).error.code;
          expect(code).toBe(
            { 401: 'unauthorized', 403: 'forbidden' }[answer.status as 401 | 403] ?? code,
          );
        }
      }
    }
    expect(got).toEqual(want);
  });

  it('a unit account sees only its own units in the all-units report', async () => {
    const cookie = await t.signIn('this@example.fi', TEST_PASSWORD);
    const own = UnitsReportSchema.parse((await t.person(cookie, 'GET', '/v1/reports/units')).body);
    expect(own.map((row) => row.unitId)).toEqual([UNIT.id]);
    const all = UnitsReportSchema.parse((await t.admin('GET', '/v1/reports/units')).body);
    expect(all.map((row) => row.unitId).sort()).toEqual([OTHER_UNIT.id, UNIT.id].sort());
    const trend = UnitsTrendSchema.parse(
      (await t.person(cookie, 'GET', '/v1/reports/trend?weeks=4')).body,
    );
    expect(trend.map((row) => row.unitId)).toEqual([UNIT.id]);
  });
});

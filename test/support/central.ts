import { enroll } from '../../host/central-client';
import { createLogger } from '../../host/log';
import { startCentralServer, type CentralServer } from '../../server/central-server';

export type TestCentral = CentralServer;

export const WARD_UNIT = {
  id: 'ward-7',
  name: { fi: 'Osasto 7', sv: 'Avdelning 7', en: 'Ward 7' },
};

/** The survey of core/sample-response.ts's answers. */
export const WARD_SURVEY = {
  id: 'visit-smiley',
  version: 3,
  questions: [{ id: 'overall', scale: 'smiley4' }],
};

/** The reference central server on its own SQLite file, on a free loopback port, logs kept quiet. */
export function startTestCentral(
  dataDir: string,
  extra: Partial<Parameters<typeof startCentralServer>[0]> = {},
): Promise<TestCentral> {
  return startCentralServer({
    dataDir,
    port: 0,
    adminToken: 'test-admin-token-0123456789abcdef',
    logger: createLogger({ write: () => undefined }),
    ...extra,
  });
}

export function adminCall(
  central: TestCentral,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${central.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${central.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** An enrollment code made over the admin API for `request` (unit, survey or template, timing…). */
export async function enrollmentCode(central: TestCentral, request: object): Promise<string> {
  const made = await adminCall(central, 'POST', '/v1/admin/enrollment-codes', request);
  if (made.status !== 201) {
    throw new Error(`enrollment code refused: ${made.status} ${await made.text()}`);
  }
  return ((await made.json()) as { code: string }).code;
}

export type EnrolledTerminal = { terminalId: string; token: string; unitId: string };

/** A code made over the admin API, spent by the host's own enrollment call: a real terminal. */
export async function enrollWardTerminal(
  central: TestCentral,
  apiUrl: string = central.url,
): Promise<EnrolledTerminal> {
  const code = await enrollmentCode(central, { unit: WARD_UNIT, survey: WARD_SURVEY });
  const enrolled = await enroll(apiUrl, { code, hardwareId: 'hw-test', appVersion: '0.1.0' });
  if (!enrolled.ok) {
    throw new Error(`enrollment failed: ${enrolled.reason}`);
  }
  return {
    terminalId: enrolled.answer.terminalId,
    token: enrolled.answer.token,
    unitId: enrolled.answer.config.unit.id,
  };
}

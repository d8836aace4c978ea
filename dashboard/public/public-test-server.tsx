import type { Me } from '../../core/accounts-api';
import type { UnitNote } from '../../core/public-api';
import type { Language } from '../i18n/language';
import { renderIn, stubFetch, type Asked, type Handler } from '../test-support';
import { SAMPLE_QUESTIONS, SAMPLE_REPORT } from '../unit/sample-report';
import { UnitPage } from '../unit/UnitPage';

/**
 * What the public section's tests share: the unit page of "ward-7" behind a stand-in server,
 * a county and a unit account, and two notes. (Each test file stubs the clock and `fetch` and
 * puts them back itself.)
 */

export const COUNTY: Me = { email: 'staff@county.example.fi', role: 'county', units: ['ward-7'] };
export const MANAGER: Me = { email: 'manager@example.fi', role: 'unit', units: ['ward-7'] };

/** The moment the tests run at: March 2026, so February is "last month". */
export const NOW = new Date('2026-03-15T10:00:00Z');

export const NOTES: UnitNote[] = [
  {
    id: 'n2',
    unitId: 'ward-7',
    youSaid: { fi: 'Odotus oli pitkä.', en: 'The wait was long.' },
    weDid: { en: 'We added a morning shift.' },
    createdAt: '2026-03-10T09:00:00.000Z',
    createdBy: 'manager@example.fi',
  },
  {
    id: 'n1',
    unitId: 'ward-7',
    youSaid: { sv: 'Svårt att hitta parkering.' },
    weDid: { sv: 'Vi skyltade om parkeringen.' },
    createdAt: '2026-02-02T09:00:00.000Z',
    createdBy: 'staff@county.example.fi',
  },
];

/**
 * A server for the unit page and its public section, remembering every request; `routes` add
 * to it or replace a route.
 */
export function serve(
  routes: Record<string, Handler> = {},
  { published = false, notes = NOTES }: { published?: boolean; notes?: UnitNote[] } = {},
): Asked[] {
  const all: Record<string, Handler> = {
    'GET /v1/reports/units/ward-7': { status: 200, body: { ...SAMPLE_REPORT, public: published } },
    'GET /v1/reports/units/ward-7/questions': { status: 200, body: SAMPLE_QUESTIONS },
    'GET /v1/units/ward-7/notes': { status: 200, body: notes },
    ...routes,
  };
  const asked: Asked[] = [];
  stubFetch((request) => {
    asked.push(request);
    const handler = all[`${request.method} ${request.path}`] ?? { status: 404 };
    return typeof handler === 'function' ? handler(request) : handler;
  });
  return asked;
}

export function renderPage(language: Language, me: Me = COUNTY, onSignedOut = () => {}): void {
  renderIn(
    language,
    <UnitPage unitId="ward-7" me={me} onSignedOut={onSignedOut} now={() => NOW} />,
  );
}

/** What changed something on the server. */
export const changes = (asked: Asked[]) => asked.filter((a) => a.method !== 'GET');

/** The section's name in English. */
export const SECTION = 'Public results and reports';

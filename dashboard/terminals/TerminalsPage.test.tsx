import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SurveyTemplateList, TerminalStatus } from '../../core/central-api';
import { surveyTemplateList } from '../../core/template-list';
import type { UnitsReport } from '../../core/reports-api';
import type { Language } from '../i18n/language';
import { TerminalsPage } from './TerminalsPage';
import { renderIn, stubFetch, type Answer } from '../test-support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The templates as the server lists them (server/survey-templates.ts), made from core's. */
const TEMPLATES: SurveyTemplateList = surveyTemplateList();

const CHILDREN = {
  id: 'khks-lapset',
  name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
};
const CLINIC = { id: 'psykiatria', name: { fi: 'Psykiatrian poliklinikka' } };

function unitsReport(): UnitsReport {
  return [CHILDREN, CLINIC].map(({ id, name }) => ({
    unitId: id,
    name,
    questionId: null,
    scale: null,
    n: 0,
    positiveShare: null,
    negativeShare: null,
    rankScore: null,
    target: null,
  }));
}

function terminal(id: string, unitId: string, overrides: Partial<TerminalStatus> = {}) {
  const now = Date.now();
  const row: TerminalStatus = {
    terminalId: `t_01JDZZZZZZ${id.padStart(16, '0')}`,
    unitId,
    hardwareId: `hw-${id.padStart(12, '0')}`,
    enrolledAt: new Date(now - 40 * 24 * HOUR).toISOString(),
    lastSeenAt: new Date(now - MINUTE).toISOString(),
    appVersion: '0.1.0',
    queued: 0,
    oldestQueuedAt: null,
    lastSyncAt: null,
    clock: new Date(now - MINUTE).toISOString(),
    buttonBox: { connected: true, model: 'HB-4', firmware: '1.2.0' },
    revoked: false,
    ...overrides,
  };
  return row;
}

/** Fine; silent for 3 hours; revoked. */
function fleet(): TerminalStatus[] {
  const now = Date.now();
  return [
    terminal('A1', CHILDREN.id),
    terminal('B2', CLINIC.id, {
      lastSeenAt: new Date(now - 3 * HOUR).toISOString(),
      clock: new Date(now - 3 * HOUR + 5 * MINUTE).toISOString(),
      appVersion: '0.0.9',
      queued: 7,
      oldestQueuedAt: new Date(now - 5 * HOUR).toISOString(),
    }),
    terminal('C3', CHILDREN.id, { revoked: true }),
  ];
}

type Call = { method: string; url: string; body: unknown };

/** The server, as far as this page asks it; `answers` overrides a route ("POST /v1/…"). */
function serverWith(terminals: TerminalStatus[], answers: Record<string, Answer> = {}) {
  const calls: Call[] = [];
  stubFetch(({ method, url, path, body }) => {
    calls.push({ method, url, body });
    const route = `${method} ${path}`;
    const answer = answers[route];
    if (answer !== undefined) {
      return answer;
    }
    if (route === 'GET /v1/admin/terminals') {
      return { status: 200, body: terminals };
    } else if (route === 'GET /v1/reports/units') {
      return { status: 200, body: unitsReport() };
    } else if (route === 'GET /v1/admin/survey-templates') {
      return { status: 200, body: TEMPLATES };
    } else if (route === 'POST /v1/admin/enrollment-codes') {
      return {
        status: 201,
        body: { code: 'K7QD-M3XP', expiresAt: '2025-12-04T12:05:00.000Z' },
      };
    } else if (method === 'PATCH' && path.startsWith('/v1/admin/terminals/')) {
      return { status: 200, body: {} };
    }
    return { status: 404 };
  });
  return calls;
}

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods: the smallest stand-in that opens and closes it.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function renderPage(language: Language, onSignedOut = vi.fn()) {
  renderIn(
    language,
    <TerminalsPage
      me={{ email: 'staff@county.example.fi', role: 'county', units: [] }}
      onSignedOut={onSignedOut}
    />,
  );
  await screen.findByRole('table');
  return onSignedOut;
}

/** Each body row as the texts of its cells. */
function rows(): string[][] {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

describe('the terminals page', () => {
  it.each([
    {
      language: 'fi' as const,
      count: '⚠ 1 pääte vaatii huomiota',
      status: '⚠ Vaatii huomiotaOllut ilman yhteyttä 3 tuntia',
      unit: 'Psykiatrian poliklinikka',
      queue: '7 odottaavanhin on odottanut 5 tuntia',
      clock: '5 minuuttia edellä',
      ok: 'Kunnossa',
      revoked: 'Poistettu käytöstä',
    },
    {
      language: 'sv' as const,
      count: '⚠ 1 terminal behöver åtgärdas',
      status: '⚠ Behöver åtgärdasInte hörts av på 3 timmar',
      unit: 'Psykiatrian poliklinikka',
      queue: '7 väntardet äldsta har väntat 5 timmar',
      clock: '5 minuter före',
      ok: 'I ordning',
      revoked: 'Tagen ur bruk',
    },
    {
      language: 'en' as const,
      count: '⚠ 1 terminal needs attention',
      status: '⚠ Needs attentionNot heard from for 3 hours',
      unit: 'Psykiatrian poliklinikka',
      queue: '7 waitingthe oldest has waited 5 hours',
      clock: '5 minutes fast',
      ok: 'OK',
      revoked: 'Revoked',
    },
  ])(
    'in $language: counts the terminals that need attention, lists them first and says why in words',
    async ({ language, count, status, unit, queue, clock, ok, revoked }) => {
      serverWith(fleet());
      await renderPage(language);
      expect(screen.getByText(count.slice(2)).closest('p')?.textContent).toBe(count);
      const [first, second, third] = rows();
      expect(first?.[0]).toBe(status);
      expect(first?.[1]).toBe(unit);
      expect(first?.[2]).toMatch(/^…000000B2hw-0000000000B2$/);
      expect(first?.[4]).toBe('0.0.9');
      expect(first?.[5]).toBe(queue);
      expect(first?.[7]).toBe(clock);
      expect(second?.[0]).toBe(ok);
      expect(second?.[1]).toBe(language === 'fi' ? 'Lastenyksikkö' : CHILDREN.name[language]);
      expect(third?.[0]).toBe(revoked);
      expect(document.title).toMatch(/^Hymy – /);
    },
  );

  it('says so when no terminal needs attention', async () => {
    serverWith([terminal('A1', CHILDREN.id)]);
    await renderPage('en');
    expect(screen.getByText('No terminal needs attention.')).toBeInTheDocument();
    expect(screen.queryByText(/Needs attention/)).toBeNull();
  });

  it('goes back to the sign-in page when the session has ended', async () => {
    serverWith([], { 'GET /v1/admin/terminals': { status: 401 } });
    const onSignedOut = vi.fn();
    renderIn(
      'en',
      <TerminalsPage
        me={{ email: 'x@example.fi', role: 'county', units: [] }}
        onSignedOut={onSignedOut}
      />,
    );
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
  });
});

describe('revoking a terminal', () => {
  it('asks first, and Cancel sends nothing and puts the focus back on the button', async () => {
    const calls = serverWith(fleet());
    await renderPage('en');
    const button = screen.getByRole('button', {
      name: /^Revoke terminal …000000A1 of Children's unit$/,
    });
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Revoke this terminal?' });
    expect(within(dialog).getByText('t_01JDZZZZZZ00000000000000A1')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);
  });

  it('sends {"revoked": true} once confirmed; the row then shows it revoked and offers Restore', async () => {
    const calls = serverWith(fleet());
    await renderPage('fi');
    fireEvent.click(
      screen.getByRole('button', { name: 'Poista käytöstä yksikön Lastenyksikkö pääte …000000A1' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Poistetaanko pääte käytöstä?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Poista pääte käytöstä' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([
      {
        method: 'PATCH',
        url: '/v1/admin/terminals/t_01JDZZZZZZ00000000000000A1',
        body: { revoked: true },
      },
    ]);
    const restore = screen.getByRole('button', {
      name: 'Palauta käyttöön yksikön Lastenyksikkö pääte …000000A1',
    });
    await vi.waitFor(() => expect(restore).toHaveFocus());
    expect(restore.closest('tr')?.querySelector('td')?.textContent).toBe('Poistettu käytöstä');
    expect(screen.getByText('Pääte …000000A1 on poistettu käytöstä.')).toBeInTheDocument();
  });

  it('keeps the dialog open with the reason in words when the server fails', async () => {
    const calls = serverWith(fleet(), {
      'PATCH /v1/admin/terminals/t_01JDZZZZZZ00000000000000A1': {
        status: 500,
        body: { error: { code: 'internal', message: 'Error: SQLITE_BUSY at line 42' } },
      },
    });
    await renderPage('sv');
    fireEvent.click(screen.getByRole('button', { name: /^Ta ur bruk terminal …000000A1/ }));
    const dialog = screen.getByRole('dialog', { name: 'Ta terminalen ur bruk?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ta terminalen ur bruk' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe('Servern kunde inte svara. Försök igen om en stund.');
    expect(document.body.textContent).not.toContain('SQLITE');
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
  });

  it('restores a revoked terminal with {"revoked": false}', async () => {
    const calls = serverWith(fleet());
    await renderPage('en');
    fireEvent.click(screen.getByRole('button', { name: /^Restore terminal …000000C3/ }));
    const dialog = screen.getByRole('dialog', { name: 'Restore this terminal?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore the terminal' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ revoked: false });
    expect(screen.getByRole('button', { name: /^Revoke terminal …000000C3/ })).toBeInTheDocument();
  });
});

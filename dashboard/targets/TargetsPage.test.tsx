import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../core/accounts-api';
import type { UnitsReport } from '../../core/reports-api';
import type { Language } from '../i18n/language';
import { TargetsPage } from './TargetsPage';
import { NBSP, renderIn, stubFetch, type Answer } from '../test-support';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ME: Me = { email: 'county@example.fi', role: 'county', units: [] };

const REPORT: UnitsReport = [
  {
    unitId: 'khks-lapset',
    name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
    questionId: 'overall',
    scale: 'smiley4',
    n: 120,
    positiveShare: { value: 0.84, low: 0.7759, high: 0.8891 },
    negativeShare: { value: 0.1, low: 0.06, high: 0.16 },
    rankScore: 0.8123,
    target: { measure: 'positiveShare', value: 0.8 },
  },
  {
    unitId: 'psykiatria',
    name: {
      fi: 'Psykiatrian poliklinikka',
      sv: 'Psykiatriska polikliniken',
      en: 'Psychiatric clinic',
    },
    questionId: 'recommend',
    scale: 'nps11',
    n: 40,
    positiveShare: { value: 0.6, low: 0.45, high: 0.73 },
    negativeShare: { value: 0.2, low: 0.1, high: 0.35 },
    nps: { value: 42, low: 30.1, high: 51 },
    rankScore: 0.7,
    target: null,
  },
  {
    unitId: 'tyhja',
    name: { fi: 'Tyhjä yksikkö', en: 'Empty unit' },
    questionId: null,
    scale: null,
    n: 0,
    positiveShare: null,
    negativeShare: null,
    rankScore: null,
    target: null,
  },
];

/** The units report, and PATCH answers as the server gives them (the target sent, echoed). */
function serverAnswering(patch: (unitId: string, body: unknown) => Answer = echo) {
  return stubFetch(({ method, path, body }) => {
    if (path === '/v1/reports/units' && method === 'GET') {
      return { status: 200, body: REPORT };
    }
    const unit = /^\/v1\/admin\/units\/([^/]+)$/.exec(path);
    if (unit && method === 'PATCH') {
      return patch(decodeURIComponent(unit[1]!), body);
    }
    return { status: 404 };
  });
}

function echo(unitId: string, body: unknown): Answer {
  const { target } = body as { target: unknown };
  return {
    status: 200,
    body: { unitId, name: { fi: unitId }, timeZone: 'Europe/Helsinki', target },
  };
}

function patches(fetch: ReturnType<typeof serverAnswering>) {
  return fetch.mock.calls
    .filter(([, init]) => init?.method === 'PATCH')
    .map(([url, init]) => ({
      url,
      contentType: (init?.headers as Record<string, string>)['content-type'],
      body: JSON.parse(init?.body as string) as unknown,
    }));
}

function renderPage(language: Language, onSignedOut = vi.fn()) {
  renderIn(language, <TargetsPage me={ME} onSignedOut={onSignedOut} />);
  return onSignedOut;
}

/** The row of a unit, by the unit's name in its header cell, as its cells' texts. */
async function rowOf(name: string): Promise<string[]> {
  const table = await screen.findByRole('table');
  const header = within(table).getByRole('rowheader', { name });
  return [...header.closest('tr')!.querySelectorAll('th, td')].map(
    (cell) => cell.textContent ?? '',
  );
}

describe('the targets page', () => {
  it('shows every unit with its figures, its target and where its interval lies against it', async () => {
    serverAnswering();
    renderPage('en');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Targets');
    expect(await rowOf("Children's unit")).toEqual([
      "Children's unit",
      '120',
      '84% (78–89%)',
      '–',
      '80% positive',
      '◆ Interval spans the target',
      "Change target (Children's unit)",
    ]);
    expect(await rowOf('Psychiatric clinic')).toEqual([
      'Psychiatric clinic',
      '40',
      '60% (45–73%)',
      '+42 (+30–+51)',
      'No target',
      '–',
      'Set target (Psychiatric clinic)',
    ]);
    expect(await rowOf('Empty unit')).toEqual([
      'Empty unit',
      '0',
      '–',
      '–',
      'No target',
      '–',
      'Set target (Empty unit)',
    ]);
    expect(
      screen.getByRole('table', { name: 'Targets and results of the units (Last 90 days)' }),
    ).toBeInTheDocument();
    expect(document.title).toBe('Hymy – targets');
  });

  it('sets a positive share typed as a percentage and sends it as a fraction', async () => {
    const fetch = serverAnswering();
    renderPage('fi');
    const user = userEvent.setup();
    await screen.findByRole('table');
    const open = screen.getByRole('button', { name: 'Muuta tavoitetta (Lastenyksikkö)' });
    await user.click(open);
    const form = within(
      screen.getByRole('group', { name: 'Tavoite: Lastenyksikkö' }).closest('form')!,
    );
    expect(form.getByRole('radio', { name: 'Myönteisten osuus' })).toHaveFocus();
    // A smiley question: no NPS to choose, and the form says why.
    expect(form.queryByRole('radio', { name: 'NPS' })).toBeNull();
    expect(
      form.getByText(
        'NPS-tavoitteen voi valita vain yksikölle, jonka kysymykseen vastataan asteikolla 0–10.',
      ),
    ).toBeInTheDocument();
    const value = form.getByLabelText('Tavoite, myönteisiä % (0–100)');
    expect(value).toHaveValue('80');
    expect(value).toHaveAccessibleDescription(
      `Nykyinen tulos (Viimeiset 90 päivää): 84${NBSP}% (78–89${NBSP}%)`,
    );
    await user.clear(value);
    await user.type(value, '70');
    await user.click(form.getByRole('button', { name: 'Tallenna tavoite' }));

    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        `Tavoite tallennettu yksikölle Lastenyksikkö: 70${NBSP}% myönteisiä.`,
      ),
    );
    expect(patches(fetch)).toEqual([
      {
        url: '/v1/admin/units/khks-lapset',
        contentType: 'application/json',
        body: { target: { measure: 'positiveShare', value: 0.7 } },
      },
    ]);
    const row = await rowOf('Lastenyksikkö');
    expect(row[4]).toBe(`70${NBSP}% myönteisiä`);
    expect(row[5]).toBe('▲ Yli tavoitteen');
    expect(screen.getByRole('button', { name: 'Muuta tavoitetta (Lastenyksikkö)' })).toHaveFocus();
  });

  it('offers NPS for a unit asked the 0–10 question, from −100 to 100', async () => {
    const fetch = serverAnswering();
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Set target (Psychiatric clinic)' }));
    await user.click(screen.getByRole('radio', { name: 'NPS' }));
    const value = screen.getByLabelText('Target NPS (−100 to 100)');
    expect(value).toHaveAccessibleDescription('Current result (Last 90 days): +42 (+30–+51)');
    await user.type(value, '150');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    expect(value).toHaveFocus();
    expect(value).toHaveAttribute('aria-invalid', 'true');
    expect(value).toHaveAccessibleDescription(
      'Enter an NPS from −100 to 100, such as 50. Current result (Last 90 days): +42 (+30–+51)',
    );
    expect(patches(fetch)).toEqual([]);

    await user.clear(value);
    await user.type(value, '25');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    await screen.findByText('Target of Psychiatric clinic saved: NPS +25.');
    expect(patches(fetch).map((patch) => patch.body)).toEqual([
      { target: { measure: 'nps', value: 25 } },
    ]);
    const row = await rowOf('Psychiatric clinic');
    expect(row.slice(4, 6)).toEqual(['NPS +25', '▲ Above the target']);
  });

  it('removes a target when "No target" is saved', async () => {
    const fetch = serverAnswering();
    renderPage('sv');
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Ändra mål (Barnenheten)' }));
    await user.click(screen.getByRole('radio', { name: 'Inget mål' }));
    expect(screen.getByText('När du sparar tas enhetens mål bort.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Spara målet' }));
    await screen.findByText('Målet för Barnenheten har tagits bort.');
    expect(patches(fetch).map((patch) => patch.body)).toEqual([{ target: null }]);
    expect((await rowOf('Barnenheten')).slice(4, 7)).toEqual([
      'Inget mål',
      '–',
      'Sätt mål (Barnenheten)',
    ]);
  });

  it.each([
    [
      'en',
      'Set target (Empty unit)',
      'Save target',
      'Enter a percentage from 0 to 100, such as 70.',
    ],
    [
      'fi',
      'Aseta tavoite (Tyhjä yksikkö)',
      'Tallenna tavoite',
      'Kirjoita prosenttiluku väliltä 0–100, esimerkiksi 70.',
    ],
    [
      'sv',
      'Sätt mål (Tyhjä yksikkö)',
      'Spara målet',
      'Skriv ett procenttal mellan 0 och 100, till exempel 70.',
    ],
  ] as const)(
    'in %s, refuses a share outside 0–100 before sending',
    async (language, open, save, text) => {
      const fetch = serverAnswering();
      renderPage(language);
      const user = userEvent.setup();
      await screen.findByRole('table');
      await user.click(screen.getByRole('button', { name: open }));
      const value = screen.getByRole('textbox');
      await user.type(value, '101');
      await user.click(screen.getByRole('button', { name: save }));
      expect(screen.getByText(text)).toBeInTheDocument();
      expect(value).toHaveFocus();
      expect(patches(fetch)).toEqual([]);
    },
  );

  it('closes with Escape and gives the focus back to the button that opened it', async () => {
    const fetch = serverAnswering();
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    const open = screen.getByRole('button', { name: "Change target (Children's unit)" });
    open.focus();
    await user.keyboard('{Enter}');
    expect(open).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('radio', { name: 'Positive share' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('radio')).toBeNull();
    expect(open).toHaveFocus();
    expect(patches(fetch)).toEqual([]);
  });

  it("says the server's refusal in words, never its message", async () => {
    serverAnswering(() => ({
      status: 404,
      body: { error: { code: 'unit_unknown', message: 'there is no unit tyhja' } },
    }));
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Set target (Empty unit)' }));
    await user.type(screen.getByRole('textbox'), '60');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    await vi.waitFor(() =>
      expect(
        screen
          .getAllByRole('alert')
          .map((a) => a.textContent)
          .join(''),
      ).toBe('This unit no longer exists.'),
    );
    expect(document.body).not.toHaveTextContent('there is no unit');
  });

  it('goes back to the sign-in page when the session has ended', async () => {
    stubFetch(() => ({ status: 401 }));
    const onSignedOut = renderPage('en');
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
  });
});

import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UnitReport } from '../../core/reports-api';
import type { Language } from '../i18n/language';
import { SAMPLE_QUESTIONS, SAMPLE_REPORT } from './sample-report';
import { UnitPage } from './UnitPage';
import { NBSP, renderIn, stubFetch, type Answer, type Asked } from '../test-support';

const ME = { email: 'manager@example.fi', role: 'unit' as const, units: ['ward-7'] };

afterEach(() => {
  vi.unstubAllGlobals();
});

/**
 * A server for the page: the unit report and its questions, each answered by a function of the
 * query (the public section's notes: none), and every request remembered with the moment it was
 * made.
 */
function serve(
  report: (query: URLSearchParams) => Answer = () => ({ status: 200, body: SAMPLE_REPORT }),
  questions: Answer = { status: 200, body: SAMPLE_QUESTIONS },
) {
  const asked: Asked[] = [];
  stubFetch((request) => {
    asked.push(request);
    if (request.path.endsWith('/notes')) {
      return { status: 200, body: [] };
    }
    return request.path.endsWith('/questions') ? questions : report(request.query);
  });
  return asked;
}

function renderPage(language: Language, onSignedOut = vi.fn()) {
  renderIn(language, <UnitPage unitId="ward-7" me={ME} onSignedOut={onSignedOut} />);
  return onSignedOut;
}

/** The headline figures as "term: value" lines. */
function figures(): string[] {
  const list = document.querySelector('dl.headline');
  return [...(list?.querySelectorAll('.headline-item') ?? [])].map(
    (item) =>
      `${item.querySelector('dt')?.textContent ?? ''}: ${item.querySelector('dd')?.textContent ?? ''}`,
  );
}

const NPS_REPORT: UnitReport = {
  ...SAMPLE_REPORT,
  questionId: 'recommend',
  scale: 'nps11',
  n: 40,
  byValue: {
    '0': 2,
    '1': 0,
    '2': 1,
    '3': 0,
    '4': 1,
    '5': 2,
    '6': 2,
    '7': 6,
    '8': 6,
    '9': 10,
    '10': 10,
  },
  positiveShare: { value: 0.5, low: 0.352, high: 0.648 },
  negativeShare: { value: 0.2, low: 0.105, high: 0.348 },
  nps: { value: 30, low: 7.1, high: 50.2 },
  target: { measure: 'nps', value: 50 },
  weeks: SAMPLE_REPORT.weeks.map((w) => ({
    ...w,
    nps: w.n === 0 ? null : { value: 30, low: 0, high: 55 },
  })),
};

describe('the unit page', () => {
  it('asks for the report and the questions at once, then shows the unit by name with its figures (fi)', async () => {
    const asked = serve();
    renderPage('fi');
    expect(asked.map((a) => a.path).sort()).toEqual([
      '/v1/reports/units/ward-7',
      '/v1/reports/units/ward-7/questions',
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Osasto 7' });
    expect(document.title).toBe('Hymy – Osasto 7');
    expect(screen.getByRole('link', { name: /Kaikki yksiköt/ })).toHaveAttribute('href', '#/units');
    expect(figures()).toEqual([
      'Vastauksia: 24',
      `Myönteisiä: 79${NBSP}% (60–91${NBSP}%)`,
      `Kielteisiä: 21${NBSP}% (9–40${NBSP}%)`,
      `Tavoite: 70${NBSP}% myönteisiä – ◆ Väli sisältää tavoitteen`,
    ]);
    expect(
      screen.getByRole('img', {
        name: `Myönteisiä 79${NBSP}%, 95 %:n luottamusväli 60${NBSP}%–91${NBSP}%`,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Ei laskettu mukaan: toistovastauksia 2, testivastauksia 1.'),
    ).toBeInTheDocument();
    // The charts, each a figure named by its title.
    expect(
      screen
        .getAllByRole('figure')
        .map((figure) => within(figure).getByRole('heading').textContent),
    ).toEqual([
      'Myönteisten osuus viikoittain',
      'Vastausten jakauma',
      'Vastaukset viikonpäivän ja kellonajan mukaan',
      'Jatkokysymysten syyt',
    ]);
  });

  it('warns of few answers and a wide interval, saying why in words (sv)', async () => {
    serve();
    renderPage('sv');
    const note = await screen.findByRole('note', { name: /Tolka siffrorna med försiktighet/ });
    expect([...note.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Det finns bara 24 svar, färre än 30: några nya svar kan ändra siffrorna mycket.',
      `Konfidensintervallet (95 %) för andelen positiva är brett, ±16 procentenheter: den verkliga andelen kan avvika mycket från 79${NBSP}%.`,
    ]);
  });

  it('shows no warning over 30 answers with a narrow interval', async () => {
    serve(() => ({
      status: 200,
      body: { ...SAMPLE_REPORT, n: 300, positiveShare: { value: 0.8, low: 0.75, high: 0.84 } },
    }));
    renderPage('en');
    await screen.findByRole('heading', { level: 1, name: 'Ward 7' });
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('offers every question in survey order, statements too, and reloads the report for the one chosen (en)', async () => {
    const asked = serve((query) =>
      query.get('questionId') === 'recommend'
        ? { status: 200, body: NPS_REPORT }
        : { status: 200, body: SAMPLE_REPORT },
    );
    renderPage('en');
    const picker = await screen.findByRole('combobox', { name: 'Question' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'overall (smileys 1–4; answers: 24)',
      'Would you recommend us? (recommendation 0–10; answers: 40)',
      'met (statement 1–5; answers: 0)',
    ]);
    expect(picker).toHaveValue('overall');
    fireEvent.change(picker, { target: { value: 'recommend' } });
    await screen.findByRole('heading', { level: 2, name: 'Results: Would you recommend us?' });
    expect(asked.at(-1)?.query.get('questionId')).toBe('recommend');
    expect(figures()).toEqual([
      'Answers: 40',
      'Positive: 50% (35–65%)',
      'Negative: 20% (11–35%)',
      'NPS: +30 (+7–+50)',
      'Target: NPS +50 – ◆ Interval spans the target',
    ]);
    expect(screen.getByRole('figure', { name: 'NPS by week' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(
      'The 95 % interval of the NPS is wide, ±22 points: the true NPS may be far from +30.',
    );
  });

  it('filters by respondent and shows who answered, whatever the filter (en)', async () => {
    const asked = serve();
    renderPage('en');
    const who = await screen.findByRole('table', { name: /Answers by respondent group/ });
    expect(
      [...who.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('th, td')].map((c) => c.textContent),
      ),
    ).toEqual([
      ['Patients', '15'],
      ['Relatives', '6'],
      ['Others', '1'],
      ['Not told', '2'],
    ]);
    const group = screen.getByRole('group', { name: 'Respondents' });
    expect(within(group).getByRole('radio', { name: 'All' })).toBeChecked();
    fireEvent.click(within(group).getByRole('radio', { name: 'Relatives' }));
    await vi.waitFor(() => expect(asked.at(-1)?.query.get('respondent')).toBe('relative'));
    await screen.findByRole('table', { name: /Answers by respondent group/ });
    fireEvent.click(within(group).getByRole('radio', { name: 'All' }));
    await vi.waitFor(() => expect(asked.at(-1)?.query.has('respondent')).toBe(false));
  });

  it('asks for the period chosen, and its CSV link downloads the same period', async () => {
    const asked = serve();
    renderPage('en');
    await screen.findByRole('heading', { level: 1, name: 'Ward 7' });
    const csv = () =>
      new URL(
        screen
          .getByRole('link', { name: /Download the unit's answers as CSV/ })
          .getAttribute('href')!,
        'http://dashboard.test',
      );
    expect(screen.getByRole('link', { name: /CSV \(Last 90 days\)/ })).toHaveAttribute('download');
    const first = asked.find((a) => a.path === '/v1/reports/units/ward-7')!;
    expect(csv().pathname).toBe('/v1/admin/responses.csv');
    expect(csv().searchParams.get('unitId')).toBe('ward-7');
    expect(csv().searchParams.get('from')).toBe(first.query.get('from'));
    expect(csv().searchParams.get('to')).toBe(first.query.get('to'));
    const days = (q: URLSearchParams) =>
      (Date.parse(q.get('to')!) - Date.parse(q.get('from')!)) / 86_400_000;
    expect(Math.round(days(first.query))).toBe(90);
    fireEvent.click(screen.getByRole('radio', { name: 'Last 30 days' }));
    await vi.waitFor(() => expect(Math.round(days(asked.at(-1)!.query))).toBe(30));
    expect(Math.round(days(csv().searchParams))).toBe(30);
    // The questions are asked again for the new period (their counts change with it).
    expect(asked.filter((a) => a.path.endsWith('/questions'))).toHaveLength(2);
  });

  it.each<[Answer, string]>([
    [
      { status: 404, body: { error: { code: 'unit_unknown', message: 'no unit' } } },
      'There is no such unit. It may have been removed, or the address is wrong.',
    ],
    [
      { status: 403, body: { error: { code: 'forbidden', message: 'x' } } },
      "Your account may not see this unit's results.",
    ],
    [
      { status: 500, body: { error: { code: 'internal', message: 'TypeError at x.ts:1' } } },
      'The server could not answer. Try again in a moment.',
    ],
    ['network', 'The server could not be reached. Check the network connection and try again.'],
  ])(
    'shows a failed report (%o) as its meaning, never the server’s words',
    async (answer, text) => {
      serve(() => answer, answer);
      renderPage('en');
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(text);
      expect(screen.getAllByRole('alert')).toHaveLength(1);
      expect(document.body.textContent).not.toMatch(/TypeError|no unit/);
    },
  );

  it('goes back to signing in when the session has ended', async () => {
    serve(() => ({ status: 401 }), { status: 401 });
    const onSignedOut = renderPage('en');
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
  });

  it('says there are no answers, and draws no chart, for a question nobody answered in the period', async () => {
    serve(() => ({
      status: 200,
      body: {
        ...SAMPLE_REPORT,
        n: 0,
        byValue: { '1': 0, '2': 0, '3': 0, '4': 0 },
        positiveShare: null,
        negativeShare: null,
        weeks: SAMPLE_REPORT.weeks.map((w) => ({ ...w, n: 0, positiveShare: null })),
        heatmap: [],
        followUps: [],
      },
    }));
    renderPage('fi');
    await screen.findByText(
      'Tähän kysymykseen ei ole vastauksia valitulla ajanjaksolla valituilta vastaajilta.',
    );
    expect(screen.queryByRole('figure')).toBeNull();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says the unit has no questions yet when its terminals were given none', async () => {
    serve(
      () => ({
        status: 200,
        body: {
          ...SAMPLE_REPORT,
          questionId: null,
          scale: null,
          n: 0,
          byValue: {},
          positiveShare: null,
          negativeShare: null,
          weeks: [],
          heatmap: [],
          followUps: [],
        },
      }),
      { status: 200, body: [] },
    );
    renderPage('en');
    await screen.findByText(
      "The unit's terminals have not been given any questions yet, so there are no results.",
    );
    expect(screen.queryByRole('combobox', { name: 'Question' })).toBeNull();
  });
});

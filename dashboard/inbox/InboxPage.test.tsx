import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../core/accounts-api';
import type { FeedbackItem } from '../../core/feedback-api';
import type { UnitQuestions, UnitsReport } from '../../core/reports-api';
import type { Language } from '../i18n/language';
import { renderIn, stubServer, type Asked, type Handler } from '../test-support';
import { InboxPage } from './InboxPage';

const DAY = 24 * 3_600_000;

const CHILDREN = {
  id: 'khks-lapset',
  name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
};
const CLINIC = { id: 'psykiatria', name: { fi: 'Psykiatrian poliklinikka' } };
const COUNTY: Me = {
  email: 'staff@county.example.fi',
  role: 'county',
  units: [CHILDREN.id, CLINIC.id],
};

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

const QUESTIONS: UnitQuestions = [
  {
    questionId: 'visit',
    text: { fi: 'Millainen käyntisi oli?', sv: 'Hur var ditt besök?', en: 'How was your visit?' },
    scale: 'smiley5',
    n: 40,
    positiveShare: null,
    negativeShare: null,
  },
];

function item(id: string, overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  return {
    id,
    unitId: CHILDREN.id,
    answeredAt: new Date(Date.now() - DAY).toISOString(),
    questionId: 'visit',
    scale: 'smiley5',
    value: 2,
    comment: 'The wait was long.',
    followUp: { questionId: 'reason', value: 'waiting-time' },
    hasContact: false,
    state: 'new',
    ...overrides,
  };
}

/** A contact request 8 days old: its reply was due yesterday. */
const OVERDUE = item('r_overdue', {
  answeredAt: new Date(Date.now() - 8 * DAY).toISOString(),
  hasContact: true,
  dueAt: new Date(Date.now() - DAY).toISOString(),
  comment: 'Please call me.',
  state: 'read',
});
/** A contact request due tomorrow. */
const SOON = item('r_soon', {
  hasContact: true,
  dueAt: new Date(Date.now() + DAY).toISOString(),
  comment: null,
  followUp: null,
  unitId: CLINIC.id,
});
const PLAIN = item('r_plain');

type Routes = Record<string, Handler>;

/** The server as far as the inbox asks it; `routes` overrides one ("PATCH /v1/feedback/r_1"). */
function serverWith(items: FeedbackItem[], routes: Routes = {}) {
  const fetch = stubServer({
    'GET /v1/feedback': { status: 200, body: items },
    'GET /v1/reports/units': { status: 200, body: unitsReport() },
    [`GET /v1/reports/units/${CHILDREN.id}/questions`]: { status: 200, body: QUESTIONS },
    [`GET /v1/reports/units/${CLINIC.id}/questions`]: { status: 200, body: QUESTIONS },
    ...Object.fromEntries(
      items.map((one) => [
        `PATCH /v1/feedback/${one.id}`,
        ({ body }: Asked) => ({ status: 200, body: { ...one, ...(body as object) } }),
      ]),
    ),
    ...routes,
  });
  return {
    calls: () =>
      fetch.mock.calls.map(([url, init]) => ({
        method: init?.method ?? 'GET',
        url,
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      })),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function renderPage(language: Language = 'en', me: Me = COUNTY, pageSize?: number) {
  const onSignedOut = vi.fn();
  renderIn(
    language,
    pageSize === undefined ? (
      <InboxPage me={me} onSignedOut={onSignedOut} />
    ) : (
      <InboxPage me={me} onSignedOut={onSignedOut} pageSize={pageSize} />
    ),
  );
  await screen.findByRole('table');
  return onSignedOut;
}

const feedbackQueries = (calls: ReturnType<ReturnType<typeof serverWith>['calls']>) =>
  calls
    .filter((call) => call.method === 'GET' && call.url.startsWith('/v1/feedback?'))
    .map((call) => new URL(call.url, 'http://x').searchParams);

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest('tr');
  if (row === null) {
    throw new Error(`no row with ${text}`);
  }
  return row;
}

describe('the inbox', () => {
  it('lists the items with their unit, question, answer in words, reason, state and due date', async () => {
    serverWith([SOON, OVERDUE, PLAIN]);
    await renderPage('en');
    await screen.findAllByText('How was your visit?');
    const cells = [...rowOf('The wait was long.').querySelectorAll('td')].map(
      (cell) => cell.textContent,
    );
    expect(cells.slice(1, 6)).toEqual([
      "Children's unit",
      'How was your visit?Unhappy (2/5)',
      'The wait was long.',
      'Waiting time',
      '● New',
    ]);
    expect(document.title).toBe('Hymy – inbox');
    expect(screen.getByRole('heading', { level: 1, name: 'Inbox' })).toBeInTheDocument();
  });

  it.each([
    { language: 'en' as const, overdue: 'Overdue', soon: 'Due soon' },
    { language: 'fi' as const, overdue: 'Myöhässä', soon: 'Erääntyy pian' },
    { language: 'sv' as const, overdue: 'Försenad', soon: 'Förfaller snart' },
  ])(
    'in $language: an overdue contact request says so in words with a mark, and one due soon is noted',
    async ({ language, overdue, soon }) => {
      serverWith([SOON, OVERDUE, PLAIN]);
      await renderPage(language);
      const late = rowOf(OVERDUE.comment ?? '');
      expect(late).toHaveClass('overdue');
      expect(within(late).getByText(overdue).closest('strong')?.textContent).toBe(`⚠ ${overdue}`);
      // The word and the date it was due read apart.
      expect(late.textContent).toContain(`⚠ ${overdue}: `);
      const due = screen.getByText(soon);
      expect(due.closest('tr')).not.toHaveClass('overdue');
      expect(within(rowOf('The wait was long.')).queryByText(overdue)).toBeNull();
    },
  );

  it('sends the filters chosen: unit, state, period, question, value and contact requests only', async () => {
    const server = serverWith([PLAIN]);
    await renderPage('en');
    const first = feedbackQueries(server.calls())[0];
    expect(first?.get('state')).toBeNull();
    expect(first?.get('limit')).toBe('200');
    expect(first?.get('from')).toMatch(/^\d{4}-\d\d-\d\dT/);

    fireEvent.change(screen.getByLabelText('Unit'), { target: { value: CHILDREN.id } });
    fireEvent.click(screen.getByRole('radio', { name: 'Handled' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Last 30 days' }));
    const question = await screen.findByRole('combobox', { name: 'Question' });
    await vi.waitFor(() => expect(question).toBeEnabled());
    fireEvent.change(question, { target: { value: 'visit' } });
    const value = screen.getByRole('combobox', { name: 'Answer' });
    expect(
      within(value)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'All answers',
      'Very unhappy (1/5)',
      'Unhappy (2/5)',
      'Neither happy nor unhappy (3/5)',
      'Happy (4/5)',
      'Very happy (5/5)',
    ]);
    fireEvent.change(value, { target: { value: '1' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Contact requests only' }));
    await vi.waitFor(() =>
      expect(feedbackQueries(server.calls()).at(-1)?.get('contact')).toBe('true'),
    );
    const last = feedbackQueries(server.calls()).at(-1);
    expect(last?.get('unitId')).toBe(CHILDREN.id);
    expect(last?.get('state')).toBe('handled');
    expect(last?.get('questionId')).toBe('visit');
    expect(last?.get('value')).toBe('1');
    const from = Date.parse(last?.get('from') ?? '');
    const to = Date.parse(last?.get('to') ?? '');
    expect(Math.round((to - from) / DAY)).toBe(30);
  });

  it('loads the next page after the last item with "Load more", and moves the focus to it', async () => {
    const older = item('r_older', { comment: 'An older comment.' });
    const server = serverWith([], {
      'GET /v1/feedback': ({ query }) =>
        query.get('before') === 'r_plain'
          ? { status: 200, body: [older] }
          : { status: 200, body: [SOON, PLAIN] },
    });
    await renderPage('en', COUNTY, 2);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('An older comment.');
    const queries = feedbackQueries(server.calls());
    expect(queries.at(-1)?.get('before')).toBe('r_plain');
    expect(queries.at(-1)?.get('limit')).toBe('2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    await vi.waitFor(() =>
      expect(
        within(rowOf('An older comment.')).getByRole('button', { name: /^Open/ }),
      ).toHaveFocus(),
    );
  });

  it('says a failure in its own words, never the server’s', async () => {
    serverWith([], {
      'GET /v1/feedback': {
        status: 500,
        body: { error: { code: 'internal', message: 'TypeError: x is undefined at db.ts:12' } },
      },
    });
    renderIn('fi', <InboxPage me={COUNTY} onSignedOut={vi.fn()} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Palvelin ei pystynyt vastaamaan. Yritä hetken kuluttua uudelleen.',
    );
    expect(document.body.textContent).not.toContain('TypeError');
  });
});

describe('an opened item', () => {
  it('is marked read when opened, takes the focus, and gives it back to its button when closed', async () => {
    const server = serverWith([PLAIN]);
    await renderPage('en');
    const open = within(rowOf('The wait was long.')).getByRole('button', { name: /^Open/ });
    fireEvent.click(open);
    const heading = await screen.findByRole('heading', {
      level: 3,
      name: /^Feedback of .*Children's unit$/,
    });
    expect(heading).toHaveFocus();
    await vi.waitFor(() =>
      expect(server.calls().filter((call) => call.method === 'PATCH')).toEqual([
        { method: 'PATCH', url: '/v1/feedback/r_plain', body: { state: 'read' } },
      ]),
    );
    await vi.waitFor(() => expect(open.closest('tr')?.textContent).toContain('Read'));
    fireEvent.click(screen.getByRole('button', { name: 'Close and go back to the list' }));
    expect(screen.queryByRole('heading', { level: 3 })).toBeNull();
    expect(open).toHaveFocus();
  });

  it('will not mark a contact request handled without a note, and says why at the field', async () => {
    const server = serverWith([OVERDUE]);
    await renderPage('en');
    fireEvent.click(within(rowOf('Please call me.')).getByRole('button', { name: /^Open/ }));
    const note = await screen.findByRole('textbox', { name: 'Note (required)' });
    fireEvent.click(screen.getByRole('button', { name: 'Mark handled' }));
    expect(note).toHaveFocus();
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(note).toHaveAccessibleDescription(
      /^Write a note on how the contact request was answered: a contact request cannot be marked handled without one\./,
    );
    expect(server.calls().filter((call) => call.method === 'PATCH')).toEqual([]);

    fireEvent.change(note, { target: { value: 'Called back, all sorted.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark handled' }));
    await screen.findByText('The item was marked handled.');
    expect(
      server
        .calls()
        .filter((call) => call.method === 'PATCH')
        .at(-1)?.body,
    ).toEqual({
      state: 'handled',
      note: 'Called back, all sorted.',
    });
    expect(
      screen.getByText('The contact details were deleted (handled or 30 days passed).'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark handled' })).toBeNull();
  });

  it("says the server's note_required in the same words", async () => {
    serverWith([OVERDUE], {
      [`PATCH /v1/feedback/${OVERDUE.id}`]: {
        status: 400,
        body: { error: { code: 'note_required', message: 'a note' } },
      },
    });
    await renderPage('sv');
    fireEvent.click(within(rowOf('Please call me.')).getByRole('button', { name: /^Öppna/ }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Anteckning (obligatorisk)' }), {
      target: { value: '   x' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Markera som behandlad' }));
    expect(
      await screen.findByText(/^Skriv en anteckning om hur kontaktbegäran besvarades/),
    ).toBeInTheDocument();
  });

  it('marks an item without a contact request handled without a note', async () => {
    const server = serverWith([{ ...PLAIN, state: 'read' }]);
    await renderPage('en');
    fireEvent.click(within(rowOf('The wait was long.')).getByRole('button', { name: /^Open/ }));
    await screen.findByRole('textbox', { name: 'Note (optional)' });
    fireEvent.click(screen.getByRole('button', { name: 'Mark handled' }));
    await screen.findByText('The item was marked handled.');
    expect(server.calls().filter((call) => call.method === 'PATCH')).toEqual([
      { method: 'PATCH', url: '/v1/feedback/r_plain', body: { state: 'handled' } },
    ]);
  });
});

describe("a contact request's details", () => {
  it('are shown only after a confirmation that says the opening is audited, with tel: and mailto: links', async () => {
    const server = serverWith([OVERDUE], {
      [`POST /v1/feedback/${OVERDUE.id}/contact`]: {
        status: 200,
        body: {
          contact: {
            name: 'Maija Meikäläinen',
            phone: '+358 40 123 4567',
            email: 'maija@example.fi',
          },
        },
      },
    });
    await renderPage('en');
    fireEvent.click(within(rowOf('Please call me.')).getByRole('button', { name: /^Open/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show contact details' }));
    const confirm = screen.getByRole('group', {
      name: /^Show the contact details\? Each opening is recorded in the audit log/,
    });
    expect(confirm).toHaveFocus();
    expect(confirm.textContent).toContain('recorded in the audit log');
    expect(server.calls().filter((call) => call.method === 'POST')).toEqual([]);

    fireEvent.click(within(confirm).getByRole('button', { name: 'Yes, show them' }));
    const phone = await screen.findByRole('link', { name: '+358 40 123 4567' });
    expect(phone).toHaveAttribute('href', 'tel:+358401234567');
    expect(screen.getByRole('link', { name: 'maija@example.fi' })).toHaveAttribute(
      'href',
      'mailto:maija@example.fi',
    );
    expect(screen.getByText('Maija Meikäläinen')).toBeInTheDocument();
    expect(server.calls().filter((call) => call.method === 'POST')).toHaveLength(1);

    // Closed, the details are gone; opened again, they are asked for (and audited) again.
    fireEvent.click(screen.getByRole('button', { name: 'Close and go back to the list' }));
    expect(screen.queryByText('Maija Meikäläinen')).toBeNull();
    fireEvent.click(within(rowOf('Please call me.')).getByRole('button', { name: /^Open/ }));
    expect(await screen.findByRole('button', { name: 'Show contact details' })).toBeInTheDocument();
    expect(screen.queryByText('Maija Meikäläinen')).toBeNull();
  });

  it('Cancel opens nothing and puts the focus back on the button', async () => {
    const server = serverWith([OVERDUE]);
    await renderPage('en');
    fireEvent.click(within(rowOf('Please call me.')).getByRole('button', { name: /^Open/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show contact details' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Show contact details' })).toHaveFocus();
    expect(server.calls().filter((call) => call.method === 'POST')).toEqual([]);
  });

  it.each([
    {
      language: 'en' as const,
      text: 'The contact details were deleted (handled or 30 days passed).',
    },
    {
      language: 'fi' as const,
      text: 'Yhteystiedot on poistettu (palaute käsiteltiin tai 30 päivää kului).',
    },
  ])('in $language: a 410 says the details were deleted', async ({ language, text }) => {
    serverWith([OVERDUE], {
      [`POST /v1/feedback/${OVERDUE.id}/contact`]: {
        status: 410,
        body: { error: { code: 'contact_deleted', message: 'gone' } },
      },
    });
    await renderPage(language);
    const row = rowOf('Please call me.');
    fireEvent.click(within(row).getAllByRole('button')[0] as HTMLElement);
    const show = language === 'en' ? 'Show contact details' : 'Näytä yhteystiedot';
    fireEvent.click(await screen.findByRole('button', { name: show }));
    fireEvent.click(
      screen.getByRole('button', { name: language === 'en' ? 'Yes, show them' : 'Kyllä, näytä' }),
    );
    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: show })).toBeNull();
  });

  it('says plainly when the server has no contact key', async () => {
    serverWith([OVERDUE], {
      [`POST /v1/feedback/${OVERDUE.id}/contact`]: {
        status: 503,
        body: { error: { code: 'contact_key_missing', message: 'no key' } },
      },
    });
    await renderPage('en');
    fireEvent.click(within(rowOf('Please call me.')).getByRole('button', { name: /^Open/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show contact details' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, show them' }));
    const said = await screen.findByText(
      "The contact details cannot be opened: the server has no contact key. Ask the county's administrator.",
    );
    expect(said).toHaveAttribute('role', 'alert');
  });
});

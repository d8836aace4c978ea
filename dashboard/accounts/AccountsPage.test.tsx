import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account, Me } from '../../core/accounts-api';
import type { UnitsReport } from '../../core/reports-api';
import type { Language } from '../i18n/language';
import { AccountsPage } from './AccountsPage';
import { renderIn, stubServer, type Handler } from '../test-support';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ME: Me = {
  email: 'county@example.fi',
  role: 'county',
  units: ['khks-lapset', 'psykiatria', 'tyhja'],
};

const ACCOUNTS: Account[] = [
  { email: 'county@example.fi', role: 'county', units: [], language: 'fi', password: true },
  {
    email: 'nurse@example.fi',
    role: 'unit',
    units: ['psykiatria', 'khks-lapset'],
    language: 'sv',
    password: false,
  },
];

function unitRow(unitId: string, name: Record<string, string>): UnitsReport[number] {
  return {
    unitId,
    name,
    questionId: null,
    scale: null,
    n: 0,
    positiveShare: null,
    negativeShare: null,
    rankScore: null,
    target: null,
  };
}

const REPORT: UnitsReport = [
  unitRow('khks-lapset', { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" }),
  unitRow('psykiatria', { fi: 'Psykiatrian poliklinikka', en: 'Psychiatric clinic' }),
  unitRow('tyhja', { fi: 'Tyhjä yksikkö', en: 'Empty unit' }),
];

const error = (code: string) => ({ error: { code, message: 'TypeError: at internal (x.ts:1)' } });

const listed = (accounts: Account[] = ACCOUNTS): Record<string, Handler> => ({
  'GET /v1/admin/accounts': { status: 200, body: accounts },
  'GET /v1/reports/units': { status: 200, body: REPORT },
  'GET /v1/session/methods': { status: 200, body: { password: true, oidc: true } },
});

/** The requests that changed something: method, path and the JSON body sent. */
function changes(fetch: ReturnType<typeof stubServer>) {
  return fetch.mock.calls
    .filter(([, init]) => init?.method !== undefined && init.method !== 'GET')
    .map(([url, init]) => ({
      method: init?.method,
      url,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      contentType: (init?.headers as Record<string, string> | undefined)?.['content-type'],
    }));
}

function renderPage(language: Language, me: Me = ME, onSignedOut = vi.fn()) {
  renderIn(language, <AccountsPage me={me} onSignedOut={onSignedOut} />);
  return onSignedOut;
}

/** Each body row of the accounts table as its cells' texts (opened rows left out). */
async function rows(): Promise<string[][]> {
  const table = await screen.findByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .filter((row) => !row.classList.contains('admin-detail-row'))
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

describe('the accounts page', () => {
  it('lists every account: its role, its units by name, its language and how it signs in', async () => {
    stubServer(listed());
    renderPage('en');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Accounts');
    await vi.waitFor(async () =>
      expect(await rows()).toEqual([
        ['county@example.fi (you)', 'County', 'All units', 'Suomi', 'Password', ''],
        [
          'nurse@example.fi',
          'Unit',
          "Psychiatric clinic, Children's unit",
          'Svenska',
          'Identity provider only',
          'Change units (nurse@example.fi)Remove (nurse@example.fi)',
        ],
      ]),
    );
    expect(document.title).toBe('Hymy – accounts');
  });

  it('never offers to remove the account one is signed in with', async () => {
    stubServer(listed());
    renderPage('en');
    await screen.findByRole('table');
    const removes = screen.getAllByRole('button', { name: /^Remove/ });
    expect(removes.map((button) => button.textContent)).toEqual(['Remove (nurse@example.fi)']);
  });

  it('adds a unit account with its units, language and password', async () => {
    const added: Account = {
      email: 'manager@example.fi',
      role: 'unit',
      units: ['khks-lapset', 'tyhja'],
      language: 'sv',
      password: true,
    };
    const fetch = stubServer({
      ...listed(),
      'POST /v1/admin/accounts': { status: 201, body: added },
    });
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    const form = within(screen.getByRole('region', { name: 'Add an account' }));
    await user.type(form.getByLabelText('E-mail'), ' Manager@example.fi ');
    expect(form.getByRole('radio', { name: 'Unit' })).toBeChecked();
    const units = within(form.getByRole('group', { name: 'Units' }));
    await user.click(units.getByRole('checkbox', { name: "Children's unit" }));
    await user.click(units.getByRole('checkbox', { name: 'Empty unit' }));
    await user.selectOptions(form.getByLabelText('Language of e-mails'), 'sv');
    const password = form.getByLabelText('Password (optional)');
    expect(password).toHaveAccessibleDescription(
      "At least 12 characters. Without a password the person signs in only through the county's identity provider.",
    );
    await user.type(password, 'a long enough password');
    await user.click(form.getByRole('button', { name: 'Add account' }));

    await vi.waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Account manager@example.fi added.'),
    );
    expect(changes(fetch)).toEqual([
      {
        method: 'POST',
        url: '/v1/admin/accounts',
        contentType: 'application/json',
        body: {
          email: 'Manager@example.fi',
          role: 'unit',
          units: ['khks-lapset', 'tyhja'],
          language: 'sv',
          password: 'a long enough password',
        },
      },
    ]);
    expect((await rows()).map((row) => row.slice(0, 3))).toEqual([
      ['county@example.fi (you)', 'County', 'All units'],
      ['manager@example.fi', 'Unit', "Children's unit, Empty unit"],
      ['nurse@example.fi', 'Unit', "Psychiatric clinic, Children's unit"],
    ]);
    // The form is empty again for the next one.
    expect(form.getByLabelText('E-mail')).toHaveValue('');
  });

  it('adds a county account without a password: no units, and it signs in through OpenID only', async () => {
    const fetch = stubServer({
      ...listed(),
      'POST /v1/admin/accounts': {
        status: 201,
        body: {
          email: 'boss@example.fi',
          role: 'county',
          units: [],
          language: 'fi',
          password: false,
        },
      },
    });
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('E-mail'), 'boss@example.fi');
    await user.click(screen.getByRole('radio', { name: 'County' }));
    expect(screen.queryByRole('group', { name: 'Units' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    await screen.findByText('Account boss@example.fi added.');
    expect(changes(fetch).map((change) => change.body)).toEqual([
      { email: 'boss@example.fi', role: 'county', units: [], language: 'fi' },
    ]);
    expect((await rows())[0]).toEqual([
      'boss@example.fi',
      'County',
      'All units',
      'Suomi',
      'Identity provider only',
      'Remove (boss@example.fi)',
    ]);
  });

  it('says what is wrong under each field, focuses the first, and sends nothing', async () => {
    const fetch = stubServer(listed());
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    const add = screen.getByRole('button', { name: 'Add account' });
    await user.type(screen.getByLabelText('Password (optional)'), 'too short');
    await user.click(add);
    const email = screen.getByLabelText('E-mail');
    expect(email).toHaveFocus();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription("Enter the person's e-mail address.");
    expect(screen.getByRole('group', { name: 'Units' })).toHaveAccessibleDescription(
      'Choose at least one unit for a unit account.',
    );
    expect(screen.getByLabelText('Password (optional)')).toHaveAccessibleDescription(
      /^The password is too short: it needs at least 12 characters\. Or leave it empty\. At least 12/,
    );

    await user.type(email, 'not an address');
    await user.click(add);
    expect(email).toHaveAccessibleDescription(
      'Enter a valid e-mail address, such as name@example.fi.',
    );
    expect(changes(fetch)).toEqual([]);
  });

  it.each([
    ['en', 'E-mail', 'Add account', 'An account with this e-mail already exists.'],
    ['fi', 'Sähköposti', 'Lisää käyttäjä', 'Tällä sähköpostiosoitteella on jo käyttäjä.'],
    ['sv', 'E-post', 'Lägg till konto', 'Det finns redan ett konto med den här e-postadressen.'],
  ] as const)(
    'in %s, says an e-mail already in use under the e-mail',
    async (language, label, add, text) => {
      stubServer({
        ...listed(),
        'POST /v1/admin/accounts': { status: 409, body: error('account_exists') },
      });
      renderPage(language);
      const user = userEvent.setup();
      await screen.findByRole('table');
      const form = within(screen.getAllByRole('region')[1]!);
      await user.type(form.getByLabelText(label), 'nurse@example.fi');
      await user.click(form.getAllByRole('radio')[1]!);
      await user.click(form.getByRole('button', { name: add }));
      const email = form.getByLabelText(label);
      await vi.waitFor(() => expect(email).toHaveAccessibleDescription(text));
      expect(email).toHaveFocus();
      expect(document.body).not.toHaveTextContent(/TypeError|internal/);
    },
  );

  it('says a refusal it cannot pin on a field in an alert, in words', async () => {
    stubServer({ ...listed(), 'POST /v1/admin/accounts': { status: 500, body: error('x') } });
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('E-mail'), 'x@example.fi');
    await user.click(screen.getByRole('radio', { name: 'County' }));
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    await vi.waitFor(() =>
      expect(
        screen
          .getAllByRole('alert')
          .map((alert) => alert.textContent)
          .join(''),
      ).toBe('The server could not answer. Try again in a moment.'),
    );
  });

  it("changes a unit account's units under its row and gives the focus back", async () => {
    const fetch = stubServer({
      ...listed(),
      'PATCH /v1/admin/accounts/nurse%40example.fi': (asked) => ({
        status: 200,
        body: {
          ...ACCOUNTS[1],
          units: (asked.body as { units: string[] }).units,
        },
      }),
    });
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    const open = screen.getByRole('button', { name: 'Change units (nurse@example.fi)' });
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    const editor = within(screen.getByRole('group', { name: 'Units of nurse@example.fi' }));
    expect(editor.getByRole('checkbox', { name: "Children's unit" })).toHaveFocus();
    expect(editor.getByRole('checkbox', { name: 'Psychiatric clinic' })).toBeChecked();

    // None chosen: refused here, nothing sent.
    await user.click(editor.getByRole('checkbox', { name: "Children's unit" }));
    await user.click(editor.getByRole('checkbox', { name: 'Psychiatric clinic' }));
    await user.click(screen.getByRole('button', { name: 'Save units' }));
    expect(
      screen.getByRole('group', { name: 'Units of nurse@example.fi' }),
    ).toHaveAccessibleDescription('Choose at least one unit for a unit account.');
    expect(changes(fetch)).toEqual([]);

    await user.click(editor.getByRole('checkbox', { name: 'Empty unit' }));
    await user.click(editor.getByRole('checkbox', { name: 'Psychiatric clinic' }));
    await user.click(screen.getByRole('button', { name: 'Save units' }));
    await screen.findByText('Units of nurse@example.fi saved.');
    expect(changes(fetch)).toEqual([
      {
        method: 'PATCH',
        url: '/v1/admin/accounts/nurse%40example.fi',
        contentType: 'application/json',
        body: { units: ['tyhja', 'psykiatria'] },
      },
    ]);
    expect((await rows())[1]?.[2]).toBe('Empty unit, Psychiatric clinic');
    expect(screen.queryByRole('group', { name: 'Units of nurse@example.fi' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Change units (nurse@example.fi)' })).toHaveFocus();
  });

  it('asks before removing an account: Escape cancels, and the focus comes back', async () => {
    const fetch = stubServer({
      ...listed(),
      'DELETE /v1/admin/accounts/nurse%40example.fi': { status: 204 },
    });
    renderPage('en');
    const user = userEvent.setup();
    await screen.findByRole('table');
    const remove = screen.getByRole('button', { name: 'Remove (nurse@example.fi)' });
    await user.click(remove);
    const question = screen.getByRole('group', { name: /^Remove the account nurse@example.fi\?/ });
    expect(question).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /^Remove the account/ })).toBeNull();
    expect(remove).toHaveFocus();
    expect(changes(fetch)).toEqual([]);

    // By keyboard: open, Tab to the confirmation, Enter.
    await user.keyboard('{Enter}');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Yes, remove' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await screen.findByText('Account nurse@example.fi removed.');
    expect(changes(fetch)).toEqual([
      {
        method: 'DELETE',
        url: '/v1/admin/accounts/nurse%40example.fi',
        contentType: undefined,
        body: undefined,
      },
    ]);
    expect((await rows()).map((row) => row[0])).toEqual(['county@example.fi (you)']);
    expect(screen.getByRole('region', { name: 'Accounts that may sign in' })).toHaveFocus();
  });

  it.each([
    ['en', 'You cannot remove the account you are signed in with.'],
    ['fi', 'Et voi poistaa käyttäjää, jolla olet itse kirjautuneena.'],
    ['sv', 'Du kan inte ta bort kontot som du själv är inloggad med.'],
  ] as const)(
    'in %s, says plainly when the server refuses an account removing itself',
    async (language, text) => {
      // The admin token has no e-mail of its own, so every account is offered; the server decides.
      stubServer({
        ...listed(),
        'DELETE /v1/admin/accounts/county%40example.fi': {
          status: 409,
          body: error('own_account'),
        },
      });
      renderPage(language, { ...ME, email: null });
      const user = userEvent.setup();
      await screen.findByRole('table');
      const [first] = screen.getAllByRole('button', { name: /county@example\.fi/ });
      await user.click(first!);
      await user.click(
        screen.getByRole('button', { name: /^(Yes, remove|Kyllä, poista|Ja, ta bort)$/ }),
      );
      await vi.waitFor(() =>
        expect(
          screen
            .getAllByRole('alert')
            .map((a) => a.textContent)
            .join(''),
        ).toBe(text),
      );
      expect((await rows()).map((row) => row[0])).toContain('county@example.fi');
    },
  );

  it.each([
    ['fi', 'Poistetaanko käyttäjä nurse@example.fi?', 'Poista (nurse@example.fi)'],
    ['sv', 'Ta bort kontot nurse@example.fi?', 'Ta bort (nurse@example.fi)'],
  ] as const)('asks the question in %s', async (language, question, button) => {
    stubServer(listed());
    renderPage(language);
    const user = userEvent.setup();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: button }));
    expect(
      screen.getByRole('group', { name: new RegExp(`^${question.replace('?', '\\?')}`) }),
    ).toHaveFocus();
  });

  it('says the Finnish and Swedish validation messages', async () => {
    for (const [language, add, email, units] of [
      [
        'fi',
        'Lisää käyttäjä',
        'Kirjoita henkilön sähköpostiosoite.',
        'Valitse yksikön käyttäjälle vähintään yksi yksikkö.',
      ],
      [
        'sv',
        'Lägg till konto',
        'Skriv personens e-postadress.',
        'Välj minst en enhet för ett enhetskonto.',
      ],
    ] as const) {
      stubServer(listed());
      const { unmount } = renderIn(
        language,
        <AccountsPage me={ME} onSignedOut={() => undefined} />,
      );
      await screen.findByRole('table');
      await userEvent.setup().click(screen.getByRole('button', { name: add }));
      expect(screen.getByText(email)).toBeInTheDocument();
      expect(screen.getByText(units)).toBeInTheDocument();
      unmount();
    }
  });

  it('goes back to the sign-in page when the session has ended', async () => {
    stubServer({
      ...listed(),
      'GET /v1/admin/accounts': { status: 401, body: error('unauthorized') },
    });
    const onSignedOut = renderPage('en');
    await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalled());
  });

  it('warns that an account without a password cannot sign in when the server has no identity provider', async () => {
    stubServer({ ...listed(), 'GET /v1/session/methods': { status: 404 } });
    renderPage('en');
    await screen.findByRole('table');
    expect(screen.getByLabelText('Password (optional)')).toHaveAccessibleDescription(
      /none is set up on this server yet: such an account cannot sign in for now\.$/,
    );
  });
});

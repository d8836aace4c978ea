import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Language } from './i18n/language';
import { SignInPage } from './SignInPage';
import { renderIn, stubFetch, type Answer } from './test-support';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A fetch that answers the session methods with 404 (no OpenID) and the login with `login`. */
function serverAnswering(login: Answer, methods: Answer = { status: 404 }) {
  return stubFetch(({ url }) => (url === '/v1/session/methods' ? methods : login));
}

function renderPage(language: Language, onSignedIn = vi.fn()) {
  renderIn(language, <SignInPage onSignedIn={onSignedIn} onLanguage={() => undefined} />);
  return onSignedIn;
}

function submit(email: string, password: string, labels = ['E-mail', 'Password', 'Sign in']) {
  fireEvent.change(screen.getByLabelText(labels[0]!), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(labels[1]!), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: labels[2] }));
}

const error = (code: string, message: string) => ({ error: { code, message } });

describe('the sign-in page', () => {
  it('signs in with the e-mail and password typed', async () => {
    const fetch = serverAnswering({ status: 204 });
    const onSignedIn = renderPage('en');
    submit(' someone@example.fi ', 'a long password');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    const login = fetch.mock.calls.find(([url]) => url === '/v1/session') as unknown as [
      string,
      RequestInit,
    ];
    expect(login[1].method).toBe('POST');
    expect(JSON.parse(login[1].body as string)).toEqual({
      email: 'someone@example.fi',
      password: 'a long password',
    });
  });

  it.each([
    [{ status: 401, body: error('bad_credentials', 'x') }, 'Wrong e-mail or password.'],
    [
      { status: 429, body: error('too_many_attempts', 'x') },
      'Too many attempts. Try again in 15 minutes.',
    ],
    [
      'network' as const,
      'The server could not be reached. Check the network connection and try again.',
    ],
    [
      { status: 500, body: error('internal', 'TypeError: at Object.<anonymous> (app.ts:1)') },
      'The server could not answer. Try again in a moment.',
    ],
  ])('shows %o as its meaning in an alert, never the server’s words', async (answer, text) => {
    serverAnswering(answer);
    const onSignedIn = renderPage('en');
    submit('someone@example.fi', 'wrong');
    // The alert region is there from the start (so that readers announce what comes into it).
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(text));
    expect(screen.getByRole('alert')).not.toHaveTextContent(/TypeError|anonymous|internal/);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('speaks Finnish and Swedish too', async () => {
    serverAnswering({ status: 429, body: error('too_many_attempts', 'x') });
    renderPage('fi');
    submit('a@b.fi', 'x', ['Sähköposti', 'Salasana', 'Kirjaudu sisään']);
    await vi.waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Liian monta yritystä. Yritä uudelleen 15 minuutin kuluttua.',
      ),
    );
  });

  it("offers the county's identity provider only when the server says it has one", async () => {
    serverAnswering({ status: 204 }, { status: 200, body: { password: true, oidc: true } });
    renderPage('sv');
    const link = await screen.findByRole('link', {
      name: 'Logga in med välfärdsområdets identifieringstjänst',
    });
    expect(link).toHaveAttribute('href', '/v1/session/oidc');
  });

  it('shows no identity provider when the server has no such endpoint', async () => {
    const fetch = serverAnswering({ status: 204 });
    renderPage('en');
    await vi.waitFor(() =>
      expect(fetch).toHaveBeenCalledWith('/v1/session/methods', expect.anything()),
    );
    expect(screen.queryByRole('link')).toBeNull();
  });

  it.each([
    ['en', /^Your session ended after 30 minutes without use/],
    ['fi', /^Istuntosi päättyi, koska palvelua ei käytetty 30 minuuttiin/],
    ['sv', /^Din session avslutades efter 30 minuter utan användning/],
  ] as const)(
    'says in %s why a person whose session ended is asked to sign in again',
    (language, text) => {
      serverAnswering({ status: 204 });
      renderIn(
        language,
        <SignInPage sessionEnded onSignedIn={() => undefined} onLanguage={() => undefined} />,
      );
      expect(screen.getByRole('status')).toHaveTextContent(text);
    },
  );

  it('says nothing of a session on an ordinary visit', () => {
    serverAnswering({ status: 204 });
    renderPage('en');
    expect(screen.queryByRole('status')).toBeNull();
  });
});

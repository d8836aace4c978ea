import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../core/accounts-api';
import { App } from './App';
import { renderIn, stubFetch } from './test-support';

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

/** A server that knows `me` (or nobody) and has no units to report. */
function serverFor(me: Me | null) {
  return stubFetch(({ url }) =>
    url === '/v1/me'
      ? me === null
        ? { status: 401, body: { error: { code: 'unauthorized', message: 'no session' } } }
        : { status: 200, body: me }
      : url.startsWith('/v1/reports/units')
        ? { status: 200, body: [] }
        : { status: 404, body: { error: { code: 'not_found', message: 'no' } } },
  );
}

function renderApp() {
  renderIn('en', <App />);
}

describe('the dashboard app', () => {
  it('sends a unit account that asks for a county page to its units, and says so in the address', async () => {
    serverFor({ email: 'manager@unit.example.fi', role: 'unit', units: ['a'] });
    history.replaceState(null, '', '/#/accounts');
    renderApp();
    await screen.findByRole('heading', { name: 'Units', level: 1 });
    expect(location.hash).toBe('#/units');
    expect(screen.queryByRole('link', { name: 'Accounts' })).toBeNull();
  });

  it('keeps the address of a page when nobody is signed in, to return to it after', async () => {
    serverFor(null);
    history.replaceState(null, '', '/#/terminals');
    renderApp();
    await screen.findByRole('heading', { name: 'Sign in to Hymy', level: 1 });
    expect(location.hash).toBe('#/terminals');
  });

  it('follows the address as the person moves between pages', async () => {
    serverFor({ email: 'staff@county.example.fi', role: 'county', units: [] });
    history.replaceState(null, '', '/#/units');
    renderApp();
    await screen.findByRole('heading', { name: 'Units', level: 1 });
    location.hash = '#/targets';
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'Targets' })).toHaveAttribute('aria-current', 'page'),
    );
    expect(screen.queryByRole('heading', { name: 'Units', level: 1 })).toBeNull();
  });

  it("opens a unit account's inbox, and warns on every page when e-mail is failing", async () => {
    stubFetch(({ path }) => {
      switch (path) {
        case '/v1/me':
          return {
            status: 200,
            body: { email: 'manager@unit.example.fi', role: 'unit', units: ['a'] },
          };
        case '/v1/mail/status':
          return {
            status: 200,
            body: {
              configured: true,
              pending: 2,
              failing: 2,
              lastError: { at: '2026-03-02T07:00:00.000Z', message: 'connection refused' },
            },
          };
        case '/v1/alerts':
          return { status: 200, body: [] };
        case '/v1/feedback':
        case '/v1/reports/units':
          return { status: 200, body: [] };
        default:
          return { status: 404 };
      }
    });
    history.replaceState(null, '', '/#/inbox');
    renderApp();
    await screen.findByRole('heading', { name: 'Inbox', level: 1 });
    expect(location.hash).toBe('#/inbox');
    expect(
      await screen.findByText(/^E-mail cannot be delivered: 2 messages are waiting/),
    ).toBeInTheDocument();
    expect(screen.getByText('connection refused')).toBeInTheDocument();
  });
});

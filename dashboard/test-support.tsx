import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { vi } from 'vitest';
import { createDashboardI18n } from './i18n/i18n';
import type { Language } from './i18n/language';

/**
 * What the dashboard's component tests share: a stand-in for the server behind `fetch`, and a
 * render in one of the three languages. (Each test file still calls `vi.unstubAllGlobals()`
 * after each test, so that what it stubs is visible where it is stubbed.)
 */

/** The space fi and sv write before "%", which a test's expected text must spell out. */
export const NBSP = '\u00a0';

/** What the stand-in server answers: a status with a JSON body (or none), or no network. */
export type Answer = { status: number; body?: unknown } | 'network';

/** One request as the stand-in server sees it. */
export type Asked = {
  method: string;
  /** As asked, query and all. */
  url: string;
  path: string;
  query: URLSearchParams;
  /** The JSON body sent, parsed; undefined when none was sent. */
  body: unknown;
  init: RequestInit;
};

/** An answer that does not depend on the request, or one worked out from it. */
export type Handler = Answer | ((asked: Asked) => Answer);

/**
 * Puts a stand-in for `fetch` in place that answers each request with `answer(asked)`, and
 * returns the mock so that a test can read what was sent.
 */
export function stubFetch(answer: (asked: Asked) => Answer) {
  const fetch = vi.fn((url: string, init: RequestInit = {}) => {
    const parsed = new URL(url, 'http://dashboard.test');
    const given = answer({
      method: init.method ?? 'GET',
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      init,
    });
    if (given === 'network') {
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    return Promise.resolve(
      new Response(given.body === undefined ? null : JSON.stringify(given.body), {
        status: given.status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** A stand-in server answering by method and path (`'GET /v1/me'`); anything else is a 404. */
export function stubServer(routes: Record<string, Handler>) {
  return stubFetch((asked) => {
    const handler = routes[`${asked.method} ${asked.path}`] ?? { status: 404 };
    return typeof handler === 'function' ? handler(asked) : handler;
  });
}

/** Renders `element` with the dashboard's words in `language`. */
export function renderIn(language: Language, element: ReactElement): RenderResult {
  return render(<I18nextProvider i18n={createDashboardI18n(language)}>{element}</I18nextProvider>);
}

import axe from 'axe-core';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../html';
import { pageLanguage, refusalPage, type PageLanguage, type RefusalKind } from './oidc-page';

const KINDS: RefusalKind[] = ['no_account', 'email_unverified', 'attempt_broken', 'provider_down'];
const LANGUAGES: PageLanguage[] = ['fi', 'sv', 'en'];

type AxeWindow = { axe: typeof axe };

describe('the page of a refused OpenID Connect login', () => {
  it.each([
    [undefined, 'fi'],
    ['', 'fi'],
    ['de-DE,de;q=0.9', 'fi'],
    ['en-GB,en;q=0.9,fi;q=0.8', 'en'],
    ['sv-FI', 'sv'],
    ['de, fi;q=0.5, sv;q=0.7', 'sv'],
    ['EN;q=0.2, fi;q=0', 'en'],
    ['*', 'fi'],
  ])('Accept-Language %j is answered in %s', (header, language) => {
    expect(pageLanguage(header)).toBe(language);
  });

  it('escapes what it is given', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('passes axe in every language and for every reason', async () => {
    for (const language of LANGUAGES) {
      for (const kind of KINDS) {
        const dom = new JSDOM(refusalPage(kind, language), { runScripts: 'outside-only' });
        dom.window.eval(axe.source);
        const results = await (dom.window as unknown as AxeWindow).axe.run(
          dom.window.document.documentElement,
          {
            runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
            // jsdom lays nothing out: contrast cannot be measured here (the page has no colours).
            rules: { 'color-contrast': { enabled: false } },
          },
        );
        expect(
          results.violations.map((violation) => violation.id),
          `${kind} in ${language}`,
        ).toEqual([]);
        const document = dom.window.document;
        expect(document.documentElement.lang).toBe(language);
        expect(document.title).not.toBe('');
        expect(document.querySelectorAll('main h1')).toHaveLength(1);
        expect(document.querySelector('main a[href="/"]')).not.toBeNull();
        dom.window.close();
      }
    }
  });
});

import { escapeHtml } from '../html';
import { negotiateLanguage } from '../public/language';

/**
 * The page a person sees when a login through the county's identity provider is refused: a
 * browser arrives at the callback by a redirect, so the answer is HTML, not the API's JSON. In
 * Finnish, Swedish or English by `Accept-Language` (Finnish unless another is preferred); one
 * sentence of what happened and what to do, and a link to the front page. It echoes nothing of
 * the request, and never a token or an error's text.
 */

export type PageLanguage = 'fi' | 'sv' | 'en';

/** Why the login was refused, as the person needs to know it. */
export type RefusalKind = 'no_account' | 'email_unverified' | 'attempt_broken' | 'provider_down';

export const REFUSAL_STATUS: Record<RefusalKind, number> = {
  no_account: 403,
  email_unverified: 403,
  attempt_broken: 400,
  provider_down: 502,
};

type Texts = { title: string; sentence: string };

const TEXTS: Record<PageLanguage, Record<RefusalKind, Texts> & { back: string }> = {
  fi: {
    no_account: {
      title: 'Kirjautuminen estetty',
      sentence:
        'Sähköpostiosoitteellasi ei ole Hymy-käyttäjätiliä, joten kirjautuminen estettiin; pyydä organisaatiosi Hymy-ylläpitäjää lisäämään tili ja kirjaudu sitten uudelleen.',
    },
    email_unverified: {
      title: 'Kirjautuminen estetty',
      sentence:
        'Tunnistuspalvelusi ei ole vahvistanut sähköpostiosoitettasi, joten kirjautuminen estettiin; pyydä organisaatiosi IT-tukea vahvistamaan osoite ja kirjaudu sitten uudelleen.',
    },
    attempt_broken: {
      title: 'Kirjautuminen keskeytyi',
      sentence:
        'Tämä kirjautumisyritys on vanhentunut tai keskeytynyt; palaa etusivulle ja kirjaudu uudelleen.',
    },
    provider_down: {
      title: 'Tunnistuspalveluun ei saatu yhteyttä',
      sentence:
        'Hymy ei saanut yhteyttä organisaatiosi tunnistuspalveluun; yritä hetken kuluttua uudelleen tai kirjaudu salasanalla, jos sinulla on sellainen.',
    },
    back: 'Etusivulle',
  },
  sv: {
    no_account: {
      title: 'Inloggningen nekades',
      sentence:
        'Din e-postadress har inget Hymy-konto, så inloggningen nekades; be din organisations Hymy-administratör att lägga till kontot och logga sedan in igen.',
    },
    email_unverified: {
      title: 'Inloggningen nekades',
      sentence:
        'Din identitetstjänst har inte bekräftat din e-postadress, så inloggningen nekades; be din organisations IT-stöd att bekräfta adressen och logga sedan in igen.',
    },
    attempt_broken: {
      title: 'Inloggningen avbröts',
      sentence:
        'Det här inloggningsförsöket har gått ut eller avbrutits; gå tillbaka till startsidan och logga in igen.',
    },
    provider_down: {
      title: 'Identitetstjänsten kunde inte nås',
      sentence:
        'Hymy fick ingen kontakt med din organisations identitetstjänst; försök igen om en stund, eller logga in med lösenord om du har ett.',
    },
    back: 'Till startsidan',
  },
  en: {
    no_account: {
      title: 'Sign-in refused',
      sentence:
        'Your e-mail address has no Hymy account, so the sign-in was refused; ask your organisation’s Hymy administrator to add the account, then sign in again.',
    },
    email_unverified: {
      title: 'Sign-in refused',
      sentence:
        'Your identity provider has not verified your e-mail address, so the sign-in was refused; ask your organisation’s IT support to verify it, then sign in again.',
    },
    attempt_broken: {
      title: 'Sign-in interrupted',
      sentence:
        'This sign-in attempt has expired or was interrupted; go back to the front page and sign in again.',
    },
    provider_down: {
      title: 'The identity provider could not be reached',
      sentence:
        'Hymy could not reach your organisation’s identity provider; try again in a while, or sign in with a password if you have one.',
    },
    back: 'Back to the front page',
  },
};

const LANGUAGES: readonly PageLanguage[] = ['fi', 'sv', 'en'];

/**
 * The first of fi, sv and en that `Accept-Language` prefers (by q, then by order; `fi-FI`
 * counts as `fi`), else Finnish.
 */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  return negotiateLanguage(acceptLanguage, LANGUAGES, 'fi');
}

/** The refusal page in `language`: a whole HTML document. */
export function refusalPage(kind: RefusalKind, language: PageLanguage): string {
  const texts = TEXTS[language];
  const { title, sentence } = texts[kind];
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} – Hymy</title>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(sentence)}</p>`,
    `<p><a href="/">${escapeHtml(texts.back)}</a></p>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Headers for the page: nothing runs or loads on it, no site may frame it, and the link back
 * sends no Referer (the callback's URL carried the provider's code).
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

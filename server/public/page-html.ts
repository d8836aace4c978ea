import { escapeHtml } from '../html';
import type { InLanguage, PublicLanguage } from './language';

/**
 * The little the public page's HTML is made of: escaping (every text from outside, a unit's
 * name, a question, a note, is untrusted), text marked with its language when it is not the
 * page's, and the page's own links.
 */

/** ` lang="sv"` when the text is not in the page's language, else nothing. */
export function langAttribute(text: InLanguage, page: PublicLanguage): string {
  return text.lang === page ? '' : ` lang="${escapeHtml(text.lang)}"`;
}

/** The text escaped, in a `<span lang>` when it is not in the page's language. */
export function inLanguage(text: InLanguage, page: PublicLanguage): string {
  const escaped = escapeHtml(text.text);
  return text.lang === page ? escaped : `<span${langAttribute(text, page)}>${escaped}</span>`;
}

/** The period a page was asked for, as the query gave it (already checked). */
export type PeriodQuery = { from?: string | undefined; to?: string | undefined };

function withQuery(path: string, params: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) {
      search.set(name, value);
    }
  }
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** The page of `unitId` in `lang`, keeping the period asked for. */
export function pageHref(unitId: string, lang: PublicLanguage, period: PeriodQuery = {}): string {
  return withQuery(`/public/units/${encodeURIComponent(unitId)}`, { lang, ...period });
}

/** The same results as JSON (`GET /public/v1/units/{unitId}`). */
export function jsonHref(unitId: string, period: PeriodQuery = {}): string {
  return withQuery(`/public/v1/units/${encodeURIComponent(unitId)}`, { ...period });
}

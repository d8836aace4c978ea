import type { LocalizedText } from '../../core/localized';

/**
 * Which language a page for the public speaks: the one asked for by name (`?lang=`), else the
 * best of the browser's `Accept-Language` that we have, else Finnish. Pure, for any page the
 * server draws itself (the public results, a poster, an error).
 */

export const PUBLIC_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number];

export function isPublicLanguage(value: unknown): value is PublicLanguage {
  return (PUBLIC_LANGUAGES as readonly unknown[]).includes(value);
}

/** A header longer than this is a mistake or an attack: only its start is read. */
const MAX_HEADER_CHARS = 1000;
const MAX_RANGES = 32;

type Range = { primary: string; q: number; index: number };

/** `sv-FI;q=0.8` → `{ primary: 'sv', q: 0.8 }`; a q that is not 0…1 drops the range. */
function parseRange(part: string, index: number): Range | undefined {
  const [tag = '', ...params] = part.split(';').map((piece) => piece.trim());
  const primary = tag.toLowerCase().split('-')[0] ?? '';
  if (!/^([a-z]{1,8}|\*)$/.test(primary)) {
    return undefined;
  }
  let q = 1;
  for (const param of params) {
    const match = /^q\s*=\s*([01](\.\d{0,3})?)$/i.exec(param);
    if (match?.[1] !== undefined) {
      q = Number(match[1]);
    } else if (/^q\s*=/i.test(param)) {
      return undefined;
    }
  }
  return q > 0 && q <= 1 ? { primary, q, index } : undefined;
}

/**
 * The best of `supported` for an `Accept-Language` header (RFC 9110 §12.5.4, matched by primary
 * subtag: `sv-FI` takes `sv`), or `fallback`. Ties go to the range written first; `*` takes
 * the fallback.
 */
export function negotiateLanguage<L extends string>(
  header: string | undefined,
  supported: readonly L[],
  fallback: L,
): L {
  const ranges = (header ?? '')
    .slice(0, MAX_HEADER_CHARS)
    .split(',')
    .slice(0, MAX_RANGES)
    .map((part, index) => parseRange(part, index))
    .filter((range): range is Range => range !== undefined)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { primary } of ranges) {
    if (primary === '*') {
      return fallback;
    }
    const found = supported.find((language) => language === primary);
    if (found !== undefined) {
      return found;
    }
  }
  return fallback;
}

/** The page's language: `?lang=` when it names one of ours, else the header's best, else fi. */
export function publicPageLanguage(
  lang: string | undefined,
  acceptLanguage: string | undefined,
): PublicLanguage {
  return isPublicLanguage(lang) ? lang : negotiateLanguage(acceptLanguage, PUBLIC_LANGUAGES, 'fi');
}

/** A text and the language it is in (which may not be the page's). */
export type InLanguage = { text: string; lang: string };

/**
 * Untrusted multilingual text (a unit's name, a question, a note) in `language`, else in
 * Finnish, else in whichever language it has; undefined when it has none.
 */
export function pickLocalized(
  text: LocalizedText | null | undefined,
  language: string,
): InLanguage | undefined {
  if (text === null || text === undefined) {
    return undefined;
  }
  for (const lang of [language, 'fi']) {
    const found = text[lang];
    if (found !== undefined && found !== '') {
      return { text: found, lang };
    }
  }
  const [lang, found] = Object.entries(text).find(([, words]) => words !== '') ?? [];
  return lang === undefined || found === undefined ? undefined : { text: found, lang };
}

import en from '../../locales/en/public.json';
import fi from '../../locales/fi/public.json';
import sv from '../../locales/sv/public.json';
import type { PublicLanguage } from './language';

/**
 * The public page's words (`locales/<language>/public.json`), read on the server: the page
 * is drawn here, not by i18next in a browser. The compiler holds sv and en to fi's keys; the
 * locale tests hold their placeholders to fi's.
 */

export type PublicTexts = typeof fi;

const TEXTS: Record<PublicLanguage, PublicTexts> = { fi, sv, en };

export function publicTexts(language: PublicLanguage): PublicTexts {
  return TEXTS[language];
}

export { fill } from '../texts';

/**
 * `template` escaped as HTML with its placeholders filled by `html`, markup the caller has
 * already made safe (a question's text in a `<span lang>`).
 */
export function fillHtml(
  template: string,
  html: Readonly<Record<string, string>>,
  escape: (text: string) => string,
): string {
  let out = '';
  let at = 0;
  for (const match of template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
    const [whole, name = ''] = match;
    out += escape(template.slice(at, match.index));
    out += html[name] ?? escape(whole);
    at = match.index + whole.length;
  }
  return out + escape(template.slice(at));
}

import { escapeHtml } from '../html';
import { addDays, localTime } from '../../core/local-time';
import type { PublicNote, PublicResults } from '../../core/public-api';
import { pickLocalized, PUBLIC_LANGUAGES, type PublicLanguage } from './language';
import { pageFormat } from './page-format';
import { inLanguage, jsonHref, langAttribute, pageHref, type PeriodQuery } from './page-html';
import { questionSection, type QuestionContext } from './page-question';
import { PAGE_CSS } from './page-style';
import { fill, publicTexts, type PublicTexts } from './page-texts';

/**
 * `GET /public/units/{unitId}` as HTML (central-reports.md, "Public results"): a published
 * unit's results for citizens in fi, sv or en, whole without script (its charts are SVG drawn
 * here, each beside its table), from 320 px wide to print. It shows what the public JSON
 * shows and nothing more: the page cannot show what public-results.ts has already withheld.
 */

type Page = { language: PublicLanguage; title: string; body: string; head?: string };

function document({ language, title, body, head = '' }: Page): string {
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    head,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The skip link, the site's name and the language links (each language in its own words). */
function top(texts: PublicTexts, language: PublicLanguage, href: (l: PublicLanguage) => string) {
  const links = PUBLIC_LANGUAGES.map((l) => {
    const current = l === language ? ' aria-current="page"' : '';
    const name = escapeHtml(texts.language[l]);
    return `<li><a href="${escapeHtml(href(l))}" hreflang="${l}" lang="${l}"${current}>${name}</a></li>`;
  }).join('');
  return [
    `<a class="skip" href="#main">${escapeHtml(texts.page.skip)}</a>`,
    '<header class="top">',
    `<span class="site">${escapeHtml(texts.page.site)}</span>`,
    `<nav class="languages" aria-label="${escapeHtml(texts.page.languages)}"><ul>${links}</ul></nav>`,
    '</header>',
  ].join('\n');
}

/** "13 weeks: 31 August – 29 November 2026", from the whole weeks the results cover. */
function periodText(results: PublicResults, texts: PublicTexts, language: PublicLanguage) {
  const first = localTime(Date.parse(results.from), results.timeZone).date;
  const after = localTime(Date.parse(results.to), results.timeZone).date;
  const weeks = Math.round((Date.parse(after) - Date.parse(first)) / (7 * 86_400_000));
  const dates = pageFormat(language).dateRange(first, addDays(after, -1));
  return weeks === 1
    ? fill(texts.page.periodOne, { dates })
    : fill(texts.page.period, { count: weeks, dates });
}

function noteItem(note: PublicNote, texts: PublicTexts, language: PublicLanguage): string {
  const said = pickLocalized(note.youSaid, language);
  const did = pickLocalized(note.weDid, language);
  const month = escapeHtml(pageFormat(language).month(note.month));
  return [
    '<li>',
    `<p class="month"><time datetime="${escapeHtml(note.month)}">${month}</time></p>`,
    '<dl>',
    `<dt>${escapeHtml(texts.notes.youSaid)}</dt>`,
    `<dd>${said === undefined ? '' : inLanguage(said, language)}</dd>`,
    `<dt>${escapeHtml(texts.notes.weDid)}</dt>`,
    `<dd>${did === undefined ? '' : inLanguage(did, language)}</dd>`,
    '</dl>',
    '</li>',
  ].join('\n');
}

function notesSection(notes: readonly PublicNote[], texts: PublicTexts, language: PublicLanguage) {
  if (notes.length === 0) {
    return '';
  }
  return [
    '<section aria-labelledby="notes">',
    `<h2 id="notes">${escapeHtml(texts.notes.title)}</h2>`,
    `<ul class="notes">${notes.map((note) => noteItem(note, texts, language)).join('\n')}</ul>`,
    '</section>',
  ].join('\n');
}

function aboutSection(texts: PublicTexts, withNps: boolean): string {
  const { about } = texts;
  const paragraphs = [about.positive, about.interval, ...(withNps ? [about.nps] : [])];
  return [
    '<section aria-labelledby="about">',
    `<h2 id="about">${escapeHtml(about.title)}</h2>`,
    ...[...paragraphs, about.small, about.privacy].map((p) => `<p>${escapeHtml(p)}</p>`),
    '</section>',
  ].join('\n');
}

/** The whole page of a published unit's results. */
export function renderPublicPage(
  results: PublicResults,
  language: PublicLanguage,
  period: PeriodQuery = {},
): string {
  const texts = publicTexts(language);
  const ctx: QuestionContext = { language, texts, f: pageFormat(language) };
  const name = pickLocalized(results.name, language) ?? { text: results.unitId, lang: language };
  const href = (l: PublicLanguage) => pageHref(results.unitId, l, period);
  const json = escapeHtml(jsonHref(results.unitId, period));
  const alternates = PUBLIC_LANGUAGES.filter((l) => l !== language)
    .map((l) => `<link rel="alternate" hreflang="${l}" href="${escapeHtml(href(l))}">`)
    .concat(`<link rel="alternate" type="application/json" href="${json}">`)
    .join('\n');
  const questions =
    results.questions.length === 0
      ? `<p>${escapeHtml(texts.page.noQuestions)}</p>`
      : results.questions.map((q, index) => questionSection(q, index, ctx)).join('\n');
  const body = [
    top(texts, language, href),
    '<main id="main" tabindex="-1">',
    `<h1${langAttribute(name, language)}>${escapeHtml(name.text)}</h1>`,
    `<p class="subtitle">${escapeHtml(texts.page.subtitle)}</p>`,
    `<p class="period">${escapeHtml(periodText(results, texts, language))}</p>`,
    questions,
    notesSection(results.notes, texts, language),
    aboutSection(
      texts,
      results.questions.some((q) => q.nps !== undefined),
    ),
    '</main>',
    '<footer>',
    `<p><a href="${json}">${escapeHtml(texts.page.json)}</a></p>`,
    `<p>${escapeHtml(texts.page.updated)}</p>`,
    '</footer>',
  ].join('\n');
  return document({
    language,
    title: fill(texts.page.title, { unit: name.text }),
    head: alternates,
    body,
  });
}

export type ErrorPageKind = 'notFound' | 'badQuery' | 'unavailable';

/** A small page in the reader's language for a unit with no public results, a bad query, or a fault. */
export function renderErrorPage(
  kind: ErrorPageKind,
  language: PublicLanguage,
  unitId: string,
): string {
  const texts = publicTexts(language);
  const { error } = texts;
  const words: Record<ErrorPageKind, readonly [string, string]> = {
    notFound: [error.notFoundTitle, error.notFoundText],
    badQuery: [error.badQueryTitle, error.badQueryText],
    unavailable: [error.unavailableTitle, error.unavailableText],
  };
  const [title, sentence] = words[kind];
  const href = (l: PublicLanguage) => pageHref(unitId, l);
  const more =
    kind === 'badQuery'
      ? `<p><a href="${escapeHtml(href(language))}">${escapeHtml(error.badQueryLink)}</a></p>`
      : '';
  return document({
    language,
    title,
    body: [
      top(texts, language, href),
      '<main id="main" tabindex="-1">',
      `<h1>${escapeHtml(title)}</h1>`,
      `<p>${escapeHtml(sentence)}</p>`,
      more,
      '</main>',
    ].join('\n'),
  });
}

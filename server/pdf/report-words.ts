import en from '../../locales/en/reports.json';
import fi from '../../locales/fi/reports.json';
import sv from '../../locales/sv/reports.json';
import type { Interval } from '../../core/intervals';
import type { LocalizedText } from '../../core/localized';

/**
 * The words of the wall poster, the monthly report and its mail (`locales/<lang>/reports.json`),
 * and how their numbers are written in each language. Figures arrive computed (core/); this
 * only writes them down.
 */

export type ReportLanguage = 'fi' | 'sv' | 'en';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['fi', 'sv', 'en'];

export type ReportWords = typeof fi;

const WORDS: Record<ReportLanguage, ReportWords> = { fi, sv, en };

export function isReportLanguage(language: string): language is ReportLanguage {
  return (REPORT_LANGUAGES as readonly string[]).includes(language);
}

/** An account's language as the reports speak it: fi for any other. */
export function reportLanguage(language: string | undefined): ReportLanguage {
  return language !== undefined && isReportLanguage(language) ? language : 'fi';
}

export function wordsFor(language: ReportLanguage): ReportWords {
  return WORDS[language];
}

export { fill } from '../texts';

/** The text in `language`, else Finnish, else any; `fallback` when there is none. */
export function textIn(
  text: LocalizedText | null | undefined,
  language: string,
  fallback: string,
): string {
  if (text === null || text === undefined) {
    return fallback;
  }
  return text[language] ?? text['fi'] ?? Object.values(text)[0] ?? fallback;
}

function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** `YYYY-MM` as "marraskuu 2026" (long), "Marraskuu 2026" (title: a line's start) or "marras". */
export function monthName(
  month: string,
  language: ReportLanguage,
  form: 'long' | 'title' | 'short',
): string {
  const [year, number] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 2000, (number ?? 1) - 1, 15));
  const format = new Intl.DateTimeFormat(
    language,
    form === 'short'
      ? { month: 'short', timeZone: 'UTC' }
      : { month: 'long', year: 'numeric', timeZone: 'UTC' },
  );
  return form === 'title' ? capitalized(format.format(date)) : format.format(date);
}

/** ISO weekday 1–7 as "ma", "mån", "Mon". */
export function weekdayName(weekday: number, language: ReportLanguage): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

/** A share (0–1) as a whole percentage: "87 %", "87%". */
export function percent(share: number, language: ReportLanguage): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}

/** An NPS value: "+42", "−8", "0". */
export function npsValue(value: number, language: ReportLanguage, digits = 0): string {
  return new Intl.NumberFormat(language, {
    maximumFractionDigits: digits,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** A count as the language groups digits: "1 234", "1,234". */
export function count(n: number, language: ReportLanguage): string {
  return new Intl.NumberFormat(language).format(n);
}

/** A share with its interval, "87 % (80–92 %)"; a dash for none. */
export function shareWithInterval(share: Interval | null, language: ReportLanguage): string {
  if (share === null) {
    return '–';
  }
  return `${percent(share.value, language)} (${percent(share.low, language)}–${percent(share.high, language)})`;
}

/** An NPS with its interval, "+42 (+20–+60)"; a dash for none. */
export function npsWithInterval(nps: Interval | null, language: ReportLanguage): string {
  if (nps === null) {
    return '–';
  }
  return `${npsValue(nps.value, language)} (${npsValue(nps.low, language, 1)}…${npsValue(nps.high, language, 1)})`;
}

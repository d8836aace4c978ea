import { addDays } from '../../core/local-time';
import type { PublicLanguage } from './language';
import { fill, publicTexts } from './page-texts';

/**
 * The public page's numbers and dates in its language: whole percents ("86 %" in Finnish, with
 * the no-break space Intl puts there; "86%" in English), NPS with its sign, weeks as ISO weeks
 * ("week 36, 2026"), the period and a note's month. Nothing here computes a figure: they come
 * from public-results.ts as they are.
 */

export type PageFormat = {
  /** 0.86 → "86 %". */
  percent(fraction: number): string;
  /** 0.8, 0.9 → "80–90 %". */
  percentRange(low: number, high: number): string;
  /** 42 → "+42", −12 → "−12". */
  nps(value: number): string;
  /** −12, 51 → "−12…+51" (fi), "−12 to +51" (en). */
  npsRange(low: number, high: number): string;
  /** 1234 → "1 234". */
  count(n: number): string;
  /** "2026-08-31" → "week 36, 2026". */
  week(monday: string): string;
  /** "2026-08-31" → "wk 36": the chart's axis. */
  weekShort(monday: string): string;
  /** First and last day, `YYYY-MM-DD` → "1 September – 29 November 2026". */
  dateRange(first: string, last: string): string;
  /** "2026-11" → "November 2026". */
  month(month: string): string;
};

/** English dates as Britain writes them (day first), like Finnish and Swedish. */
function locale(language: PublicLanguage): string {
  return language === 'en' ? 'en-GB' : language;
}

/** A calendar date as an instant at its UTC midnight: formatted in UTC, it stays that date. */
function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** The ISO week of a Monday: its number and the year its Thursday falls in. */
export function isoWeek(monday: string): { week: number; year: number } {
  const thursday = utcDate(addDays(monday, 3));
  const year = thursday.getUTCFullYear();
  const dayOfYear = (thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000;
  return { week: Math.floor(dayOfYear / 7) + 1, year };
}

const cache = new Map<PublicLanguage, PageFormat>();

export function pageFormat(language: PublicLanguage): PageFormat {
  const cached = cache.get(language);
  if (cached) {
    return cached;
  }
  const tag = locale(language);
  const texts = publicTexts(language);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const whole = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(tag, {
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  const days = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const months = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const made: PageFormat = {
    percent: (fraction) => percent.format(fraction),
    // The percent sign once, after the range, wherever the language puts it.
    percentRange: (low, high) => `${whole.format(low * 100)}–${percent.format(high)}`,
    nps: (value) => signed.format(value),
    npsRange: (low, high) =>
      fill(texts.question.npsRange, { low: signed.format(low), high: signed.format(high) }),
    count: (n) => whole.format(n),
    week: (monday) => fill(texts.chart.week, isoWeek(monday)),
    weekShort: (monday) => fill(texts.chart.axisWeek, { week: isoWeek(monday).week }),
    dateRange: (first, last) => days.formatRange(utcDate(first), utcDate(last)),
    month: (month) => months.format(utcDate(`${month}-01`)),
  };
  cache.set(language, made);
  return made;
}

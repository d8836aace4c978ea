/**
 * Times and lengths of time as a person reads them on the fleet page: words in the page's
 * language, dates in the browser's own variant of it where it has one (en-GB rather than en-US
 * for an English page read in Britain), in the browser's time zone.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The locale for dates: the browser's first locale of the page's language, else the language. */
export function dateLocale(language: string, browserLocales: readonly string[]): string {
  return (
    browserLocales.find(
      (locale) => locale.toLowerCase().split('-')[0] === language.toLowerCase(),
    ) ?? language
  );
}

type Step = { unit: 'second' | 'minute' | 'hour' | 'day'; ms: number };

/** Whole seconds under a minute, minutes under an hour, hours under two days, then days. */
function step(ms: number): Step {
  const size = Math.abs(ms);
  if (size < MINUTE_MS) {
    return { unit: 'second', ms: SECOND_MS };
  }
  if (size < HOUR_MS) {
    return { unit: 'minute', ms: MINUTE_MS };
  }
  if (size < 2 * DAY_MS) {
    return { unit: 'hour', ms: HOUR_MS };
  }
  return { unit: 'day', ms: DAY_MS };
}

/**
 * "3 hours ago", "2 days ago", "now". Rounded down, so a terminal silent for 2 h 59 min reads
 * "2 hours ago", as the 2-hour rule sees it; under a minute is "now".
 */
export function relativeTime(thenMs: number, nowMs: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const elapsed = nowMs - thenMs;
  if (Math.abs(elapsed) < MINUTE_MS) {
    return format.format(0, 'second');
  }
  const { unit, ms } = step(elapsed);
  return format.format(-Math.trunc(elapsed / ms), unit);
}

/**
 * "3 hours", "2 days", "45 seconds": a length of time without a sign. Rounded down by default
 * (silent "for 2 hours" means at least 2); `nearest` for a measurement such as a clock's skew.
 */
export function durationText(
  ms: number,
  locale: string,
  rounding: 'down' | 'nearest' = 'down',
): string {
  const { unit, ms: size } = step(ms);
  const amount = Math.abs(ms) / size;
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(
    rounding === 'down' ? Math.trunc(amount) : Math.round(amount),
  );
}

/** "3.12.2025 klo 14.05", "3 Dec 2025, 14:05": date and time in the browser's time zone. */
export function absoluteTime(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(iso));
}

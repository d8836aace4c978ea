/**
 * The months a unit's poster and monthly report can be asked for: whole calendar months in the
 * unit's time zone (where the server buckets them), the current one first, never a future one.
 */

/** How many months the picker offers: this one and the 23 before it. */
export const OFFERED_MONTHS = 24;

/** `YYYY-MM` of `instant` in `timeZone`. */
export function monthOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(instant);
  const year = parts.find((part) => part.type === 'year')?.value ?? '';
  const month = parts.find((part) => part.type === 'month')?.value ?? '';
  return `${year}-${month}`;
}

/** The month `steps` months before `month` (`YYYY-MM`). */
export function monthBefore(month: string, steps = 1): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  const index = year * 12 + (number - 1) - steps;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The months offered at `now`, newest first: the current month, then the ones before it. */
export function recentMonths(now: Date, timeZone: string, count = OFFERED_MONTHS): string[] {
  const current = monthOf(now, timeZone);
  return Array.from({ length: count }, (_, steps) => monthBefore(current, steps));
}

/** "March 2026", "maaliskuu 2026", "mars 2026". */
export function monthName(month: string, language: string): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(language, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
  }).format(Date.UTC(year, number - 1, 1));
}

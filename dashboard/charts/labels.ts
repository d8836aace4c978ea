/**
 * The words and numbers on the charts' axes and in their tables, in the UI's language: a week by
 * its Monday, a weekday, an hour of the day. Pure, and cached per language like `format.ts`.
 */
export type Labels = {
  /** "2026-10-05" → "5.10." (fi), "5/10" (sv), "05/10" (en): an axis's short week. */
  weekShort(date: string): string;
  /** "2026-10-05" → "5.10.2026" (fi), "5 okt. 2026" (sv), "5 Oct 2026" (en). */
  weekLong(date: string): string;
  /** 1 → "ma" / "mån" / "Mon" (ISO weekday, 1 = Monday). */
  weekdayShort(weekday: number): string;
  /** 1 → "maanantai" / "måndag" / "Monday". */
  weekdayLong(weekday: number): string;
  /** 8 → "08". */
  hourShort(hour: number): string;
  /** 8 → "08.00–08.59" (fi), "08:00–08:59" (sv, en). */
  hourRange(hour: number): string;
};

/** English dates and times as Britain writes them (day first, 24 hours), like the other two. */
function locale(language: string): string {
  return language === 'en' ? 'en-GB' : language;
}

/** A calendar date as an instant at its UTC midnight: formatted in UTC, it stays that date. */
function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** 1 January 2024 was a Monday. */
const weekdayDate = (weekday: number) => new Date(Date.UTC(2024, 0, weekday));
const hourDate = (hour: number, minute: number) => new Date(Date.UTC(2024, 0, 1, hour, minute));

const cache = new Map<string, Labels>();

export function labels(language: string): Labels {
  const cached = cache.get(language);
  if (cached) {
    return cached;
  }
  const tag = locale(language);
  const short = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'numeric', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayShort = new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' });
  const dayLong = new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  const made: Labels = {
    weekShort: (date) => short.format(utcDate(date)),
    weekLong: (date) => long.format(utcDate(date)),
    weekdayShort: (weekday) => dayShort.format(weekdayDate(weekday)),
    weekdayLong: (weekday) => dayLong.format(weekdayDate(weekday)),
    hourShort: (hour) => String(hour).padStart(2, '0'),
    hourRange: (hour) => `${time.format(hourDate(hour, 0))}–${time.format(hourDate(hour, 59))}`,
  };
  cache.set(language, made);
  return made;
}

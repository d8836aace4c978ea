import type { LanguageCode } from '../../../core';

/**
 * Numbers, sizes and times as a technician in Finland reads them: Finnish and Swedish in their
 * Finnish forms, English in the British one; times in the terminal's own time zone.
 */
const REGIONS: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function localeOf(language: LanguageCode): string {
  return REGIONS[language] ?? language;
}

const MB = 1_000_000;
const GB = 1_000_000_000;

export function formatMegabytes(bytes: number, language: LanguageCode): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: bytes < 10 * MB ? 1 : 0,
  }).format(bytes / MB);
}

export function formatGigabytes(bytes: number, language: LanguageCode): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: 'gigabyte',
    maximumFractionDigits: 1,
  }).format(bytes / GB);
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * Free disk space in the binary units the config's `storage.reserveMb` counts in, so a reserve
 * of 50 reads "50 MB" beside the free space it is compared with.
 */
export function formatFreeSpace(bytes: number, language: LanguageCode): string {
  const giga = bytes >= GIB;
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: giga ? 'gigabyte' : 'megabyte',
    maximumFractionDigits: giga || bytes < 10 * MIB ? 1 : 0,
  }).format(bytes / (giga ? GIB : MIB));
}

export function formatPercent(share: number, language: LanguageCode): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'percent',
    maximumFractionDigits: share < 0.1 ? 1 : 0,
  }).format(share);
}

export function formatNumber(value: number, language: LanguageCode): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

/** A moment as date and time, to the minute; an unreadable one as it came. */
export function formatTime(at: string | number, language: LanguageCode): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) {
    return String(at);
  }
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(ms);
}

/** The clock on the wall: date and time to the second. */
export function formatClock(ms: number, language: LanguageCode): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(ms);
}

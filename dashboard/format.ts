import type { LocalizedText } from '../core/localized';
import type { UnitTarget } from '../core/accounts-api';
import type { IntervalFigure } from '../core/targets';

/**
 * The figures as a person reads them, in the UI's language: whole percents ("84 %" in Finnish,
 * with the non-breaking space Intl puts there; "84%" in English), NPS with its sign. The numbers
 * come from the server; nothing here computes a figure.
 */
export type Formatters = {
  /** 0.84 → "84 %". */
  percent(fraction: number): string;
  /** 0.7 → "70", the number of a percent without its sign (the low end of a range). */
  percentNumber(fraction: number): string;
  /** 0.78, 0.89 → "78–89 %". */
  percentRange(low: number, high: number): string;
  /** 0.8053 → "80,5 %": the rank score, one decimal so that near neighbours differ. */
  rankScore(fraction: number): string;
  /** 42 → "+42". */
  nps(value: number): string;
  /** 30.1, 51 → "+30–+51". */
  npsRange(low: number, high: number): string;
  /** 1234 → "1 234". */
  count(n: number): string;
};

const cache = new Map<string, Formatters>();

export function formatters(language: string): Formatters {
  const cached = cache.get(language);
  if (cached) {
    return cached;
  }
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const whole = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const rank = new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const signed = new Intl.NumberFormat(language, {
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  const made: Formatters = {
    percent: (fraction) => percent.format(fraction),
    percentNumber: (fraction) => whole.format(fraction * 100),
    // The percent sign once, after the range, wherever the language puts it.
    percentRange: (low, high) => `${whole.format(low * 100)}–${percent.format(high)}`,
    rankScore: (fraction) => rank.format(fraction),
    nps: (value) => signed.format(value),
    npsRange: (low, high) => `${signed.format(low)}–${signed.format(high)}`,
    count: (n) => whole.format(n),
  };
  cache.set(language, made);
  return made;
}

/** "84 % (78–89 %)". */
export function shareText(f: Formatters, share: IntervalFigure): string {
  return `${f.percent(share.value)} (${f.percentRange(share.low, share.high)})`;
}

/** "+42 (+30–+51)". */
export function npsText(f: Formatters, nps: IntervalFigure): string {
  return `${f.nps(nps.value)} (${f.npsRange(nps.low, nps.high)})`;
}

/** A target's number in its measure's units: "70 %" or "+50". */
export function targetValueText(f: Formatters, target: UnitTarget): string {
  return target.measure === 'nps' ? f.nps(target.value) : f.percent(target.value);
}

/** A unit's name in the UI's language, else Finnish, else whichever language it has. */
export function unitName(name: LocalizedText, language: string, fallback: string): string {
  return name[language] ?? name['fi'] ?? Object.values(name)[0] ?? fallback;
}

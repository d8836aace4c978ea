import { npsInterval, wilson, type Interval } from './intervals';
import { isNegative, isPositive, scaleValues, type Scale } from './scales';

/**
 * The figures of central-reports.md for one question, from how many answers had each value:
 * shares with their Wilson interval, NPS with its adjusted Wald interval, a figure over no
 * answers null.
 */

export type Figures = {
  n: number;
  /** Every value of the scale, zeros included. */
  byValue: Record<string, number>;
  mean: number | null;
  positiveShare: Interval | null;
  negativeShare: Interval | null;
  /** nps11 only. */
  nps?: Interval | null;
};

/** The counts behind a share: what a week, a heat-map cell or a unit's row needs. */
export type Counts = { n: number; positive: number; negative: number };

export function countsOf(scale: Scale, byValue: ReadonlyMap<number, number>): Counts {
  const counts = { n: 0, positive: 0, negative: 0 };
  for (const [value, n] of byValue) {
    counts.n += n;
    if (isPositive(scale, value)) {
      counts.positive += n;
    }
    if (isNegative(scale, value)) {
      counts.negative += n;
    }
  }
  return counts;
}

/** NPS's promoters are nps11's positive answers and its detractors its negative ones. */
export function npsOf(counts: Counts): Interval | null {
  return npsInterval(counts.positive, counts.negative, counts.n);
}

export function figuresOf(scale: Scale, byValue: ReadonlyMap<number, number>): Figures {
  const shown: Record<string, number> = {};
  let sum = 0;
  for (const value of scaleValues(scale)) {
    shown[String(value)] = 0;
  }
  for (const [value, n] of byValue) {
    shown[String(value)] = (shown[String(value)] ?? 0) + n;
    sum += value * n;
  }
  const counts = countsOf(scale, byValue);
  const figures: Figures = {
    n: counts.n,
    byValue: shown,
    mean: counts.n === 0 ? null : Math.round((sum / counts.n) * 10_000) / 10_000,
    positiveShare: wilson(counts.positive, counts.n),
    negativeShare: wilson(counts.negative, counts.n),
  };
  if (scale === 'nps11') {
    figures.nps = npsOf(counts);
  }
  return figures;
}

import { isPositive, scaleValues, type Scale } from './scales';

export type Summary = {
  total: number;
  byValue: Record<string, number>;
  mean: number | null;
  positiveShare: number | null;
  /** Only for nps11: percent of 9–10 minus percent of 0–6, rounded, −100…100. */
  nps?: number | null;
};

/** The report figures of central-api.md for the values of one question. */
export function summarize(scale: Scale, values: readonly number[]): Summary {
  const counts = new Map<number, number>();
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return summarizeCounts(scale, counts);
}

/** The same figures from how many answers had each value (what the rollups keep). */
export function summarizeCounts(scale: Scale, counts: ReadonlyMap<number, number>): Summary {
  const byValue: Record<string, number> = {};
  for (const value of scaleValues(scale)) {
    byValue[String(value)] = 0;
  }
  let total = 0;
  let sum = 0;
  let positive = 0;
  let promoters = 0;
  let detractors = 0;
  for (const [value, n] of counts) {
    byValue[String(value)] = (byValue[String(value)] ?? 0) + n;
    total += n;
    sum += value * n;
    if (isPositive(scale, value)) {
      positive += n;
    }
    if (value >= 9) {
      promoters += n;
    } else if (value <= 6) {
      detractors += n;
    }
  }
  const summary: Summary = {
    total,
    byValue,
    mean: total === 0 ? null : sum / total,
    positiveShare: total === 0 ? null : positive / total,
  };
  if (scale === 'nps11') {
    // Math.round(-0.5) is -0: add 0 to keep JSON free of "-0".
    summary.nps = total === 0 ? null : Math.round(((promoters - detractors) * 100) / total) + 0;
  }
  return summary;
}

export function netPromoterScore(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  // Math.round(-0.5) is -0: add 0 to keep JSON free of "-0".
  return Math.round(((promoters - detractors) * 100) / values.length) + 0;
}

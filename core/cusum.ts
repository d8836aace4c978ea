/**
 * The Bernoulli CUSUM of negative answers behind a unit's alerts (central-reports.md, "Alerts"):
 * p0 is the unit's usual negative share, p1 = 2·p0/(1 + p0) the worse share worth hearing about
 * (the odds of a negative answer doubled). Each answer moves the sum by its log-likelihood ratio
 * of p1 against p0 (negative as core/scales.ts `isNegative`, the reports' negative values); the sum never goes below 0, and at h an alert opens and the sum restarts.
 */

export const CUSUM_THRESHOLD = 4;
/** A unit's own history counts as this many answers of the county's share (and is needed). */
export const BASELINE_PRIOR_WEIGHT = 50;
/** p0 with no history anywhere. */
export const BASELINE_DEFAULT = 0.15;
export const BASELINE_MIN = 0.02;
export const BASELINE_MAX = 0.5;
/** The history p0 is read from: these days, ending this many days before today. */
export const BASELINE_DAYS = 90;
export const BASELINE_GAP_DAYS = 14;

export type NegativeCounts = { negative: number; n: number };

/**
 * p0: the unit's negative share shrunk toward the county's with a prior of 50 answers; the
 * county's share alone when the unit has fewer than 50; 0.15 when the county has none either;
 * always within 0.02 … 0.5 (a p0 of 0 or 1 would make one answer decide everything).
 */
export function baselineNegativeShare(unit: NegativeCounts, county: NegativeCounts): number {
  const countyShare = county.n > 0 ? county.negative / county.n : BASELINE_DEFAULT;
  const share =
    unit.n < BASELINE_PRIOR_WEIGHT
      ? countyShare
      : (BASELINE_PRIOR_WEIGHT * countyShare + unit.negative) / (BASELINE_PRIOR_WEIGHT + unit.n);
  return Math.min(BASELINE_MAX, Math.max(BASELINE_MIN, share));
}

/** p1, the negative share the sum is looking for. */
export function alternativeShare(p0: number): number {
  return (2 * p0) / (1 + p0);
}

/** The sum after the last answer counted, and the answers since it last stood at 0. */
export type CusumState = { sum: number; runNegative: number; runAnswers: number };

export const CUSUM_START: CusumState = { sum: 0, runNegative: 0, runAnswers: 0 };

/** The two steps an answer can add for `p0`: computed once per batch, not per answer. */
export type CusumSteps = { negative: number; other: number };

export function cusumSteps(p0: number): CusumSteps {
  const p1 = alternativeShare(p0);
  return { negative: Math.log(p1 / p0), other: Math.log((1 - p1) / (1 - p0)) };
}

export type CusumStep = {
  state: CusumState;
  /** Set when this answer took the sum to h: the window the alert reports (this answer in it). */
  alarm?: { negativeInWindow: number; answersInWindow: number };
};

/** One answer counted. */
export function cusumStep(state: CusumState, negative: boolean, steps: CusumSteps): CusumStep {
  const sum = Math.max(0, state.sum + (negative ? steps.negative : steps.other));
  if (sum === 0) {
    return { state: CUSUM_START };
  }
  const runNegative = state.runNegative + (negative ? 1 : 0);
  const runAnswers = state.runAnswers + 1;
  if (sum >= CUSUM_THRESHOLD) {
    return {
      state: CUSUM_START,
      alarm: { negativeInWindow: runNegative, answersInWindow: runAnswers },
    };
  }
  return { state: { sum, runNegative, runAnswers } };
}

/**
 * Confidence intervals and shrinkage for the report figures (central-reports.md, "Figures" and
 * "Reports"). Pure arithmetic: the server, the dashboard and the public page all call these, so a
 * figure is computed one way everywhere.
 */

/** A figure with its 95 % interval; `low ≤ high` always. */
export type Interval = { value: number; low: number; high: number };

/** The normal quantile for a two-sided 95 % interval, as the spec fixes it. */
const Z = 1.96;

/**
 * Rounds half away from zero to `digits` decimals. A product like 0.12345 · 10⁴ can land a hair
 * below the half in binary, so values within 1e-9 of a half count as the half; `+ 0` keeps "-0"
 * out of JSON.
 */
export function roundHalfAwayFromZero(x: number, digits: number): number {
  const factor = 10 ** digits;
  const magnitude = Math.floor(Math.abs(x) * factor + 0.5 + 1e-9) / factor;
  return (x < 0 ? -magnitude : magnitude) + 0;
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

/**
 * The lower Wilson bound for `successes` of `n`. The upper bound is taken as 1 − the lower bound
 * of the failures, which is the same number mathematically and makes the interval mirror exactly
 * (wilson(k, n) against wilson(n − k, n)) even in floating point.
 */
function wilsonLowerBound(successes: number, n: number): number {
  const p = successes / n;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return clamp((centre - spread) / (1 + z2 / n), 0, 1);
}

/**
 * The share `successes / n` with its Wilson score interval at 95 %, as fractions with 4 decimals
 * (the share and the lower bound half away from zero; the upper bound as 1 − the rounded lower
 * bound of the failures, so an exact half there rounds down and the interval mirrors). Wilson rather than the textbook ±1.96·SE because our units are small and
 * often near 0 % or 100 %, where the textbook interval leaves [0, 1] or collapses to a point.
 * `null` for no answers: a share of nothing is not 0.
 */
export function wilson(successes: number, n: number): Interval | null {
  if (n === 0) {
    return null;
  }
  const low = roundHalfAwayFromZero(wilsonLowerBound(successes, n), 4);
  // Rounded before the subtraction, so an exact half (49 of 175: 0.21875 … 0.78125) rounds the
  // same way on both sides and the interval still mirrors: 0.2188 … 0.7812.
  const high = roundHalfAwayFromZero(
    1 - roundHalfAwayFromZero(wilsonLowerBound(n - successes, n), 4),
    4,
  );
  return { value: roundHalfAwayFromZero(successes / n, 4), low, high };
}

/**
 * The whole-number NPS exactly as core/metrics.ts `netPromoterScore` computes it, from counts
 * rather than values: a report reads counts from rollups and must print the same number.
 */
function wholeNps(promoters: number, detractors: number, n: number): number {
  return Math.round(((promoters - detractors) * 100) / n) + 0;
}

/**
 * NPS with the adjusted Wald interval at 95 % (central-reports.md): add 0.75 promoters, 1.5
 * passives and 0.75 detractors, n' = n + 3, centre p − d, half-width
 * 1.96·√((p + d − (p − d)²)/n'), clipped to −1…1, ×100, one decimal (half away from zero).
 * The pseudo-answers keep the interval sensible for the handful of answers a small unit gets.
 * Note: the interval is centred on the adjusted difference, so for very small n at the extremes
 * (e.g. one promoter: value 100, high 98.5) `value` can lie just outside it.
 */
export function npsInterval(promoters: number, detractors: number, n: number): Interval | null {
  if (n === 0) {
    return null;
  }
  const adjustedN = n + 3;
  const p = (promoters + 0.75) / adjustedN;
  const d = (detractors + 0.75) / adjustedN;
  const centre = p - d;
  const halfWidth = Z * Math.sqrt((p + d - centre * centre) / adjustedN);
  return {
    value: wholeNps(promoters, detractors, n),
    low: roundHalfAwayFromZero(clamp(centre - halfWidth, -1, 1) * 100, 1),
    high: roundHalfAwayFromZero(clamp(centre + halfWidth, -1, 1) * 100, 1),
  };
}

/**
 * A unit's share pulled toward the overall share: (w·overall + positives)/(w + n), 4 decimals.
 * Ranking units by this keeps a unit with three happy answers from topping a list of units with
 * hundreds (central-reports.md, `rankScore`, prior weight 30 answers).
 */
export function shrunkShare(
  positives: number,
  n: number,
  overallShare: number,
  priorWeight = 30,
): number {
  return roundHalfAwayFromZero((priorWeight * overallShare + positives) / (priorWeight + n), 4);
}

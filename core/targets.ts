import type { UnitTarget } from './accounts-api';

/** A figure with its 95 % interval, in the target's own units (a fraction, or NPS −100…100). */
export type IntervalFigure = { value: number; low: number; high: number };

/**
 * Where a figure's interval lies against a target: wholly `above` it, wholly `below` it, or
 * `across` it (the target inside the interval, its ends included: the data cannot tell).
 */
export type TargetStanding = 'above' | 'below' | 'across';

export function intervalVersusTarget(interval: IntervalFigure, target: number): TargetStanding {
  if (interval.low > target) {
    return 'above';
  }
  if (interval.high < target) {
    return 'below';
  }
  return 'across';
}

/**
 * A unit's standing against its target, judged on the measure the target names; null when the
 * unit has no target or no figure for that measure (no answers, or no NPS question).
 */
export function unitVersusTarget(
  figures: { positiveShare: IntervalFigure | null; nps?: IntervalFigure | null | undefined },
  target: UnitTarget | null,
): TargetStanding | null {
  if (target === null) {
    return null;
  }
  const figure = target.measure === 'nps' ? (figures.nps ?? null) : figures.positiveShare;
  return figure === null ? null : intervalVersusTarget(figure, target.value);
}

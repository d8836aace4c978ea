import type { IntervalFigure } from '../../core/targets';

/**
 * When a unit's figures need reading with care (issue 17): fewer than 30 answers, or a 95 %
 * interval wider than ±15 points (a share's half-width over 0.15, an NPS's over 15). Each reason
 * is given, so the page can say why in words.
 */
export const FEW_ANSWERS = 30;
export const WIDE_SHARE = 0.15;
export const WIDE_NPS = 15;

export type Caution =
  | { kind: 'fewAnswers'; n: number }
  | { kind: 'wideShare'; halfWidth: number; value: number }
  | { kind: 'wideNps'; halfWidth: number; value: number };

/** Rounded past float noise: the server's ends have 4 decimals (a share) or 1 (NPS). */
const halfWidth = (figure: IntervalFigure) =>
  Math.round(((figure.high - figure.low) / 2) * 1e9) / 1e9;

export function cautions(figures: {
  n: number;
  positiveShare: IntervalFigure | null;
  nps?: IntervalFigure | null | undefined;
}): Caution[] {
  if (figures.n === 0) {
    // Nothing to read with care: the page says there are no answers.
    return [];
  }
  const found: Caution[] = [];
  if (figures.n < FEW_ANSWERS) {
    found.push({ kind: 'fewAnswers', n: figures.n });
  }
  const share = figures.positiveShare;
  if (share !== null && halfWidth(share) > WIDE_SHARE) {
    found.push({ kind: 'wideShare', halfWidth: halfWidth(share), value: share.value });
  }
  const nps = figures.nps ?? null;
  if (nps !== null && halfWidth(nps) > WIDE_NPS) {
    found.push({ kind: 'wideNps', halfWidth: halfWidth(nps), value: nps.value });
  }
  return found;
}

import { z } from 'zod';

/** The answer scales of central-api.md. Values are whole numbers from `min` to `max`. */
export const SCALES = {
  smiley3: { min: 1, max: 3 },
  smiley4: { min: 1, max: 4 },
  smiley5: { min: 1, max: 5 },
  nps11: { min: 0, max: 10 },
  agree5: { min: 1, max: 5 },
} as const satisfies Record<string, { min: number; max: number }>;

export const ScaleSchema = z.enum(['smiley3', 'smiley4', 'smiley5', 'nps11', 'agree5']);
export type Scale = z.infer<typeof ScaleSchema>;

/** Every value of a scale, lowest first. */
export function scaleValues(scale: Scale): number[] {
  const { min, max } = SCALES[scale];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

export function isValueOnScale(scale: Scale, value: number): boolean {
  const { min, max } = SCALES[scale];
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Positive answers: the top two values, or the top one on a three-step scale (central-api.md). */
export function isPositive(scale: Scale, value: number): boolean {
  const { max } = SCALES[scale];
  if (scale === 'nps11') {
    return value >= 9;
  }
  return scale === 'smiley3' ? value === max : value >= max - 1;
}

/**
 * Negative answers: the bottom two values, the bottom one on a three-step scale, 0–6 on nps11
 * (central-reports.md, "Figures"). Not the complement of `isPositive`: the middle of a scale is
 * neither, and the report shows both shares.
 */
export function isNegative(scale: Scale, value: number): boolean {
  const { min } = SCALES[scale];
  if (scale === 'nps11') {
    return value <= 6;
  }
  return scale === 'smiley3' ? value === min : value <= min + 1;
}

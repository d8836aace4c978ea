import { UnitTargetSchema, type UnitTarget } from '../../core/accounts-api';
import type { UnitsReport } from '../../core/reports-api';

/** What the target form offers: a positive share, an NPS, or no target at all. */
export type TargetChoice = UnitTarget['measure'] | 'none';

export type TargetInputError = 'percentRange' | 'npsRange';

/**
 * Whether a unit may be given an NPS target: its question is asked on the 0–10 scale, or it
 * already has one (so that the form can show what is there).
 */
export function offersNps(row: Pick<UnitsReport[number], 'scale' | 'target'>): boolean {
  return row.scale === 'nps11' || row.target?.measure === 'nps';
}

/** "70", "70,5", "70.5 %", "−20", "+50": a number as a person types it, or null. */
function typedNumber(text: string): number | null {
  const cleaned = text
    .replace(/[\s\u00a0\u202f%]/g, '')
    .replace('\u2212', '-')
    .replace(',', '.');
  return /^[+-]?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

/**
 * The target the form says, as the API takes it: a positive share typed as a percentage 0–100
 * and sent as a fraction 0–1; an NPS −100…100; or null, which removes the target.
 */
export function parseTargetInput(
  choice: TargetChoice,
  text: string,
): { ok: true; target: UnitTarget | null } | { ok: false; error: TargetInputError } {
  if (choice === 'none') {
    return { ok: true, target: null };
  }
  const typed = typedNumber(text);
  const target: UnitTarget | null =
    typed === null
      ? null
      : choice === 'positiveShare'
        ? { measure: choice, value: Math.round(typed * 100) / 10_000 }
        : { measure: choice, value: Math.round(typed * 10) / 10 };
  if (target === null || !UnitTargetSchema.safeParse(target).success) {
    return { ok: false, error: choice === 'positiveShare' ? 'percentRange' : 'npsRange' };
  }
  return { ok: true, target };
}

/** A target as the form's field shows it: 0.7 → "70", 0.705 → "70,5" in Finnish, NPS as is. */
export function targetInputText(target: UnitTarget | null, language: string): string {
  if (target === null) {
    return '';
  }
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2, useGrouping: false });
  return number.format(target.measure === 'positiveShare' ? target.value * 100 : target.value);
}

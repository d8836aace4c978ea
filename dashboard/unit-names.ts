import type { LocalizedText } from '../core/localized';
import { fetchUnitsReport, type Result } from './api';
import { unitName } from './format';

/** A unit the account may see, with its names as its newest config gives them. */
export type NamedUnit = { unitId: string; name: LocalizedText };

const HOUR_MS = 3_600_000;

/**
 * The units the account may see, with their names: the units report lists them all (answers or
 * not), and its last hour is the cheapest range to ask for, since only the names are wanted.
 */
export async function fetchUnitNames(now: Date): Promise<Result<NamedUnit[]>> {
  const report = await fetchUnitsReport({
    from: new Date(now.getTime() - HOUR_MS).toISOString(),
    to: new Date(now.getTime() + 1).toISOString(),
  });
  return report.ok
    ? { ok: true, value: report.value.map(({ unitId, name }) => ({ unitId, name })) }
    : report;
}

/** A unit's name in the UI's language; a unit nobody named shows by its id. */
export function nameOfUnit(units: readonly NamedUnit[], unitId: string, language: string): string {
  const unit = units.find((known) => known.unitId === unitId);
  return unit === undefined ? unitId : unitName(unit.name, language, unitId);
}

/**
 * The units a filter offers: the account's own (`GET /v1/me` lists every unit for a county), and
 * any other the report named, by name in the UI's language.
 */
export function unitChoices(
  own: readonly string[],
  units: readonly NamedUnit[],
  language: string,
): { unitId: string; name: string }[] {
  const ids = new Set([...own, ...units.map((unit) => unit.unitId)]);
  const collator = new Intl.Collator(language);
  return [...ids]
    .map((unitId) => ({ unitId, name: nameOfUnit(units, unitId, language) }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.unitId < b.unitId ? -1 : 1));
}

import type { UnitsReport } from '../../core/reports-api';
import { unitName } from '../format';

/** A unit an account may be given, named in the UI's language. */
export type KnownUnit = { id: string; name: string };

/**
 * The units a county may give an account: those of the units report (named), and any other id
 * it knows of (`GET /v1/me` lists every unit for a county; an account may hold a unit the
 * report has not met yet), shown by its id. Sorted by name in the UI's language.
 */
export function knownUnits(
  report: UnitsReport | null,
  otherIds: Iterable<string>,
  language: string,
): KnownUnit[] {
  const byId = new Map<string, KnownUnit>();
  for (const row of report ?? []) {
    byId.set(row.unitId, { id: row.unitId, name: unitName(row.name, language, row.unitId) });
  }
  for (const id of otherIds) {
    if (!byId.has(id)) {
      byId.set(id, { id, name: id });
    }
  }
  const collator = new Intl.Collator(language);
  return [...byId.values()].sort(
    (a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1),
  );
}

/** An account's units by name, in the order of `units`; an id nobody named stays an id. */
export function unitNamesOf(ids: readonly string[], units: readonly KnownUnit[]): string[] {
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  return ids.map((id) => names.get(id) ?? id);
}

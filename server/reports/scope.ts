import { DEFAULT_TIME_ZONE } from '../../core/local-time';
import type { Database } from '../database';
import type { Schema } from '../database/schema';
import type { Transaction } from 'kysely';
import type { Executor } from '../store/executor';

/** Where a report reads: the units it covers, grouped by time zone, in one snapshot. */

export type ZoneGroup = { timeZone: string; unitIds: string[] };

/** The units, grouped by time zone; a unit without a row (never configured) has the default. */
export async function zoneGroups(db: Executor, unitIds?: readonly string[]): Promise<ZoneGroup[]> {
  let query = db.selectFrom('units').select(['id', 'time_zone']);
  if (unitIds !== undefined) {
    if (unitIds.length === 0) {
      return [];
    }
    query = query.where('id', 'in', unitIds);
  }
  const rows = await query.orderBy('id').execute();
  const zones = new Map<string, string[]>();
  const known = new Set<string>();
  for (const row of rows) {
    known.add(row.id);
    zones.set(row.time_zone, [...(zones.get(row.time_zone) ?? []), row.id]);
  }
  for (const id of unitIds ?? []) {
    if (!known.has(id)) {
      zones.set(DEFAULT_TIME_ZONE, [...(zones.get(DEFAULT_TIME_ZONE) ?? []), id]);
    }
  }
  return [...zones.entries()].map(([timeZone, ids]) => ({ timeZone, unitIds: ids }));
}

/**
 * Runs a report's queries in one read transaction on the read connections: every tally sees
 * the same answers (PostgreSQL: REPEATABLE READ; SQLite: one WAL snapshot), and none of it
 * runs on the connection uploads are written through.
 */
export function readSnapshot<T>(
  database: Database,
  work: (trx: Transaction<Schema>) => Promise<T>,
): Promise<T> {
  const transaction = database.read.transaction();
  return (
    database.engine === 'postgres' ? transaction.setIsolationLevel('repeatable read') : transaction
  ).execute(work);
}

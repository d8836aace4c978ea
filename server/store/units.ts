import { UnitTargetSchema, type UnitTarget } from '../../core/accounts-api';
import { LocalizedTextSchema, type LocalizedText } from '../../core/localized';
import type { Executor } from './executor';
import { storedJson } from './stored-json';

/**
 * Units as the configs made for them name them. A unit's row is made with its first enrollment
 * code and follows the newest config: its name and the first question of its survey (what the
 * all-units comparison shows). Its time zone buckets its reports.
 */

export type UnitRecord = {
  id: string;
  name: LocalizedText;
  timeZone: string;
  firstQuestionId: string | null;
  /** Set by a county account (`PATCH /v1/admin/units/{unitId}`); null for none. */
  target: UnitTarget | null;
  /** Whether its results are public (`GET /public/v1/units/{unitId}`). */
  public: boolean;
};

export type UnitSeen = {
  id: string;
  name: LocalizedText;
  firstQuestionId: string;
  at: string;
};

type Row = {
  id: string;
  name_json: string;
  time_zone: string;
  first_question_id: string | null;
  target_json: string | null;
  public: number;
};

/** A stored name; unreadable reads as no name. */
export function unitName(json: string): LocalizedText {
  return storedJson(LocalizedTextSchema, json) ?? {};
}

/** A stored target; unreadable reads as none. */
export function unitTarget(json: string | null): UnitTarget | null {
  return storedJson(UnitTargetSchema, json);
}

function toUnit(row: Row): UnitRecord {
  return {
    id: row.id,
    name: unitName(row.name_json),
    timeZone: row.time_zone,
    firstQuestionId: row.first_question_id,
    target: unitTarget(row.target_json),
    public: row.public === 1,
  };
}

export function createUnitStore(db: Executor) {
  const units = () =>
    db
      .selectFrom('units')
      .select(['id', 'name_json', 'time_zone', 'first_question_id', 'target_json', 'public']);
  return {
    /** A config was made for the unit: keep its newest name and first question. */
    seen: async (unit: UnitSeen): Promise<void> => {
      await db
        .insertInto('units')
        .values({
          id: unit.id,
          name_json: JSON.stringify(unit.name),
          first_question_id: unit.firstQuestionId,
          created_at: unit.at,
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            name_json: JSON.stringify(unit.name),
            first_question_id: unit.firstQuestionId,
          }),
        )
        .execute();
    },
    byId: async (id: string): Promise<UnitRecord | undefined> => {
      const row = await units().where('id', '=', id).executeTakeFirst();
      return row ? toUnit(row) : undefined;
    },
    list: async (): Promise<UnitRecord[]> => (await units().orderBy('id').execute()).map(toUnit),
    setTarget: async (id: string, target: UnitTarget | null): Promise<void> => {
      await db
        .updateTable('units')
        .set({ target_json: target === null ? null : JSON.stringify(target) })
        .where('id', '=', id)
        .execute();
    },
    setPublic: async (id: string, published: boolean): Promise<void> => {
      await db
        .updateTable('units')
        .set({ public: published ? 1 : 0 })
        .where('id', '=', id)
        .execute();
    },
    setTimeZone: async (id: string, timeZone: string): Promise<void> => {
      await db.updateTable('units').set({ time_zone: timeZone }).where('id', '=', id).execute();
    },
  };
}

export type UnitStore = ReturnType<typeof createUnitStore>;

import { randomUUID } from 'node:crypto';
import { NoteTextSchema, type NoteText, type UnitNote } from '../../core/public-api';
import type { Executor } from './executor';
import { storedJson } from './stored-json';

/**
 * "You said, we did": what a unit changed after feedback, written by its managers for its
 * public page. Newest first; a note whose text no longer reads is left out rather than shown
 * half.
 */

/** The most notes a unit's page lists. */
export const MAX_LISTED_NOTES = 50;

export type NewNote = {
  unitId: string;
  youSaid: NoteText;
  weDid: NoteText;
  at: Date;
  by: string;
};

export function createNoteStore(db: Executor) {
  return {
    add: async (note: NewNote): Promise<UnitNote> => {
      const id = randomUUID();
      const createdAt = note.at.toISOString();
      await db
        .insertInto('unit_notes')
        .values({
          id,
          unit_id: note.unitId,
          you_said_json: JSON.stringify(note.youSaid),
          we_did_json: JSON.stringify(note.weDid),
          created_at: createdAt,
          created_at_ms: note.at.getTime(),
          created_by: note.by,
        })
        .execute();
      return {
        id,
        unitId: note.unitId,
        youSaid: note.youSaid,
        weDid: note.weDid,
        createdAt,
        createdBy: note.by,
      };
    },
    list: async (unitId: string): Promise<UnitNote[]> => {
      const rows = await db
        .selectFrom('unit_notes')
        .selectAll()
        .where('unit_id', '=', unitId)
        .orderBy('created_at_ms', 'desc')
        .orderBy('id')
        .limit(MAX_LISTED_NOTES)
        .execute();
      const notes: UnitNote[] = [];
      for (const row of rows) {
        const youSaid = storedJson(NoteTextSchema, row.you_said_json);
        const weDid = storedJson(NoteTextSchema, row.we_did_json);
        if (youSaid !== null && weDid !== null) {
          notes.push({
            id: row.id,
            unitId: row.unit_id,
            youSaid,
            weDid,
            createdAt: row.created_at,
            createdBy: row.created_by,
          });
        }
      }
      return notes;
    },
    /** Whether a note of the unit had this id (and is gone now). */
    remove: async (unitId: string, id: string): Promise<boolean> => {
      const result = await db
        .deleteFrom('unit_notes')
        .where('unit_id', '=', unitId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type NoteStore = ReturnType<typeof createNoteStore>;

import type { Selectable } from 'kysely';
import type { FeedbackItem, FeedbackState } from '../../core/feedback-api';
import type { Scale } from '../../core/scales';
import type { FeedbackItemsTable } from '../database/schema';
import type { Executor } from './executor';

/**
 * The feedback inbox's rows (central-reports.md, "Feedback handling"): items newest first, one
 * item and its sealed contact, and the changes a person makes. Comments and follow-ups stay in
 * responses and are joined in by id for the page asked, never copied.
 */

export type FeedbackFilter = {
  /** The units asked for: one, a unit account's list, or undefined for every unit. */
  units?: readonly string[] | undefined;
  state?: FeedbackState | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  questionId?: string | undefined;
  value?: number | undefined;
  contact?: boolean | undefined;
  /** The page after this item (its time and id), in newest-first order. */
  after?: { answeredMs: number; id: string } | undefined;
  limit: number;
};

type ItemRow = Selectable<FeedbackItemsTable> & {
  comment: string | null;
  follow_up_question_id: string | null;
  follow_up_value: string | null;
};

export type FeedbackRecord = FeedbackItem & { answeredMs: number; contactDeleted: boolean };

function toItem(row: ItemRow): FeedbackRecord {
  const optional = (value: string | null) => value ?? undefined;
  const item: FeedbackItem = {
    id: row.response_id,
    unitId: row.unit_id,
    answeredAt: row.answered_at,
    questionId: row.question_id,
    scale: row.scale as Scale,
    value: row.value,
    comment: row.comment,
    followUp:
      row.follow_up_question_id === null || row.follow_up_value === null
        ? null
        : { questionId: row.follow_up_question_id, value: row.follow_up_value },
    hasContact: row.has_contact === 1,
    state: row.state as FeedbackState,
    dueAt: optional(row.due_at),
    readAt: optional(row.read_at),
    handledAt: optional(row.handled_at),
    handledBy: optional(row.handled_by),
    note: optional(row.note),
    contactDeletedAt: optional(row.contact_deleted_at),
  };
  for (const key of Object.keys(item) as (keyof FeedbackItem)[]) {
    if (item[key] === undefined) {
      delete item[key];
    }
  }
  return {
    ...item,
    answeredMs: Number(row.answered_at_ms),
    contactDeleted: row.contact_deleted_at !== null,
  };
}

function items(db: Executor) {
  return db
    .selectFrom('feedback_items as f')
    .innerJoin('responses as r', 'r.id', 'f.response_id')
    .selectAll('f')
    .select(['r.comment', 'r.follow_up_question_id', 'r.follow_up_value']);
}

export function createFeedbackStore(db: Executor) {
  return {
    /** One page, newest first; walks feedback_by_unit or feedback_by_time backwards. */
    list: async (filter: FeedbackFilter): Promise<FeedbackRecord[]> => {
      let query = items(db);
      if (filter.units !== undefined) {
        query =
          filter.units.length === 1
            ? query.where('f.unit_id', '=', filter.units[0]!)
            : query.where('f.unit_id', 'in', filter.units.length > 0 ? [...filter.units] : ['']);
      }
      if (filter.state !== undefined) {
        query = query.where('f.state', '=', filter.state);
      }
      if (filter.fromMs !== undefined) {
        query = query.where('f.answered_at_ms', '>=', filter.fromMs);
      }
      if (filter.toMs !== undefined) {
        query = query.where('f.answered_at_ms', '<', filter.toMs);
      }
      if (filter.questionId !== undefined) {
        query = query.where('f.question_id', '=', filter.questionId);
      }
      if (filter.value !== undefined) {
        query = query.where('f.value', '=', filter.value);
      }
      if (filter.contact !== undefined) {
        query = query.where('f.has_contact', '=', filter.contact ? 1 : 0);
      }
      const after = filter.after;
      if (after !== undefined) {
        query = query.where((eb) =>
          eb.or([
            eb('f.answered_at_ms', '<', after.answeredMs),
            eb.and([
              eb('f.answered_at_ms', '=', after.answeredMs),
              eb('f.response_id', '<', after.id),
            ]),
          ]),
        );
      }
      const rows = await query
        .orderBy('f.answered_at_ms', 'desc')
        .orderBy('f.response_id', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map(toItem);
    },
    byId: async (id: string): Promise<FeedbackRecord | undefined> => {
      const row = await items(db).where('f.response_id', '=', id).executeTakeFirst();
      return row && toItem(row);
    },
    /** The sealed contact of an item, while it is kept. */
    sealedContact: async (id: string): Promise<string | undefined> =>
      (
        await db
          .selectFrom('contact_requests')
          .select('sealed')
          .where('response_id', '=', id)
          .executeTakeFirst()
      )?.sealed,
    markRead: async (id: string, at: string): Promise<void> => {
      // Read once: the first time stays. A handled item marked read is open again.
      await db
        .updateTable('feedback_items')
        .set((eb) => ({
          state: 'read',
          read_at: eb.fn.coalesce('read_at', eb.val(at)),
          handled_at: null,
          handled_by: null,
        }))
        .where('response_id', '=', id)
        .execute();
    },
    /**
     * Handled, with its note; the sealed contact is deleted in the same transaction (the caller's).
     * Returns whether a sealed contact was deleted.
     */
    markHandled: async (
      id: string,
      at: string,
      by: string,
      note: string | undefined,
    ): Promise<boolean> => {
      const deleted = await db
        .deleteFrom('contact_requests')
        .where('response_id', '=', id)
        .executeTakeFirst();
      const contactDeleted = Number(deleted.numDeletedRows) > 0;
      await db
        .updateTable('feedback_items')
        .set((eb) => ({
          state: 'handled',
          read_at: eb.fn.coalesce('read_at', eb.val(at)),
          handled_at: at,
          handled_by: by,
          ...(note === undefined ? {} : { note }),
          ...(contactDeleted ? { contact_deleted_at: at } : {}),
        }))
        .where('response_id', '=', id)
        .execute();
      return contactDeleted;
    },
  };
}

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;

import { CompiledQuery } from 'kysely';
import { DEFAULT_REPLY_WITHIN_DAYS } from '../../core/contact';
import type { Response } from '../../core/response';
import type { Engine } from '../database';
import { sqliteInserts, unnestArrays, type BulkValue } from '../database/bulk-insert';
import { columnLiterals } from '../database/pg-array';
import { CONTACT_KEEP_MS } from '../feedback/contact-expiry';
import { dueAtMs } from '../feedback/due-date';
import type { Arrival } from './responses';

/**
 * The feedback items an upload makes (central-reports.md, "Feedback handling"), written in the
 * answers' transaction: every stored answer that is not a test's and has a comment or a contact
 * request. Few answers have either, so these cost an insert only where they exist; a contact's
 * sealed text goes to contact_requests alone, never into responses.
 */

export type FeedbackRows = { items: BulkValue[][]; contacts: BulkValue[][] };

const ITEM_COLUMNS = [
  'response_id',
  'unit_id',
  'answered_at',
  'answered_at_ms',
  'question_id',
  'scale',
  'value',
  'has_contact',
  'due_at',
  'due_at_ms',
] as const;
const ITEM_TYPES = ['text', 'text', 'text', 'int8', 'text', 'text', 'int4', 'int4', 'text', 'int8'];

const CONTACT_COLUMNS = ['response_id', 'sealed', 'delete_after_ms'] as const;
const CONTACT_TYPES = ['text', 'text', 'int8'];

/** SQLite's rows per INSERT (10 columns). */
const INSERT_ROWS = 250;

/** Adds `r`'s item (and its contact) if it makes one; `r` was just stored for the first time. */
export function addFeedback(
  rows: FeedbackRows,
  arrival: Arrival,
  r: Response,
  answeredMs: number,
): void {
  if (r.flags.includes('test')) {
    // A test's answer is no one's feedback; its sealed contact is not kept at all.
    return;
  }
  const sealed = r.contactSealed;
  const hasComment = r.comment !== undefined && r.comment !== '';
  if (!hasComment && sealed === undefined) {
    return;
  }
  const id = r.id.toLowerCase();
  let dueMs: number | null = null;
  if (sealed !== undefined) {
    dueMs = dueAtMs(
      answeredMs,
      arrival.replyWithinDays ?? DEFAULT_REPLY_WITHIN_DAYS,
      arrival.timeZone,
    );
    rows.contacts.push([id, sealed, answeredMs + CONTACT_KEEP_MS]);
  }
  rows.items.push([
    id,
    arrival.unitId,
    r.answeredAt,
    answeredMs,
    r.questionId,
    r.scale,
    r.value,
    sealed === undefined ? 0 : 1,
    dueMs === null ? null : new Date(dueMs).toISOString(),
    dueMs,
  ]);
}

/** The INSERTs of the items, then of their contacts (which reference them). */
export function feedbackStatements(engine: Engine, rows: FeedbackRows): CompiledQuery[] {
  return [
    ...inserts(engine, 'feedback_items', ITEM_COLUMNS, ITEM_TYPES, rows.items),
    ...inserts(engine, 'contact_requests', CONTACT_COLUMNS, CONTACT_TYPES, rows.contacts),
  ];
}

function inserts(
  engine: Engine,
  table: string,
  columns: readonly string[],
  types: readonly string[],
  rows: readonly BulkValue[][],
): CompiledQuery[] {
  if (rows.length === 0) {
    return [];
  }
  if (engine === 'postgres') {
    return [
      CompiledQuery.raw(
        `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM ${unnestArrays(types)}`,
        columnLiterals(rows, columns.length),
      ),
    ];
  }
  return sqliteInserts(table, columns, '', rows, INSERT_ROWS);
}

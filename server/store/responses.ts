import { CompiledQuery } from 'kysely';
import type { Response } from '../../core/response';
import type { Engine } from '../database';
import { sqliteInserts, unnestArrays, type BulkValue } from '../database/bulk-insert';
import { columnLiterals } from '../database/pg-array';
import { addFeedback, feedbackStatements, type FeedbackRows } from './feedback-rows';
import { addToRollups, rollupAnswerOf, rollupRowsOf, type RollupAnswer } from '../rollups';
import type { Executor } from './executor';

/**
 * The responses table: each answer once, by its id, with where and when it arrived. Ids are
 * stored in lower case, so an upper-case copy of a UUID is the same answer; the outcome names
 * each id as the terminal sent it, since the terminal marks its rows by those.
 */

export type Arrival = {
  terminalId: string;
  unitId: string;
  receivedAt: string;
  timeZone: string;
  /** The terminal's `contact.replyWithinDays` (default 7): when its contact requests are due. */
  replyWithinDays?: number;
};

export type BatchOutcome = { accepted: string[]; duplicate: string[] };

/** SQLite's rows per INSERT: 20 columns × 250 stays well under its parameter limit. */
const INSERT_ROWS = 250;

/** The answers table's columns in the order `responseRow` gives their values. */
export const RESPONSE_COLUMNS = [
  'id',
  'terminal_id',
  'unit_id',
  'received_at',
  'survey_id',
  'survey_version',
  'question_id',
  'scale',
  'value',
  'language',
  'source',
  'answered_at',
  'answered_at_ms',
  'flag_repeat',
  'flag_test',
  'flag_clock_unsynced',
  'respondent',
  'follow_up_question_id',
  'follow_up_value',
  'comment',
] as const;

/** Each column's PostgreSQL type, for the arrays PostgreSQL's INSERT takes them in. */
export const RESPONSE_COLUMN_TYPES: Record<
  (typeof RESPONSE_COLUMNS)[number],
  'text' | 'int4' | 'int8'
> = {
  id: 'text',
  terminal_id: 'text',
  unit_id: 'text',
  received_at: 'text',
  survey_id: 'text',
  survey_version: 'int4',
  question_id: 'text',
  scale: 'text',
  value: 'int4',
  language: 'text',
  source: 'text',
  answered_at: 'text',
  answered_at_ms: 'int8',
  flag_repeat: 'int4',
  flag_test: 'int4',
  flag_clock_unsynced: 'int4',
  respondent: 'text',
  follow_up_question_id: 'text',
  follow_up_value: 'text',
  comment: 'text',
};

const CONFLICT = 'ON CONFLICT (id) DO NOTHING RETURNING id';

/**
 * PostgreSQL's INSERT of any number of answers: one array per column, so the statement has 20
 * parameters, not 20 per answer. Rows go in in the arrays' order.
 */
const POSTGRES_INSERT =
  `INSERT INTO responses (${RESPONSE_COLUMNS.join(', ')}) ` +
  `SELECT * FROM ${unnestArrays(RESPONSE_COLUMNS.map((column) => RESPONSE_COLUMN_TYPES[column]))} ` +
  CONFLICT;

/** Where `responseRow` puts the answer's time in ms: the rollups take it from there. */
const ANSWERED_AT_MS = RESPONSE_COLUMNS.indexOf('answered_at_ms');

/** An answer as its row's values, in RESPONSE_COLUMNS order. */
export function responseRow(
  arrival: Pick<Arrival, 'terminalId' | 'unitId' | 'receivedAt'>,
  r: Response,
): BulkValue[] {
  return [
    r.id.toLowerCase(),
    arrival.terminalId,
    arrival.unitId,
    arrival.receivedAt,
    r.surveyId,
    r.surveyVersion,
    r.questionId,
    r.scale,
    r.value,
    r.language,
    r.source,
    r.answeredAt,
    Date.parse(r.answeredAt),
    +r.flags.includes('repeat'),
    +r.flags.includes('test'),
    +r.flags.includes('clock_unsynced'),
    r.respondent ?? null,
    r.followUp?.questionId ?? null,
    r.followUp?.value ?? null,
    r.comment ?? null,
  ];
}

/** One upload's answers, as they arrived. */
export type Batch = { arrival: Arrival; responses: readonly Response[] };

/**
 * Stores batches inside the caller's transaction, in their order: each one's answers (`ON
 * CONFLICT (id) DO NOTHING … RETURNING id`, so only a repeated id is skipped — also one an
 * earlier batch of the same call stored; any other constraint failing is a bug to hear about),
 * then the rollups of all the rows really inserted, added together, their feedback items and
 * sealed contacts (store/feedback-rows.ts), and each terminal's last-seen time. An outcome per batch, in their order.
 */
export async function storeBatches(
  db: Executor,
  engine: Engine,
  batches: readonly Batch[],
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  const counted: RollupAnswer[] = [];
  const feedback: FeedbackRows = { items: [], contacts: [] };
  const zones = new Map<string, string>();
  for (const { arrival, responses } of batches) {
    const answerRows = responses.map((r) => responseRow(arrival, r));
    const inserted = new Set<string>();
    for (const statement of insertStatements(engine, answerRows)) {
      const { rows } = await db.executeQuery<{ id: string }>(statement);
      for (const row of rows) {
        inserted.add(row.id);
      }
    }
    // The first of two ids that differ only in case was the one inserted (rows go in in order).
    const accepted: string[] = [];
    const duplicate: string[] = [];
    for (const [i, r] of responses.entries()) {
      if (inserted.delete(r.id.toLowerCase())) {
        accepted.push(r.id);
        const answeredMs = answerRows[i]![ANSWERED_AT_MS] as number;
        counted.push(rollupAnswerOf(arrival.unitId, r, answeredMs));
        addFeedback(feedback, arrival, r, answeredMs);
      } else {
        duplicate.push(r.id);
      }
    }
    zones.set(arrival.unitId, arrival.timeZone);
    outcomes.push({ accepted, duplicate });
  }
  if (counted.length > 0) {
    await addToRollups(
      db,
      engine,
      rollupRowsOf(counted, (unitId) => zones.get(unitId)!),
    );
  }
  for (const statement of feedbackStatements(engine, feedback)) {
    await db.executeQuery(statement);
  }
  for (const { arrival } of batches) {
    await db.executeQuery(touchTerminal(db, arrival));
  }
  return outcomes;
}

/** The INSERTs of the answers' rows, in their order. */
function insertStatements(
  engine: Engine,
  rows: readonly BulkValue[][],
): CompiledQuery<{ id: string }>[] {
  if (engine === 'postgres') {
    return [CompiledQuery.raw(POSTGRES_INSERT, columnLiterals(rows, RESPONSE_COLUMNS.length))];
  }
  return sqliteInserts('responses', RESPONSE_COLUMNS, CONFLICT, rows, INSERT_ROWS);
}

function touchTerminal(db: Executor, arrival: Arrival): CompiledQuery {
  return db
    .updateTable('terminals')
    .set({ last_seen_at: arrival.receivedAt })
    .where('id', '=', arrival.terminalId)
    .compile();
}

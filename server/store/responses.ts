import type { Response } from '../../core/response';
import { addToRollups, flagClassOf, rollupRowsOf, type RollupAnswer } from '../rollups';
import type { Executor } from './executor';

/**
 * The responses table: each answer once, by its id, with where and when it arrived. Ids are
 * stored in lower case, so an upper-case copy of a UUID is the same answer; the outcome names
 * each id as the terminal sent it, since the terminal marks its rows by those.
 */

export type Arrival = { terminalId: string; unitId: string; receivedAt: string; timeZone: string };

export type BatchOutcome = { accepted: string[]; duplicate: string[] };

/** Rows per INSERT: 20 columns × 250 stays well under both engines' parameter limits. */
const INSERT_ROWS = 250;

/**
 * Stores a batch inside the caller's transaction: the answers (`ON CONFLICT (id) DO NOTHING …
 * RETURNING id`, so only a repeated id is skipped; any other constraint failing is a bug to
 * hear about), the rollups of the rows really inserted, and the terminal's last-seen time.
 */
export async function storeBatch(
  db: Executor,
  arrival: Arrival,
  responses: readonly Response[],
): Promise<BatchOutcome> {
  const inserted = new Set<string>();
  for (let i = 0; i < responses.length; i += INSERT_ROWS) {
    const part = responses.slice(i, i + INSERT_ROWS);
    const rows = await db
      .insertInto('responses')
      .values(
        part.map((r) => ({
          id: r.id.toLowerCase(),
          terminal_id: arrival.terminalId,
          unit_id: arrival.unitId,
          received_at: arrival.receivedAt,
          survey_id: r.surveyId,
          survey_version: r.surveyVersion,
          question_id: r.questionId,
          scale: r.scale,
          value: r.value,
          language: r.language,
          source: r.source,
          answered_at: r.answeredAt,
          answered_at_ms: Date.parse(r.answeredAt),
          flag_repeat: +r.flags.includes('repeat'),
          flag_test: +r.flags.includes('test'),
          flag_clock_unsynced: +r.flags.includes('clock_unsynced'),
          respondent: r.respondent ?? null,
          follow_up_question_id: r.followUp?.questionId ?? null,
          follow_up_value: r.followUp?.value ?? null,
          comment: r.comment ?? null,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    for (const row of rows) {
      inserted.add(row.id);
    }
  }
  // The first of two ids that differ only in case was the one inserted (rows go in in order).
  const accepted: string[] = [];
  const duplicate: string[] = [];
  const counted: RollupAnswer[] = [];
  for (const r of responses) {
    const id = r.id.toLowerCase();
    if (inserted.delete(id)) {
      accepted.push(r.id);
      counted.push({
        unitId: arrival.unitId,
        surveyId: r.surveyId,
        questionId: r.questionId,
        scale: r.scale,
        value: r.value,
        respondent: r.respondent ?? null,
        followUpQuestionId: r.followUp?.questionId ?? null,
        followUpValue: r.followUp?.value ?? null,
        flagClass: flagClassOf(r.flags.includes('test'), r.flags.includes('repeat')),
        answeredAtMs: Date.parse(r.answeredAt),
      });
    } else {
      duplicate.push(r.id);
    }
  }
  if (counted.length > 0) {
    await addToRollups(
      db,
      rollupRowsOf(counted, () => arrival.timeZone),
    );
  }
  await db
    .updateTable('terminals')
    .set({ last_seen_at: arrival.receivedAt })
    .where('id', '=', arrival.terminalId)
    .execute();
  return { accepted, duplicate };
}

import type { Response } from '../../core/response';
import type { Db } from '../db';

/**
 * The responses table: each answer once, by its id, with where and when it arrived. Ids are
 * stored in lower case, so an upper-case copy of a UUID is the same answer; the outcome names
 * each id as the terminal sent it, since the terminal marks its rows by those.
 */

export type Arrival = { terminalId: string; unitId: string; receivedAt: string };

export type BatchOutcome = { accepted: string[]; duplicate: string[] };

export function createResponseStore(db: Db) {
  // ON CONFLICT (id) DO NOTHING rather than INSERT OR IGNORE: only a repeated id is skipped;
  // any other constraint failing is a bug to hear about, not an answer to count as a duplicate.
  const insert = db.prepare<unknown[]>(
    `INSERT INTO responses (id, terminal_id, unit_id, received_at, survey_id, survey_version,
       question_id, scale, value, language, source, answered_at, answered_at_ms, flag_repeat,
       flag_test, flag_clock_unsynced, respondent, follow_up_question_id, follow_up_value, comment)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const touchTerminal = db.prepare<[string, string]>(
    'UPDATE terminals SET last_seen_at = ? WHERE id = ?',
  );

  /** One transaction per batch: the answer to the terminal is sent only after it commits. */
  const storeBatch = db.transaction((arrival: Arrival, responses: Response[]): BatchOutcome => {
    const accepted: string[] = [];
    const duplicate: string[] = [];
    for (const r of responses) {
      const flags = r.flags;
      const { changes } = insert.run(
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
        +flags.includes('repeat'),
        +flags.includes('test'),
        +flags.includes('clock_unsynced'),
        r.respondent ?? null,
        r.followUp?.questionId ?? null,
        r.followUp?.value ?? null,
        r.comment ?? null,
      );
      (changes === 1 ? accepted : duplicate).push(r.id);
    }
    touchTerminal.run(arrival.receivedAt, arrival.terminalId);
    return { accepted, duplicate };
  });

  return { storeBatch };
}

export type ResponseStore = ReturnType<typeof createResponseStore>;

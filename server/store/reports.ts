import type { Db } from '../db';

/** Read-only queries for the admin's reports: the summary's counts and the CSV's rows. */

export type Selection = {
  unitId?: string | undefined;
  surveyId?: string | undefined;
  questionId?: string | undefined;
  /** Who answered; `unknown`: not asked, or skipped. */
  respondent?: 'patient' | 'relative' | 'other' | 'unknown' | undefined;
  /** Inclusive, on answeredAt. */
  fromMs?: number | undefined;
  /** Exclusive, on answeredAt. */
  toMs?: number | undefined;
};

export type CountRow = { scale: string; value: number; test: number; repeat: number; n: number };

export type ExportRow = {
  seq: number;
  id: string;
  terminal_id: string;
  unit_id: string;
  survey_id: string;
  survey_version: number;
  question_id: string;
  scale: string;
  value: number;
  language: string;
  source: string;
  answered_at: string;
  answered_at_ms: number;
  received_at: string;
  flag_repeat: number;
  flag_test: number;
  flag_clock_unsynced: number;
  respondent: string | null;
  follow_up_question_id: string | null;
  follow_up_value: string | null;
  comment: string | null;
};

type Params = Record<string, string | number>;

/** The WHERE clause for a selection; the clauses are fixed text, the values always bound. */
function whereClause(selection: Selection): { sql: string; params: Params } {
  const clauses: string[] = [];
  const params: Params = {};
  const add = (clause: string, name: string, value: string | number | undefined): void => {
    if (value !== undefined) {
      clauses.push(clause);
      params[name] = value;
    }
  };
  add('unit_id = @unitId', 'unitId', selection.unitId);
  add('survey_id = @surveyId', 'surveyId', selection.surveyId);
  add('question_id = @questionId', 'questionId', selection.questionId);
  if (selection.respondent === 'unknown') {
    clauses.push('respondent IS NULL');
  } else {
    add('respondent = @respondent', 'respondent', selection.respondent);
  }
  add('answered_at_ms >= @fromMs', 'fromMs', selection.fromMs);
  add('answered_at_ms < @toMs', 'toMs', selection.toMs);
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function createReportStore(db: Db) {
  const lastSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM responses');

  return {
    /** How many answers of each scale and value, split by the two flags reports care about. */
    counts: (selection: Selection): CountRow[] => {
      const where = whereClause(selection);
      return db
        .prepare<Params, CountRow>(
          `SELECT scale, value, flag_test AS test, flag_repeat AS repeat, count(*) AS n
           FROM responses ${where.sql}
           GROUP BY scale, value, flag_test, flag_repeat`,
        )
        .all(where.params);
    },

    /** The newest arrival now: an export that stops there is a consistent snapshot. */
    lastSeq: (): number => lastSeq.get()?.seq ?? 0,

    /**
     * One page of a unit's answers in answeredAt order, after the row `after`. Rows are only
     * ever added, so pages up to `maxSeq` read the same set as a single long transaction would,
     * without holding one open for the whole download.
     */
    exportPage: (
      selection: Selection & { unitId: string },
      maxSeq: number,
      after: { answeredAtMs: number; seq: number },
      limit: number,
    ): ExportRow[] => {
      const where = whereClause(selection);
      return db
        .prepare<Params, ExportRow>(
          `SELECT * FROM responses ${where.sql}
             AND seq <= @maxSeq AND (answered_at_ms, seq) > (@afterMs, @afterSeq)
           ORDER BY answered_at_ms, seq LIMIT @limit`,
        )
        .all({
          ...where.params,
          maxSeq,
          afterMs: after.answeredAtMs,
          afterSeq: after.seq,
          limit,
        });
    },
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;

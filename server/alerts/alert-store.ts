import { AlertStateSchema, type Alert, type AlertQuery } from '../../core/feedback-api';
import type { CusumState } from '../../core/cusum';
import type { Executor } from '../store/executor';

/**
 * The alerts table and each unit's CUSUM state (alert_cusum). An answer's place in the order the
 * sum counts is (answered_at_ms, id): `AnswerKey`.
 */

export type AnswerKey = { ms: number; id: string };

/** Whether `a` comes after `b` in answer-time order. */
export function isAfter(a: AnswerKey, b: AnswerKey): boolean {
  return a.ms > b.ms || (a.ms === b.ms && a.id > b.id);
}

export type CusumRecord = CusumState & {
  unitId: string;
  questionId: string;
  /** The last answer counted. */
  last: AnswerKey;
  /**
   * The sum restarted at 0 just after this answer (the one that opened the last alert), or, with
   * an empty id, just before the first answer counted at that ms: a recount starts here.
   */
  anchor: AnswerKey;
  p0: number;
  p0Day: string;
};

export type NewAlert = {
  id: string;
  unitId: string;
  questionId: string;
  openedAt: string;
  openedAtMs: number;
  negativeInWindow: number;
  answersInWindow: number;
  baseline: number;
  createdAt: string;
};

/** A unit's first-question answer as the sum counts it. */
export type CountedAnswer = AnswerKey & { scale: string; value: number };

type AlertRow = {
  id: string;
  unit_id: string;
  question_id: string;
  opened_at: string;
  negative_in_window: number;
  answers_in_window: number;
  baseline: number;
  state: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  comment: string | null;
};

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    unitId: row.unit_id,
    questionId: row.question_id,
    openedAt: row.opened_at,
    negativeInWindow: Number(row.negative_in_window),
    answersInWindow: Number(row.answers_in_window),
    state: AlertStateSchema.catch('open').parse(row.state),
    ...(row.acknowledged_by === null ? {} : { acknowledgedBy: row.acknowledged_by }),
    ...(row.acknowledged_at === null ? {} : { acknowledgedAt: row.acknowledged_at }),
    ...(row.comment === null ? {} : { comment: row.comment }),
    baselineNegativeShare: Number(row.baseline),
  };
}

const ALERT_COLUMNS = [
  'id',
  'unit_id',
  'question_id',
  'opened_at',
  'negative_in_window',
  'answers_in_window',
  'baseline',
  'state',
  'acknowledged_by',
  'acknowledged_at',
  'comment',
] as const;

export function createAlertStore(db: Executor) {
  return {
    cusum: async (unitId: string): Promise<CusumRecord | undefined> => {
      const row = await db
        .selectFrom('alert_cusum')
        .selectAll()
        .where('unit_id', '=', unitId)
        .executeTakeFirst();
      if (row === undefined) {
        return undefined;
      }
      return {
        unitId: row.unit_id,
        questionId: row.question_id,
        sum: Number(row.sum),
        runNegative: Number(row.run_negative),
        runAnswers: Number(row.run_answers),
        last: { ms: Number(row.last_ms), id: row.last_id },
        anchor: { ms: Number(row.anchor_ms), id: row.anchor_id },
        p0: Number(row.p0),
        p0Day: row.p0_day,
      };
    },
    saveCusum: async (record: CusumRecord): Promise<void> => {
      const values = {
        question_id: record.questionId,
        sum: record.sum,
        last_ms: record.last.ms,
        last_id: record.last.id,
        anchor_ms: record.anchor.ms,
        anchor_id: record.anchor.id,
        run_negative: record.runNegative,
        run_answers: record.runAnswers,
        p0: record.p0,
        p0_day: record.p0Day,
      };
      await db
        .insertInto('alert_cusum')
        .values({ unit_id: record.unitId, ...values })
        .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
        .execute();
    },
    /**
     * The unit's answers to `questionId` after `anchor`, in answer-time order: what a recount
     * reads. Tests and repeats never count.
     */
    answersAfter: async (
      unitId: string,
      questionId: string,
      anchor: AnswerKey,
    ): Promise<CountedAnswer[]> => {
      const rows = await db
        .selectFrom('responses')
        .select(['id', 'answered_at_ms', 'scale', 'value'])
        .where('unit_id', '=', unitId)
        .where('answered_at_ms', '>=', anchor.ms)
        .where('question_id', '=', questionId)
        .where('flag_test', '=', 0)
        .where('flag_repeat', '=', 0)
        .where((eb) => eb.or([eb('answered_at_ms', '>', anchor.ms), eb('id', '>', anchor.id)]))
        .orderBy('answered_at_ms')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        ms: Number(row.answered_at_ms),
        id: row.id,
        scale: row.scale,
        value: Number(row.value),
      }));
    },
    addAlert: async (alert: NewAlert): Promise<void> => {
      await db
        .insertInto('alerts')
        .values({
          id: alert.id,
          unit_id: alert.unitId,
          question_id: alert.questionId,
          opened_at: alert.openedAt,
          opened_at_ms: alert.openedAtMs,
          negative_in_window: alert.negativeInWindow,
          answers_in_window: alert.answersInWindow,
          baseline: alert.baseline,
          created_at: alert.createdAt,
        })
        .execute();
    },
    /** Newest first; `units` undefined for every unit. */
    list: async (query: AlertQuery, units: readonly string[] | undefined): Promise<Alert[]> => {
      if (units !== undefined && units.length === 0) {
        return [];
      }
      let select = db.selectFrom('alerts').select(ALERT_COLUMNS);
      if (query.unitId !== undefined) {
        select = select.where('unit_id', '=', query.unitId);
      }
      if (units !== undefined) {
        select = select.where('unit_id', 'in', units);
      }
      if (query.state !== undefined) {
        select = select.where('state', '=', query.state);
      }
      const rows = await select.orderBy('opened_at_ms', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toAlert);
    },
    byId: async (id: string): Promise<Alert | undefined> => {
      const row = await db
        .selectFrom('alerts')
        .select(ALERT_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAlert(row);
    },
    /** Only an open alert is acknowledged: false when it was not (already, or never). */
    acknowledge: async (id: string, by: string, at: string, comment: string): Promise<boolean> => {
      const result = await db
        .updateTable('alerts')
        .set({ state: 'acknowledged', acknowledged_by: by, acknowledged_at: at, comment })
        .where('id', '=', id)
        .where('state', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;

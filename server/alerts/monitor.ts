import { randomUUID } from 'node:crypto';
import { CUSUM_START, cusumStep, cusumSteps, type CusumState } from '../../core/cusum';
import type { Response } from '../../core/response';
import { isNegative, ScaleSchema } from '../../core/scales';
import type { Database } from '../database';
import { errorCode, type Logger } from '../log';
import type { Executor } from '../store/executor';
import {
  createAlertStore,
  isAfter,
  type AnswerKey,
  type CountedAnswer,
  type NewAlert,
} from './alert-store';
import { baselineDay, baselineOf, readBaselineCounts, type BaselineCounts } from './baseline';

/**
 * Each unit's CUSUM (core/cusum.ts), kept as answers arrive: told of an upload's answers once
 * they have committed, it counts those to the unit's first question (not tests, not repeats) in
 * answer-time order, opens an alert when the sum reaches h, and queues its mail in the same
 * transaction. Answers older than the last one counted (a terminal that was offline) make it
 * count again from where the sum last restarted, reading the unit's answers in time order, so
 * the sum is always that of the answers in time order, as far as they have arrived.
 *
 * It never fails an upload or holds its answer back: the work runs after the answer is sent,
 * one unit's after another's of the same unit (two uploads at once would otherwise both start
 * from the same state), and a failure is logged with its code only.
 */

/** An upload's answers, once committed: those valid, and which of them were new. */
export type AnswersStored = (
  unitId: string,
  valid: readonly Response[],
  accepted: readonly string[],
) => void;

export type AlertMonitor = {
  answersStored: AnswersStored;
  /** Resolves once every update begun so far has finished (tests; close). */
  idle(): Promise<void>;
};

type Counting = CusumState & { last: AnswerKey | undefined; anchor: AnswerKey };

function byAnswerTime(a: AnswerKey, b: AnswerKey): number {
  return a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function createAlertMonitor(parts: {
  database: Database;
  logger: Logger;
  now: () => Date;
  /** Queues an opened alert's mails, in the transaction that stores it. */
  alertOpened: (db: Executor, alert: NewAlert) => Promise<void>;
  /** After an alert's transaction committed (the mail sender may look). */
  committed: () => void;
}): AlertMonitor {
  const { database, logger, now } = parts;
  const chains = new Map<string, Promise<void>>();
  /** Each unit's answers not yet taken by an update: the next update takes them all. */
  const waiting = new Map<string, Response[]>();
  let counts: Promise<BaselineCounts> | undefined;
  let countsDay = '';

  /** Every unit's history counts for `day`, read once that day. */
  const countsFor = (day: string): Promise<BaselineCounts> => {
    if (counts === undefined || countsDay !== day) {
      countsDay = day;
      counts = readBaselineCounts(database.db, day);
      void counts.catch(() => {
        counts = undefined;
      });
    }
    return counts;
  };

  const update = async (unitId: string, fresh: readonly Response[]): Promise<void> => {
    const db = database.db;
    const unit = await db
      .selectFrom('units')
      .select('first_question_id')
      .where('id', '=', unitId)
      .executeTakeFirst();
    const questionId = unit?.first_question_id;
    if (questionId === null || questionId === undefined) {
      return;
    }
    const arrived: CountedAnswer[] = fresh
      .filter((r) => r.questionId === questionId)
      .map((r) => ({
        ms: Date.parse(r.answeredAt),
        id: r.id.toLowerCase(),
        scale: r.scale,
        value: r.value,
      }))
      .sort(byAnswerTime);
    if (arrived.length === 0) {
      return;
    }
    const store = createAlertStore(db);
    const saved = await store.cusum(unitId);
    // A unit whose first question changed starts a new sum: the old one measured another scale.
    const record = saved?.questionId === questionId ? saved : undefined;
    const day = baselineDay(now().getTime());
    const p0 = record?.p0Day === day ? record.p0 : baselineOf(await countsFor(day), unitId);

    let counting: Counting;
    let answers: readonly CountedAnswer[];
    if (record === undefined) {
      counting = { ...CUSUM_START, last: undefined, anchor: { ms: arrived[0]!.ms, id: '' } };
      answers = arrived;
    } else if (arrived.every((answer) => isAfter(answer, record.last))) {
      counting = { ...record };
      answers = arrived;
    } else {
      // Late answers: count again from where the sum last restarted, in time order. Before any
      // alert that is the first answer counted, which a late answer may now be; answers older
      // than the last alert's stay out (the window it closed is not opened again).
      const first = arrived[0]!;
      const anchor =
        record.anchor.id === '' && first.ms < record.anchor.ms
          ? { ms: first.ms, id: '' }
          : record.anchor;
      counting = { ...CUSUM_START, last: undefined, anchor };
      answers = await store.answersAfter(unitId, questionId, anchor);
      logger.info('alerts_recounted', { answers: answers.length });
    }

    const steps = cusumSteps(p0);
    const opened: NewAlert[] = [];
    let state: CusumState = {
      sum: counting.sum,
      runNegative: counting.runNegative,
      runAnswers: counting.runAnswers,
    };
    let { anchor } = counting;
    let last = counting.last;
    for (const answer of answers) {
      const scale = ScaleSchema.safeParse(answer.scale);
      if (!scale.success) {
        continue;
      }
      const step = cusumStep(state, isNegative(scale.data, answer.value), steps);
      state = step.state;
      last = answer;
      if (step.alarm) {
        const openedAt = new Date(answer.ms);
        opened.push({
          id: randomUUID(),
          unitId,
          questionId,
          openedAt: openedAt.toISOString(),
          openedAtMs: answer.ms,
          ...step.alarm,
          baseline: p0,
          createdAt: now().toISOString(),
        });
        anchor = { ms: answer.ms, id: answer.id };
      }
    }
    if (last === undefined) {
      return;
    }
    const counted = { ...state, last, anchor };
    await database.db.transaction().execute(async (trx) => {
      const alerts = createAlertStore(trx);
      await alerts.saveCusum({ unitId, questionId, ...counted, p0, p0Day: day });
      for (const alert of opened) {
        await alerts.addAlert(alert);
        await parts.alertOpened(trx, alert);
      }
    });
    if (opened.length > 0) {
      logger.info('alerts_opened', { alerts: opened.length });
      parts.committed();
    }
  };

  return {
    answersStored: (unitId, valid, accepted) => {
      if (accepted.length === 0) {
        return;
      }
      const isNew = new Set(accepted);
      const fresh = valid.filter(
        (r) => isNew.has(r.id) && !r.flags.includes('test') && !r.flags.includes('repeat'),
      );
      if (fresh.length === 0) {
        return;
      }
      // Uploads that arrive while the unit's update waits its turn join it: under a burst of
      // syncs a unit costs one transaction per turn, not one per upload.
      const queued = waiting.get(unitId);
      if (queued !== undefined) {
        queued.push(...fresh);
        return;
      }
      const batch = [...fresh];
      waiting.set(unitId, batch);
      const next = (chains.get(unitId) ?? Promise.resolve())
        .then(() => {
          waiting.delete(unitId);
          return update(unitId, batch);
        })
        .catch((error: unknown) => {
          logger.warn('alerts_update_failed', { error: errorCode(error) });
        });
      chains.set(unitId, next);
      void next.then(() => {
        if (chains.get(unitId) === next) {
          chains.delete(unitId);
        }
      });
    },
    idle: async () => {
      while (chains.size > 0) {
        await Promise.all(chains.values());
      }
    },
  };
}

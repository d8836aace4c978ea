import type { Interval } from '../../core/intervals';
import type { LocalizedText } from '../../core/localized';
import { localTime } from '../../core/local-time';
import { npsOf } from '../../core/report-figures';
import type { UnitQuestions, UnitReport } from '../../core/reports-api';
import { wilson } from '../../core/intervals';
import { ScaleSchema } from '../../core/scales';
import type { ServerContext } from '../context';
import { fail, type Result } from '../errors';
import type { Executor } from '../store/executor';
import { addMonths, askedMonth } from './month-report-query';
import { monthlyCounts } from './monthly-counts';
import { questionsReport } from './questions-report';
import { readSnapshot } from './scope';
import { unitReport } from './unit-report';

/**
 * What the monthly report holds, for a unit's managers: every question's figures for the month
 * (questionsReport), the first question's month in detail (unitReport: heat map, follow-up
 * reasons), its last 12 months, and how the month's feedback has been handled. Nothing is
 * suppressed (managers see their own small numbers), but every share comes with its interval
 * and its n. Comments' text only when asked for.
 */

export const TREND_MONTHS = 12;
/** The most comments a report lists (the newest); the inbox has them all. */
export const MAX_COMMENTS = 300;
/** Feedback items read to find the comments among contact requests without one. */
const MAX_ITEMS_READ = 2000;

export type MonthTrendRow = {
  month: string;
  n: number;
  positive: number;
  positiveShare: Interval | null;
  /** nps11 only. */
  nps?: Interval | null;
};

export type FeedbackCounts = {
  /** Items (comments and contact requests) answered in the month. */
  total: number;
  new: number;
  read: number;
  handled: number;
  contacts: number;
  /** Contact requests not handled though their due time has passed. */
  overdue: number;
};

export type MonthComment = {
  /** Local `YYYY-MM-DD HH:MM`. */
  answeredAt: string;
  questionId: string;
  value: number;
  comment: string;
  state: 'new' | 'read' | 'handled';
};

export type MonthReportData = {
  unitId: string;
  name: LocalizedText;
  timeZone: string;
  month: string;
  /** When the report was made (RFC 3339). */
  madeAt: string;
  questions: UnitQuestions;
  first: UnitReport;
  trend: MonthTrendRow[];
  feedback: FeedbackCounts;
  /** null unless the comments were asked for. */
  comments: { items: MonthComment[]; more: boolean } | null;
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The first question's months, oldest first, from the rollups. */
async function monthlyTrend(
  db: Executor,
  first: UnitReport,
  month: string,
  toMs: number,
): Promise<MonthTrendRow[]> {
  const firstMonth = addMonths(month, 1 - TREND_MONTHS);
  const scale = ScaleSchema.safeParse(first.scale);
  if (!scale.success || first.questionId === null) {
    return Array.from({ length: TREND_MONTHS }, (_, i) => ({
      month: addMonths(firstMonth, i),
      n: 0,
      positive: 0,
      positiveShare: null,
    }));
  }
  const months = await monthlyCounts(
    db,
    { ...first, questionId: first.questionId, scale: scale.data },
    firstMonth,
    TREND_MONTHS,
    toMs,
  );
  return months.map(({ month: key, counts }) => ({
    month: key,
    n: counts.n,
    positive: counts.positive,
    positiveShare: wilson(counts.positive, counts.n),
    ...(scale.data === 'nps11' ? { nps: npsOf(counts) } : {}),
  }));
}

/** The month's feedback items by state, with contact requests and those overdue now. */
async function feedbackCounts(
  db: Executor,
  unitId: string,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<FeedbackCounts> {
  const rows = await db
    .selectFrom('feedback_items')
    .select([
      'state',
      'has_contact',
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) =>
        eb.fn
          .sum<number | string | null>(
            eb
              .case()
              .when(
                eb.and([
                  eb('has_contact', '=', 1),
                  eb('state', '<>', 'handled'),
                  eb('due_at_ms', '<', nowMs),
                ]),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('overdue'),
    ])
    .where('unit_id', '=', unitId)
    .where('answered_at_ms', '>=', fromMs)
    .where('answered_at_ms', '<', toMs)
    .groupBy(['state', 'has_contact'])
    .execute();
  const counts: FeedbackCounts = { total: 0, new: 0, read: 0, handled: 0, contacts: 0, overdue: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    counts.total += n;
    if (row.state === 'new' || row.state === 'read' || row.state === 'handled') {
      counts[row.state] += n;
    }
    if (row.has_contact === 1) {
      counts.contacts += n;
    }
    counts.overdue += Number(row.overdue ?? 0);
  }
  return counts;
}

export async function monthReportData(
  ctx: ServerContext,
  unitId: string,
  asked: { month?: string | undefined; comments: boolean },
): Promise<Result<MonthReportData>> {
  const unit = await ctx.stores.units.byId(unitId);
  if (unit === undefined) {
    return fail(404, 'unit_unknown', 'no unit has this id');
  }
  const now = ctx.now();
  const span = askedMonth(asked.month, now, unit.timeZone);
  if (!span.ok) {
    return span;
  }
  const { month, fromMs, toMs } = span.value;
  const range = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  const first = await unitReport(ctx, unitId, range);
  if (!first.ok) {
    return first;
  }
  const questions = await questionsReport(ctx, unitId, range);
  if (!questions.ok) {
    return questions;
  }
  const { trend, feedback } = await readSnapshot(ctx.database, async (trx) => ({
    trend: await monthlyTrend(trx, first.value, month, toMs),
    feedback: await feedbackCounts(trx, unitId, fromMs, toMs, now.getTime()),
  }));
  let comments: MonthReportData['comments'] = null;
  if (asked.comments) {
    const items = await ctx.stores.feedback.list({
      units: [unitId],
      fromMs,
      toMs,
      limit: MAX_ITEMS_READ,
    });
    const written = items.filter((item) => item.comment !== null && item.comment !== '');
    comments = {
      // Newest first from the store; the report lists the month in order.
      items: written
        .slice(0, MAX_COMMENTS)
        .reverse()
        .map((item) => {
          const local = localTime(item.answeredMs, unit.timeZone);
          const minute = Math.floor((item.answeredMs - local.hourStartMs) / 60_000);
          return {
            answeredAt: `${local.date} ${pad(local.hour)}:${pad(minute)}`,
            questionId: item.questionId,
            value: item.value,
            comment: item.comment ?? '',
            state: item.state,
          };
        }),
      more: written.length > MAX_COMMENTS || items.length === MAX_ITEMS_READ,
    };
  }
  return {
    ok: true,
    value: {
      unitId,
      name: unit.name,
      timeZone: unit.timeZone,
      month,
      madeAt: now.toISOString(),
      questions: questions.value,
      first: first.value,
      trend,
      feedback,
      comments,
    },
  };
}

import { addDays, isoWeekStart, localMidnightMs, localTime } from '../../core/local-time';
import {
  PublicQuerySchema,
  PUBLIC_MIN_N,
  publicN,
  publicNps,
  publicShare,
  type PublicNote,
  type PublicQuestion,
  type PublicResults,
} from '../../core/public-api';
import { countsOf, type Counts } from '../../core/report-figures';
import { ScaleSchema, type Scale } from '../../core/scales';
import type { ServerContext } from '../context';
import { fail, type Result } from '../errors';
import { parseQuery } from '../query';
import { readSnapshot } from '../reports/scope';
import { surveyTexts } from '../reports/survey-texts';
import { countedClasses, tally } from '../reports/tally';
import { unitOrFail, unitQuestions } from '../reports/unit-questions';
import { createNoteStore } from '../store/notes';
import { unitName } from '../store/units';

/**
 * `GET /public/v1/units/{unitId}` (central-reports.md, "Public results"): a published unit's
 * figures per question over whole ISO weeks, with every figure from fewer than 5 answers
 * suppressed (core/public-api.ts). Tests and repeats never count.
 *
 * Beyond the contract's rule, one answer keeps its small weeks small: when the weeks hidden
 * hold between 1 and 4 answers in all, the question's total minus the weeks shown would give
 * them away, so the smallest weeks shown are hidden too until the hidden ones hold 5 or more.
 */

/** The contract's 90 days, in whole weeks. */
const DEFAULT_WEEKS = 13;
const MAX_WEEKS = 523;

export type PublicRange = { fromMs: number; toMs: number; weeks: string[] };

/** The Monday 00:00 (local) of the week holding `ms`, as a local date and as UTC ms. */
function weekStartOf(ms: number, timeZone: string): string {
  return isoWeekStart(localTime(ms, timeZone).date);
}

/**
 * Whole weeks only, and none that has not ended: `from` and `to` go back to their week's
 * Monday, and `to` to this week's at the latest.
 */
export function publicRange(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
  timeZone: string,
): Result<PublicRange> {
  const thisWeek = weekStartOf(now.getTime(), timeZone);
  const askedTo = query.to === undefined ? thisWeek : weekStartOf(Date.parse(query.to), timeZone);
  const to = askedTo < thisWeek ? askedTo : thisWeek;
  const from =
    query.from === undefined
      ? addDays(to, -7 * DEFAULT_WEEKS)
      : weekStartOf(Date.parse(query.from), timeZone);
  if (from >= to) {
    return fail(400, 'invalid_query', '`from` must be at least a whole week before `to`');
  }
  const weeks: string[] = [];
  for (let week = from; week < to; week = addDays(week, 7)) {
    weeks.push(week);
    if (weeks.length > MAX_WEEKS) {
      return fail(400, 'invalid_query', 'public results cover at most ten years');
    }
  }
  return {
    ok: true,
    value: {
      fromMs: localMidnightMs(from, timeZone),
      toMs: localMidnightMs(to, timeZone),
      weeks,
    },
  };
}

/**
 * The weeks to hide: those under 5 answers, and then the smallest shown ones while the hidden
 * weeks hold 1 to 4 answers between them (else the total would tell them).
 */
export function hiddenWeeks(perWeek: ReadonlyMap<string, Counts>): Set<string> {
  const hidden = new Set<string>();
  let hiddenN = 0;
  const shown: [string, number][] = [];
  for (const [week, counts] of perWeek) {
    if (counts.n < PUBLIC_MIN_N) {
      hidden.add(week);
      hiddenN += counts.n;
    } else {
      shown.push([week, counts.n]);
    }
  }
  shown.sort(([wa, a], [wb, b]) => a - b || (wa < wb ? -1 : 1));
  for (const [week, n] of shown) {
    if (hiddenN === 0 || hiddenN >= PUBLIC_MIN_N) {
      break;
    }
    hidden.add(week);
    hiddenN += n;
  }
  return hidden;
}

function publicQuestion(
  questionId: string,
  scale: Scale,
  text: PublicQuestion['text'],
  weeks: readonly string[],
  perWeek: ReadonlyMap<string, Counts>,
): PublicQuestion {
  const withNps = scale === 'nps11';
  const hidden = hiddenWeeks(perWeek);
  const total: Counts = { n: 0, positive: 0, negative: 0 };
  for (const counts of perWeek.values()) {
    total.n += counts.n;
    total.positive += counts.positive;
    total.negative += counts.negative;
  }
  return {
    questionId,
    text,
    scale,
    n: publicN(total.n),
    positiveShare: publicShare(total),
    ...(withNps ? { nps: publicNps(total) } : {}),
    weeks: weeks.map((start) => {
      // A hidden week is shown as if it had none: every one of its figures suppressed.
      const counts = hidden.has(start)
        ? { n: 0, positive: 0, negative: 0 }
        : (perWeek.get(start) ?? { n: 0, positive: 0, negative: 0 });
      return {
        start,
        n: publicN(counts.n),
        positiveShare: publicShare(counts),
        ...(withNps ? { nps: publicNps(counts) } : {}),
      };
    }),
  };
}

/** A unit nobody named is shown by its id. */
function named(name: PublicResults['name'], unitId: string): PublicResults['name'] {
  return Object.keys(name).length > 0 ? name : { fi: unitId };
}

export async function publicResults(
  ctx: ServerContext,
  unitId: string,
  query: unknown,
): Promise<Result<PublicResults>> {
  const parsed = parseQuery(PublicQuerySchema, query);
  if (!parsed.ok) {
    return parsed;
  }
  return readSnapshot(ctx.database, async (trx): Promise<Result<PublicResults>> => {
    const unit = await unitOrFail(trx, unitId);
    if (!unit.ok || !unit.value.public) {
      return fail(404, 'unit_unknown', 'no published unit has this id');
    }
    const { timeZone } = unit.value;
    const range = publicRange(parsed.value, ctx.now(), timeZone);
    if (!range.ok) {
      return range;
    }
    const { fromMs, toMs, weeks } = range.value;
    const texts = await surveyTexts(trx, unitId);
    const questions: PublicQuestion[] = [];
    for (const question of await unitQuestions(trx, unitId)) {
      const scale = ScaleSchema.safeParse(question.scale);
      if (!scale.success) {
        continue;
      }
      const rows = await tally(trx, fromMs, toMs, ['date', 'value'], {
        unitIds: [unitId],
        timeZone,
        questionId: question.questionId,
        scale: scale.data,
        flagClasses: countedClasses(false),
      });
      const values = new Map<string, Map<number, number>>();
      for (const row of rows) {
        const week = isoWeekStart(row.date);
        const byValue = values.get(week) ?? new Map<number, number>();
        byValue.set(row.value, (byValue.get(row.value) ?? 0) + row.n);
        values.set(week, byValue);
      }
      const perWeek = new Map(
        [...values].map(([week, byValue]) => [week, countsOf(scale.data, byValue)]),
      );
      questions.push(
        publicQuestion(
          question.questionId,
          scale.data,
          texts.question(question.questionId),
          weeks,
          perWeek,
        ),
      );
    }
    const notes: PublicNote[] = (await createNoteStore(trx).list(unitId)).map((note) => ({
      id: note.id,
      youSaid: note.youSaid,
      weDid: note.weDid,
      month: localTime(Date.parse(note.createdAt), timeZone).date.slice(0, 7),
    }));
    return {
      ok: true,
      value: {
        unitId,
        name: named(unitName(unit.value.nameJson), unitId),
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        timeZone,
        questions,
        notes,
      },
    };
  });
}

import type { LocalizedText } from '../../core/localized';
import { publicN, publicNps, publicShare, type PublicFigure } from '../../core/public-api';
import { ScaleSchema } from '../../core/scales';
import { storedConfig } from '../config-record';
import type { ServerContext } from '../context';
import type { Result } from '../errors';
import { isReportLanguage, REPORT_LANGUAGES, type ReportLanguage } from '../pdf/report-words';
import { parseQuery } from '../query';
import type { Executor } from '../store/executor';
import { unitName } from '../store/units';
import { addMonths, askedMonth, PosterQuerySchema } from './month-report-query';
import { monthlyCounts } from './monthly-counts';
import { readSnapshot } from './scope';
import { surveyTexts } from './survey-texts';
import { questionOf, unitOrFail } from './unit-questions';

/**
 * What the wall poster shows (`GET /v1/reports/units/{unitId}/poster.pdf`): the month's result
 * for the unit's first question and its last six months, with exactly the public page's
 * suppression (core/public-api.ts): a figure from fewer than 5 answers is not shown, nor is
 * its `n`. Tests and repeats never count.
 */

export const POSTER_MONTHS = 6;

export type PosterMonth = {
  month: string;
  /** null below 5 answers. */
  n: number | null;
  /** The positive share, or the NPS of an nps11 question; suppressed below 5 answers. */
  figure: PublicFigure;
};

export type PosterData = {
  unitId: string;
  name: LocalizedText;
  /** The languages the unit's terminals offer (that the poster has words for), first the main. */
  languages: ReportLanguage[];
  month: string;
  measure: 'positiveShare' | 'nps';
  questionText: LocalizedText | null;
  /** Oldest first; the last is `month`. */
  months: PosterMonth[];
  /** Whether the unit's results are public (its page's address is printed). */
  published: boolean;
};

/**
 * The languages of the unit's terminals: each one's default, then the rest it offers, in the
 * order of the terminals' ids; fi, sv and en when none offers a language the poster knows.
 */
export async function unitLanguages(db: Executor, unitId: string): Promise<ReportLanguage[]> {
  const rows = await db
    .selectFrom('terminals')
    .select('config_json')
    .where('unit_id', '=', unitId)
    .where('revoked', '=', 0)
    .orderBy('id')
    .execute();
  const found: ReportLanguage[] = [];
  for (const row of rows) {
    let offered: string[];
    try {
      const config = storedConfig(row.config_json);
      offered = [config.defaultLanguage, ...config.languages];
    } catch {
      // A config an older server stored that today's schema refuses: its languages are unknown.
      continue;
    }
    for (const language of offered) {
      if (isReportLanguage(language) && !found.includes(language)) {
        found.push(language);
      }
    }
  }
  return found.length > 0 ? found : [...REPORT_LANGUAGES];
}

export async function posterData(
  ctx: ServerContext,
  unitId: string,
  query: unknown,
): Promise<Result<PosterData>> {
  const parsed = parseQuery(PosterQuerySchema, query);
  if (!parsed.ok) {
    return parsed;
  }
  return readSnapshot(ctx.database, async (trx): Promise<Result<PosterData>> => {
    const unit = await unitOrFail(trx, unitId);
    if (!unit.ok) {
      return unit;
    }
    const { timeZone } = unit.value;
    const span = askedMonth(parsed.value.month, ctx.now(), timeZone);
    if (!span.ok) {
      return span;
    }
    const { month, toMs } = span.value;
    const question = await questionOf(trx, unit.value, undefined);
    if (!question.ok) {
      return question;
    }
    const scale = ScaleSchema.safeParse(question.value.scale);
    const measure = scale.success && scale.data === 'nps11' ? 'nps' : 'positiveShare';
    const first = addMonths(month, 1 - POSTER_MONTHS);
    const counted =
      scale.success && question.value.questionId !== null
        ? await monthlyCounts(
            trx,
            { unitId, timeZone, questionId: question.value.questionId, scale: scale.data },
            first,
            POSTER_MONTHS,
            toMs,
          )
        : Array.from({ length: POSTER_MONTHS }, (_, i) => ({
            month: addMonths(first, i),
            counts: { n: 0, positive: 0, negative: 0 },
          }));
    const months = counted.map(({ month: key, counts }) => ({
      month: key,
      n: publicN(counts.n),
      figure: measure === 'nps' ? publicNps(counts) : publicShare(counts),
    }));
    const texts = await surveyTexts(trx, unitId);
    return {
      ok: true,
      value: {
        unitId,
        name: unitName(unit.value.nameJson),
        languages: await unitLanguages(trx, unitId),
        month,
        measure,
        questionText:
          question.value.questionId === null ? null : texts.question(question.value.questionId),
        months,
        published: unit.value.public,
      },
    };
  });
}

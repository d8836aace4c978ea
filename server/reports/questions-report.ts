import { figuresOf } from '../../core/report-figures';
import { UnitQuestionsQuerySchema, type UnitQuestions } from '../../core/reports-api';
import { ScaleSchema } from '../../core/scales';
import type { ServerContext } from '../context';
import type { Result } from '../errors';
import { parseReportQuery } from './range';
import { readSnapshot } from './scope';
import { surveyTexts } from './survey-texts';
import { countedClasses, tally } from './tally';
import { unitOrFail, unitQuestions } from './unit-questions';

/**
 * `GET /v1/reports/units/{unitId}/questions`: every question the unit's terminals were ever
 * given, in survey order, each with its n, shares and NPS over the range (tests never count,
 * repeats neither).
 */
export async function questionsReport(
  ctx: ServerContext,
  unitId: string,
  query: unknown,
): Promise<Result<UnitQuestions>> {
  const parsed = parseReportQuery(UnitQuestionsQuerySchema, query, ctx.now());
  if (!parsed.ok) {
    return parsed;
  }
  const { fromMs, toMs } = parsed.value.range;
  return readSnapshot(ctx.database, async (trx): Promise<Result<UnitQuestions>> => {
    const unit = await unitOrFail(trx, unitId);
    if (!unit.ok) {
      return unit;
    }
    const questions = await unitQuestions(trx, unitId);
    const texts = await surveyTexts(trx, unitId);
    const rows = [];
    // One tally per question: the rollups' keys go (unit, question, time), so naming the
    // question lets every level seek to the range instead of reading all of the unit's rows.
    for (const { questionId, scale } of questions) {
      const found = await tally(trx, fromMs, toMs, ['value'], {
        unitIds: [unitId],
        timeZone: unit.value.timeZone,
        questionId,
        scale,
        flagClasses: countedClasses(false),
      });
      rows.push({ questionId, scale, found });
    }
    return {
      ok: true,
      value: rows.map(({ questionId, scale: scaleName, found }) => {
        const scale = ScaleSchema.parse(scaleName);
        const values = new Map<number, number>();
        for (const row of found) {
          values.set(row.value, (values.get(row.value) ?? 0) + row.n);
        }
        const { n, positiveShare, negativeShare, nps } = figuresOf(scale, values);
        return {
          questionId,
          text: texts.question(questionId),
          scale,
          n,
          positiveShare,
          negativeShare,
          ...(scale === 'nps11' ? { nps: nps ?? null } : {}),
        };
      }),
    };
  });
}

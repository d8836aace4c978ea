import { SummaryQuerySchema, type SummaryAnswer } from '../core/central-api';
import { summarize } from '../core/metrics';
import { ScaleSchema, type Scale } from '../core/scales';
import type { ServerContext } from './context';
import { fail, type Result } from './errors';
import { parseQuery } from './query';

/**
 * `GET /v1/admin/summary`: the report figures of central-api.md over a selection. Answers made
 * in test mode never count; repeats count only with `includeRepeats=true`; both are reported
 * under `excluded`. An answer flagged both `test` and `repeat` is counted once, as `test`.
 */
export function summarySelection(ctx: ServerContext, query: unknown): Result<SummaryAnswer> {
  const parsed = parseQuery(SummaryQuerySchema, query);
  if (!parsed.ok) {
    return parsed;
  }
  const { unitId, surveyId, questionId, respondent, from, to, includeRepeats } = parsed.value;
  const rows = ctx.stores.reports.counts({
    unitId,
    surveyId,
    questionId,
    respondent,
    fromMs: from === undefined ? undefined : Date.parse(from),
    toMs: to === undefined ? undefined : Date.parse(to),
  });
  const excluded = { repeat: 0, test: 0 };
  const valuesByScale = new Map<Scale, number[]>();
  for (const row of rows) {
    if (row.test === 1) {
      excluded.test += row.n;
      continue;
    }
    if (row.repeat === 1 && includeRepeats !== 'true') {
      excluded.repeat += row.n;
      continue;
    }
    const scale = ScaleSchema.parse(row.scale);
    const values = valuesByScale.get(scale) ?? [];
    for (let i = 0; i < row.n; i += 1) {
      values.push(row.value);
    }
    valuesByScale.set(scale, values);
  }
  if (valuesByScale.size > 1) {
    return fail(
      400,
      'mixed_scales',
      `the selection mixes scales (${[...valuesByScale.keys()].sort().join(', ')}); ` +
        'choose one question with questionId',
    );
  }
  const [only] = valuesByScale.entries();
  if (only === undefined) {
    return {
      ok: true,
      value: { scale: null, total: 0, byValue: {}, mean: null, positiveShare: null, excluded },
    };
  }
  const [scale, values] = only;
  return { ok: true, value: { scale, ...summarize(scale, values), excluded } };
}

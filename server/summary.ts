import { SummaryQuerySchema, type SummaryAnswer } from '../core/central-api';
import { summarizeCounts } from '../core/metrics';
import { ScaleSchema, type Scale } from '../core/scales';
import type { ServerContext } from './context';
import { fail, type Result } from './errors';
import { parseQuery } from './query';
import { readSnapshot, zoneGroups } from './reports/scope';
import { splitCounted, tally, type Tally } from './reports/tally';

/** Without `from`, every answer ever stored; without `to`, up to well past any answer's time. */
const EARLIEST_MS = 0;
const AFTER_NOW_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * `GET /v1/admin/summary`: the report figures of central-api.md over a selection, from the
 * rollups. Answers made in test mode never count; repeats count only with `includeRepeats=true`;
 * both are reported under `excluded`. An answer flagged both `test` and `repeat` is counted
 * once, as `test`.
 */
export async function summarySelection(
  ctx: ServerContext,
  query: unknown,
): Promise<Result<SummaryAnswer>> {
  const parsed = parseQuery(SummaryQuerySchema, query);
  if (!parsed.ok) {
    return parsed;
  }
  const { unitId, surveyId, questionId, respondent, from, to, includeRepeats } = parsed.value;
  const fromMs = from === undefined ? EARLIEST_MS : Date.parse(from);
  const toMs = to === undefined ? ctx.now().getTime() + AFTER_NOW_MS : Date.parse(to);
  const rows = await readSnapshot(ctx.database, async (trx) => {
    const tallies: Tally[] = [];
    for (const group of await zoneGroups(trx, unitId === undefined ? undefined : [unitId])) {
      tallies.push(
        ...(await tally(trx, fromMs, toMs, ['scale', 'value', 'flag'], {
          ...group,
          surveyId,
          questionId,
          respondent,
        })),
      );
    }
    return tallies;
  });
  const { counted, excluded } = splitCounted(rows, includeRepeats === 'true');
  const countsByScale = new Map<Scale, Map<number, number>>();
  for (const row of counted) {
    const scale = ScaleSchema.parse(row.scale);
    const counts = countsByScale.get(scale) ?? new Map<number, number>();
    counts.set(row.value, (counts.get(row.value) ?? 0) + row.n);
    countsByScale.set(scale, counts);
  }
  if (countsByScale.size > 1) {
    return fail(
      400,
      'mixed_scales',
      `the selection mixes scales (${[...countsByScale.keys()].sort().join(', ')}); ` +
        'choose one question with questionId',
    );
  }
  const [only] = countsByScale.entries();
  if (only === undefined) {
    return {
      ok: true,
      value: { scale: null, total: 0, byValue: {}, mean: null, positiveShare: null, excluded },
    };
  }
  const [scale, counts] = only;
  return { ok: true, value: { scale, ...summarizeCounts(scale, counts), excluded } };
}

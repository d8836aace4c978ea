import { shrunkShare, wilson } from '../../core/intervals';
import { countsOf, npsOf, type Counts } from '../../core/report-figures';
import {
  UnitsReportQuerySchema,
  UnitsTrendQuerySchema,
  type UnitsReport,
  type UnitsTrend,
} from '../../core/reports-api';
import { ScaleSchema } from '../../core/scales';
import type { ServerContext } from '../context';
import type { Result } from '../errors';
import type { Executor } from '../store/executor';
import { unitName, unitTarget } from '../store/units';
import { parseReportQuery } from './range';
import { readSnapshot } from './scope';
import { countedClasses, tally } from './tally';
import {
  trendWeeks,
  weeklyCounts,
  type TrendFilter,
  type TrendWeek,
  type WeekCounts,
} from './units-trend';

/**
 * `GET /v1/reports/units`: every unit side by side, each for its first question (or
 * `questionId`), with a rank score that pulls a small unit's positive share toward the
 * selection's overall share (a prior of 30 answers), so three happy answers do not top the list.
 * With `weeks=N` each row also carries its last N weeks, for the units page's sparklines.
 */

const RANK_PRIOR = 30;

/**
 * The newest scale each unit's terminals were given the question the report is about:
 * `questionId`, or each unit's own first question.
 */
async function scalesByUnit(
  db: Executor,
  questionId: string | undefined,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('survey_questions as q')
    .innerJoin('terminals as t', 't.id', 'q.terminal_id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.unit_id as unitId', 'q.scale as scale'])
    .where((eb) =>
      questionId === undefined
        ? eb('q.question_id', '=', eb.ref('u.first_question_id'))
        : eb('q.question_id', '=', questionId),
    )
    .orderBy('q.survey_version')
    .execute();
  // The newest version's comes last and stays.
  return new Map(rows.map((row) => [row.unitId, row.scale]));
}

/**
 * `visible`: the units the asking account may see (a `unit` account's); all when undefined.
 * Without `figures`, only the trend is read (`GET /v1/reports/trend`): its rows' figures are
 * those of no answers, and the caller keeps only their weeks.
 */
export async function unitsReport(
  ctx: ServerContext,
  query: unknown,
  visible?: readonly string[],
  { figures = true }: { figures?: boolean } = {},
): Promise<Result<UnitsReport>> {
  const parsed = parseReportQuery(
    figures ? UnitsReportQuerySchema : UnitsTrendQuerySchema,
    query,
    ctx.now(),
  );
  if (!parsed.ok) {
    return parsed;
  }
  const { fromMs, toMs } = parsed.value.range;
  const weekCount = parsed.value.query.weeks;
  // The trend's weeks, worked out once per time zone.
  const zoneWeeks = new Map<string, TrendWeek[]>();
  const weeksIn = (timeZone: string, count: number): TrendWeek[] => {
    let weeks = zoneWeeks.get(timeZone);
    if (weeks === undefined) {
      weeks = trendWeeks(toMs, count, timeZone);
      zoneWeeks.set(timeZone, weeks);
    }
    return weeks;
  };
  const rows = await readSnapshot(ctx.database, async (trx) => {
    const all = await trx
      .selectFrom('units')
      .select(['id', 'name_json', 'time_zone', 'first_question_id', 'target_json'])
      .orderBy('id')
      .execute();
    // A unit account's selection is its own units: their rank scores shrink toward them.
    const units = visible === undefined ? all : all.filter((unit) => visible.includes(unit.id));
    const scales = await scalesByUnit(trx, parsed.value.query.questionId);
    // Units asked the same question on the same scale in the same time zone are counted together.
    const groups = new Map<
      string,
      { timeZone: string; questionId: string; scale: string; unitIds: string[] }
    >();
    const chosen = new Map<string, { questionId: string | null; scale: string | null }>();
    for (const unit of units) {
      const questionId = parsed.value.query.questionId ?? unit.first_question_id;
      const scale = questionId === null ? undefined : scales.get(unit.id);
      chosen.set(unit.id, { questionId, scale: scale ?? null });
      if (questionId === null || scale === undefined) {
        continue;
      }
      const key = [unit.time_zone, questionId, scale].join('\u0000');
      const group = groups.get(key) ?? { timeZone: unit.time_zone, questionId, scale, unitIds: [] };
      group.unitIds.push(unit.id);
      groups.set(key, group);
    }
    const counts = new Map<string, Counts>();
    const weekly = new Map<string, WeekCounts[]>();
    for (const group of groups.values()) {
      const scale = ScaleSchema.parse(group.scale);
      const filter: TrendFilter = { ...group, flagClasses: countedClasses(false) };
      const found = figures ? await tally(trx, fromMs, toMs, ['unit', 'value'], filter) : [];
      const perUnit = new Map<string, Map<number, number>>();
      for (const row of found) {
        const values = perUnit.get(row.unitId) ?? new Map<number, number>();
        values.set(row.value, (values.get(row.value) ?? 0) + row.n);
        perUnit.set(row.unitId, values);
      }
      for (const [unitId, values] of perUnit) {
        counts.set(unitId, countsOf(scale, values));
      }
      if (weekCount !== undefined) {
        const weeks = weeksIn(group.timeZone, weekCount);
        for (const [unitId, list] of await weeklyCounts(trx, weeks, scale, filter)) {
          weekly.set(unitId, list);
        }
      }
    }
    return units.map((unit) => ({
      unit,
      question: chosen.get(unit.id)!,
      counts: counts.get(unit.id),
      weeks:
        weekCount === undefined
          ? undefined
          : weeksIn(unit.time_zone, weekCount).map((week, i) => {
              const c = weekly.get(unit.id)?.[i] ?? { n: 0, positive: 0 };
              return { start: week.start, n: c.n, positiveShare: wilson(c.positive, c.n) };
            }),
    }));
  });
  let positives = 0;
  let total = 0;
  for (const { counts } of rows) {
    positives += counts?.positive ?? 0;
    total += counts?.n ?? 0;
  }
  const overall = total === 0 ? null : positives / total;
  return {
    ok: true,
    value: rows.map(({ unit, question, counts, weeks }) => {
      const c = counts ?? { n: 0, positive: 0, negative: 0 };
      const scale = question.scale === null ? null : ScaleSchema.parse(question.scale);
      return {
        unitId: unit.id,
        name: unitName(unit.name_json),
        questionId: question.questionId,
        scale,
        n: c.n,
        positiveShare: wilson(c.positive, c.n),
        negativeShare: wilson(c.negative, c.n),
        ...(scale === 'nps11' ? { nps: npsOf(c) } : {}),
        rankScore: overall === null ? null : shrunkShare(c.positive, c.n, overall, RANK_PRIOR),
        target: unitTarget(unit.target_json),
        // Left out unless asked for, so the answer without `weeks` stays as it was.
        ...(weeks === undefined ? {} : { weeks }),
      };
    }),
  };
}

/**
 * `GET /v1/reports/trend` (an extension): each visible unit's last `weeks` ISO weeks up to `to`,
 * as the units report's `weeks=N` has them, without reading the figures of a period. The units
 * page asks it beside the units report, and only once: a trend ends now whatever the period.
 */
export async function unitsTrend(
  ctx: ServerContext,
  query: unknown,
  visible?: readonly string[],
): Promise<Result<UnitsTrend>> {
  const report = await unitsReport(ctx, query, visible, { figures: false });
  return report.ok
    ? {
        ok: true,
        value: report.value.map((row) => ({ unitId: row.unitId, weeks: row.weeks ?? [] })),
      }
    : report;
}

import { wilson } from '../../core/intervals';
import type { LocalizedText } from '../../core/localized';
import { isoWeekStart, weeksOverlapping } from '../../core/local-time';
import { countsOf, figuresOf, npsOf, type Counts } from '../../core/report-figures';
import { UnitReportQuerySchema, type UnitReport } from '../../core/reports-api';
import { ScaleSchema, type Scale } from '../../core/scales';
import type { ServerContext } from '../context';
import type { Result } from '../errors';
import { unitName, unitTarget } from '../store/units';
import { parseReportQuery } from './range';
import { readSnapshot } from './scope';
import { surveyTexts } from './survey-texts';
import { countedClasses, splitCounted, tally, type Tally, type TallyFilter } from './tally';
import { questionOf, unitOrFail, type ReportUnit } from './unit-questions';

/**
 * `GET /v1/reports/units/{unitId}`: one unit's figures for one question (its first unless
 * `questionId` says otherwise) over a range, with its weeks, hour × weekday heat map, follow-up
 * reasons and who answered — in the unit's time zone, from the rollups.
 */

function byValue(rows: readonly Tally[]): Map<number, number> {
  const values = new Map<number, number>();
  for (const row of rows) {
    values.set(row.value, (values.get(row.value) ?? 0) + row.n);
  }
  return values;
}

function groupCounts<K>(
  rows: readonly Tally[],
  scale: Scale,
  keyOf: (row: Tally) => K,
): Map<K, Counts> {
  const grouped = new Map<K, Map<number, number>>();
  for (const row of rows) {
    const key = keyOf(row);
    const values = grouped.get(key) ?? new Map<number, number>();
    values.set(row.value, (values.get(row.value) ?? 0) + row.n);
    grouped.set(key, values);
  }
  return new Map([...grouped].map(([key, values]) => [key, countsOf(scale, values)]));
}

export async function unitReport(
  ctx: ServerContext,
  unitId: string,
  query: unknown,
): Promise<Result<UnitReport>> {
  const parsed = parseReportQuery(UnitReportQuerySchema, query, ctx.now());
  if (!parsed.ok) {
    return parsed;
  }
  const { fromMs, toMs, from, to } = parsed.value.range;
  const includeRepeats = parsed.value.query.includeRepeats === 'true';
  return readSnapshot(ctx.database, async (trx): Promise<Result<UnitReport>> => {
    const unit = await unitOrFail(trx, unitId);
    if (!unit.ok) {
      return unit;
    }
    const question = await questionOf(trx, unit.value, parsed.value.query.questionId);
    if (!question.ok) {
      return question;
    }
    const { timeZone } = unit.value;
    if (question.value.scale === null) {
      return {
        ok: true,
        value: emptyReport(unit.value, question.value.questionId, from, to),
      };
    }
    const base: TallyFilter = {
      unitIds: [unitId],
      timeZone,
      questionId: question.value.questionId ?? undefined,
      scale: question.value.scale,
    };
    const filter: TallyFilter = { ...base, respondent: parsed.value.query.respondent };
    // Every class by date (what was left out is reported too); the rest only what counts.
    const byDate = await tally(trx, fromMs, toMs, ['date', 'value', 'flag'], filter);
    const counts: TallyFilter = {
      ...filter,
      flagClasses: countedClasses(includeRepeats),
    };
    const byCell = await tally(trx, fromMs, toMs, ['weekday', 'hour', 'value'], counts);
    const followUps = await tally(trx, fromMs, toMs, ['followUp'], {
      ...counts,
      withFollowUp: true,
    });
    // Who answered, split whatever `respondent` picks, so the split stays in view while filtering.
    const respondents = await tally(trx, fromMs, toMs, ['respondent'], {
      ...base,
      flagClasses: counts.flagClasses,
    });

    const scale = ScaleSchema.parse(question.value.scale);
    const { counted, excluded } = splitCounted(byDate, includeRepeats);
    const figures = figuresOf(scale, byValue(counted));
    const withNps = scale === 'nps11';
    // A year's rows name each date about ten times: its week is worked out once.
    const weekOf = new Map<string, string>();
    const perWeek = groupCounts(counted, scale, (row) => {
      let week = weekOf.get(row.date);
      if (week === undefined) {
        week = isoWeekStart(row.date);
        weekOf.set(row.date, week);
      }
      return week;
    });
    const weeks = weeksOverlapping(fromMs, toMs, timeZone).map((week) => {
      const total: Counts = perWeek.get(week.start) ?? { n: 0, positive: 0, negative: 0 };
      return {
        start: week.start,
        n: total.n,
        positiveShare: wilson(total.positive, total.n),
        ...(withNps ? { nps: npsOf(total) } : {}),
      };
    });
    const cells = groupCounts(byCell, scale, (row) => row.weekday * 100 + row.hour);
    const heatmap = [...cells]
      .filter(([, counts]) => counts.n > 0)
      .sort(([a], [b]) => a - b)
      .map(([key, counts]) => ({
        weekday: Math.floor(key / 100),
        hour: key % 100,
        n: counts.n,
        positiveShare: wilson(counts.positive, counts.n),
      }));
    const texts = await surveyTexts(trx, unitId);
    const reasons = new Map<
      string,
      { questionId: string; value: string; n: number; text: LocalizedText | null }
    >();
    for (const row of followUps) {
      const key = `${row.followUpQuestionId}\u0000${row.followUpValue}`;
      const found = reasons.get(key);
      if (found) {
        found.n += row.n;
      } else {
        reasons.set(key, {
          questionId: row.followUpQuestionId,
          value: row.followUpValue,
          n: row.n,
          text: texts.option(row.followUpQuestionId, row.followUpValue),
        });
      }
    }
    const who = { patient: 0, relative: 0, other: 0, unknown: 0 };
    for (const row of respondents) {
      const key = row.respondent === '' ? 'unknown' : row.respondent;
      if (key === 'patient' || key === 'relative' || key === 'other' || key === 'unknown') {
        who[key] += row.n;
      }
    }
    const { nps, ...rest } = figures;
    return {
      ok: true,
      value: {
        unitId,
        ...about(unit.value),
        questionId: question.value.questionId,
        scale,
        from,
        to,
        timeZone,
        ...rest,
        ...(withNps ? { nps: nps ?? null } : {}),
        excluded,
        weeks,
        heatmap,
        followUps: [...reasons.values()].sort(
          (a, b) =>
            b.n - a.n || a.questionId.localeCompare(b.questionId) || a.value.localeCompare(b.value),
        ),
        respondents: who,
      },
    };
  });
}

/** What the dashboard's unit page heads itself with: the unit's name and its target. */
function about(unit: ReportUnit): Pick<UnitReport, 'name' | 'target' | 'public'> {
  return {
    name: unitName(unit.nameJson),
    target: unitTarget(unit.targetJson),
    public: unit.public,
  };
}

/** A unit whose terminals have not been given a question yet: nothing to count. */
function emptyReport(
  unit: ReportUnit,
  questionId: string | null,
  from: string,
  to: string,
): UnitReport {
  return {
    unitId: unit.id,
    ...about(unit),
    questionId,
    scale: null,
    from,
    to,
    timeZone: unit.timeZone,
    n: 0,
    byValue: {},
    mean: null,
    positiveShare: null,
    negativeShare: null,
    excluded: { repeat: 0, test: 0 },
    weeks: [],
    heatmap: [],
    followUps: [],
    respondents: { patient: 0, relative: 0, other: 0, unknown: 0 },
  };
}

import {
  compareCodePoints,
  compareNationalRows,
  type NationalExportRow,
} from '../../core/national-export';
import { localTime, nextMonthStartMs, type Span } from '../../core/local-time';
import { ReportRespondentSchema } from '../../core/reports-api';
import { ScaleSchema } from '../../core/scales';
import type { Executor } from '../store/executor';
import { countedClasses, tally, type Dimension, type Tally } from '../reports/tally';

/**
 * The national export's rows (docs/national-export.md): answers counted per unit, local
 * calendar month, survey, question, scale, value and respondent, from the rollups (tally.ts),
 * tests and repeats left out as every report leaves them out. The rows come sorted, a batch of
 * units at a time: the sort puts a unit's months together, so a batch's months are all the
 * export holds at once, however many units the nation has.
 */

/** Units counted together: a year of 50 of the bench's units is about 47,000 rows. */
const UNITS_PER_BATCH = 50;

const DIMENSIONS: readonly Dimension[] = [
  'unit',
  'survey',
  'question',
  'scale',
  'value',
  'respondent',
];

export type ExportUnit = { id: string; timeZone: string };

/** Every unit the service knows, in the export's order. */
export async function exportUnits(db: Executor): Promise<ExportUnit[]> {
  const rows = await db.selectFrom('units').select(['id', 'time_zone']).execute();
  return rows
    .map((row) => ({ id: row.id, timeZone: row.time_zone }))
    .sort((a, b) => compareCodePoints(a.id, b.id));
}

export type MonthSpan = Span & { month: string };

/** The zone's local months that overlap [fromMs, toMs), each cut to the range. */
export function monthSpans(fromMs: number, toMs: number, timeZone: string): MonthSpan[] {
  const spans: MonthSpan[] = [];
  let start = localTime(fromMs, timeZone).monthStartMs;
  while (start < toMs) {
    const next = nextMonthStartMs(start, timeZone);
    spans.push({
      month: localTime(start, timeZone).date.slice(0, 7),
      fromMs: Math.max(start, fromMs),
      toMs: Math.min(next, toMs),
    });
    start = next;
  }
  return spans;
}

/** A tally as an export row; the rollups keep an absent respondent as ''. */
function rowOf(t: Tally, month: string): NationalExportRow {
  return {
    unitId: t.unitId,
    month,
    surveyId: t.surveyId,
    questionId: t.questionId,
    scale: ScaleSchema.parse(t.scale),
    value: t.value,
    respondent: ReportRespondentSchema.parse(t.respondent === '' ? 'unknown' : t.respondent),
    count: t.n,
  };
}

/**
 * Every question the units were ever answered on (in the month rollup, the smallest), so that
 * each tally names its question: the rollups' key starts (unit, question, time), and a tally
 * that names both reads only its month's rows instead of each unit's whole history.
 */
async function questionsOf(db: Executor, unitIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('rollup_month')
    .select('question_id')
    .distinct()
    .where('unit_id', 'in', unitIds)
    .execute();
  return rows.map((row) => row.question_id);
}

function byZone(units: readonly ExportUnit[]): Map<string, string[]> {
  const zones = new Map<string, string[]>();
  for (const unit of units) {
    zones.set(unit.timeZone, [...(zones.get(unit.timeZone) ?? []), unit.id]);
  }
  return zones;
}

/**
 * The export's rows in its order, one sorted batch of units at a time. Run it inside one read
 * transaction (scope.ts `readSnapshot`), so every batch sees the same answers.
 */
export async function* nationalRowBatches(
  db: Executor,
  range: Span,
): AsyncGenerator<NationalExportRow[]> {
  const units = await exportUnits(db);
  for (let i = 0; i < units.length; i += UNITS_PER_BATCH) {
    const rows: NationalExportRow[] = [];
    // A tally counts units of one zone: each zone's own local months.
    for (const [timeZone, unitIds] of byZone(units.slice(i, i + UNITS_PER_BATCH))) {
      const questions = await questionsOf(db, unitIds);
      for (const span of monthSpans(range.fromMs, range.toMs, timeZone)) {
        for (const questionId of questions) {
          const counted = await tally(db, span.fromMs, span.toMs, DIMENSIONS, {
            unitIds,
            timeZone,
            questionId,
            flagClasses: countedClasses(false),
          });
          for (const t of counted) {
            // A group whose answers were counted and taken away again has none: no row.
            if (t.n > 0) {
              rows.push(rowOf(t, span.month));
            }
          }
        }
      }
    }
    rows.sort(compareNationalRows);
    yield rows;
  }
}

import { z } from 'zod';
import { UnitTargetSchema } from './accounts-api';
import { LocalizedTextSchema } from './localized';
import { RespondentSchema } from './response';
import { ScaleSchema } from './scales';

/**
 * The reports of central-reports.md: their queries as the server reads them and their answers
 * as it sends them (the OpenAPI document is made from these). `from` is inclusive and `to`
 * exclusive (RFC 3339); left out, the last 90 days.
 */

const IdSchema = z.string().min(1).max(100);
const TimeSchema = z.iso.datetime({ offset: true });

export const REPORT_DEFAULT_DAYS = 90;

export const ReportRangeQuerySchema = z.object({
  from: TimeSchema.optional(),
  to: TimeSchema.optional(),
});

/** The most weeks a units report's trend (`weeks=N`) lists: a year's ISO weeks. */
export const MAX_TREND_WEEKS = 53;

export const UnitsReportQuerySchema = ReportRangeQuerySchema.extend({
  questionId: IdSchema.optional(),
  /** An extension: each row's last N ISO weeks (1…53), ending with the week that holds `to`. */
  weeks: z
    .string()
    .regex(/^(?:[1-9]|[1-4]\d|5[0-3])$/, `a whole number of weeks, 1 to ${MAX_TREND_WEEKS}`)
    .transform(Number)
    .optional(),
});
export type UnitsReportQuery = z.infer<typeof UnitsReportQuerySchema>;

/**
 * `GET /v1/reports/trend` (an extension): each unit's last `weeks` ISO weeks up to `to` (now when
 * left out), without the units report's figures for a period, which a trend does not depend on.
 */
export const UnitsTrendQuerySchema = z.object({
  to: TimeSchema.optional(),
  questionId: IdSchema.optional(),
  weeks: UnitsReportQuerySchema.shape.weeks.unwrap(),
});
export type UnitsTrendQuery = z.infer<typeof UnitsTrendQuerySchema>;

export const ReportRespondentSchema = z.enum([...RespondentSchema.options, 'unknown']);

export const UnitReportQuerySchema = ReportRangeQuerySchema.extend({
  questionId: IdSchema.optional(),
  respondent: ReportRespondentSchema.optional(),
  includeRepeats: z.enum(['true', 'false']).optional(),
});
export type UnitReportQuery = z.infer<typeof UnitReportQuerySchema>;

export const UnitQuestionsQuerySchema = ReportRangeQuerySchema;

/** A share or NPS with its 95 % interval (fractions with 4 decimals; NPS −100…100, 1 decimal). */
export const IntervalSchema = z.object({ value: z.number(), low: z.number(), high: z.number() });

const FigureSchema = IntervalSchema.nullable();

/** One week of a unit's trend: its Monday (a local date), n and the positive share. */
export const TrendWeekSchema = z.object({
  /** The Monday, a local date. */
  start: z.string(),
  n: z.number().int().min(0),
  positiveShare: FigureSchema,
});

export const UnitsReportRowSchema = z.object({
  unitId: z.string(),
  name: LocalizedTextSchema,
  /** The question the row's figures are for (the unit's first, or `questionId`): an extension. */
  questionId: z.string().nullable(),
  scale: ScaleSchema.nullable(),
  n: z.number().int().min(0),
  positiveShare: FigureSchema,
  negativeShare: FigureSchema,
  nps: FigureSchema.optional(),
  /** (30·overall + positives)/(30 + n): the positive share pulled toward the selection's. */
  rankScore: z.number().nullable(),
  /** The unit's target, set by a county account (`PATCH /v1/admin/units/{unitId}`): an extension. */
  target: UnitTargetSchema.nullable(),
  /**
   * With `weeks=N` only (an extension): the N ISO weeks ending with the week that holds `to`,
   * oldest first, in the unit's time zone; the last is counted up to `to`, none is cut by `from`.
   */
  weeks: z.array(TrendWeekSchema).optional(),
});
export const UnitsReportSchema = z.array(UnitsReportRowSchema);

/** `GET /v1/reports/trend`'s answer: the units the account may see, each with its weeks. */
export const UnitsTrendSchema = z.array(
  z.object({ unitId: z.string(), weeks: z.array(TrendWeekSchema) }),
);
export type UnitsTrend = z.infer<typeof UnitsTrendSchema>;
export type UnitsReport = z.infer<typeof UnitsReportSchema>;

export const WeekSchema = z.object({
  /** The Monday, a local date. */
  start: z.string(),
  n: z.number().int().min(0),
  positiveShare: FigureSchema,
  nps: FigureSchema.optional(),
});

export const HeatmapCellSchema = z.object({
  /** ISO weekday, 1 = Monday; local time. */
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  n: z.number().int().min(1),
  positiveShare: FigureSchema,
});

export const UnitReportSchema = z.object({
  unitId: z.string(),
  /** The unit's name as its newest config gives it: an extension. */
  name: LocalizedTextSchema.optional(),
  /** The unit's target, as in the units report's rows: an extension. */
  target: UnitTargetSchema.nullable().optional(),
  /** Whether the unit's results are public (`PATCH /v1/admin/units/{unitId}`): an extension. */
  public: z.boolean().optional(),
  questionId: z.string().nullable(),
  scale: ScaleSchema.nullable(),
  from: z.string(),
  to: z.string(),
  /** The unit's time zone, which weeks and the heat map are in: an extension. */
  timeZone: z.string(),
  n: z.number().int().min(0),
  byValue: z.record(z.string(), z.number().int().min(0)),
  mean: z.number().nullable(),
  positiveShare: FigureSchema,
  negativeShare: FigureSchema,
  nps: FigureSchema.optional(),
  excluded: z.object({ repeat: z.number().int().min(0), test: z.number().int().min(0) }),
  weeks: z.array(WeekSchema),
  heatmap: z.array(HeatmapCellSchema),
  followUps: z.array(
    z.object({
      questionId: z.string(),
      value: z.string(),
      n: z.number().int().min(1),
      /** The choice's words from the unit's survey, null when no config has them: an extension. */
      text: LocalizedTextSchema.nullable().optional(),
    }),
  ),
  respondents: z.object({
    patient: z.number().int().min(0),
    relative: z.number().int().min(0),
    other: z.number().int().min(0),
    unknown: z.number().int().min(0),
  }),
});
export type UnitReport = z.infer<typeof UnitReportSchema>;

export const UnitQuestionsSchema = z.array(
  z.object({
    questionId: z.string(),
    /** The question's words from the unit's survey, null when no config has them: an extension. */
    text: LocalizedTextSchema.nullable().optional(),
    scale: ScaleSchema,
    n: z.number().int().min(0),
    positiveShare: FigureSchema,
    negativeShare: FigureSchema,
    nps: FigureSchema.optional(),
  }),
);
export type UnitQuestions = z.infer<typeof UnitQuestionsSchema>;

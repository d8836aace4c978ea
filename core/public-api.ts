import { z } from 'zod';
import { IntervalSchema } from './reports-api';
import { npsInterval, wilson, type Interval } from './intervals';
import { LanguageCodeSchema, LocalizedTextSchema } from './localized';
import type { Counts } from './report-figures';
import { ScaleSchema } from './scales';

/**
 * What citizens may see (central-reports.md, "Public results"): a published unit's figures
 * over whole weeks, where **every figure computed from fewer than 5 answers is
 * `{"suppressed": true}`** and `n` itself is `null` below 5. Nothing here names a comment, a
 * follow-up, a contact, a terminal, a flag or a time finer than a week. The public page, the
 * wall poster and `GET /public/v1/units/{unitId}` all apply these same rules.
 */

/** The fewest answers a public figure is computed from. */
export const PUBLIC_MIN_N = 5;

export const SuppressedSchema = z.object({ suppressed: z.literal(true) });
export type Suppressed = z.infer<typeof SuppressedSchema>;

/** A share or an NPS with its interval, or suppressed. */
export const PublicFigureSchema = z.union([IntervalSchema, SuppressedSchema]);
export type PublicFigure = z.infer<typeof PublicFigureSchema>;

export function isSuppressed(figure: PublicFigure): figure is Suppressed {
  return 'suppressed' in figure;
}

const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true as const });

/** `n` as the public may see it: `null` below 5. */
export function publicN(n: number): number | null {
  return n >= PUBLIC_MIN_N ? n : null;
}

/** A figure over `n` answers, or suppressed when `n` is below 5 (none included). */
export function publicFigure(n: number, figure: () => Interval | null): PublicFigure {
  if (n < PUBLIC_MIN_N) {
    return SUPPRESSED;
  }
  return figure() ?? SUPPRESSED;
}

export function publicShare(counts: Counts): PublicFigure {
  return publicFigure(counts.n, () => wilson(counts.positive, counts.n));
}

export function publicNps(counts: Counts): PublicFigure {
  return publicFigure(counts.n, () => npsInterval(counts.positive, counts.negative, counts.n));
}

export const PublicWeekSchema = z.object({
  /** The Monday, a local date `YYYY-MM-DD`. */
  start: z.string(),
  n: z.number().int().min(PUBLIC_MIN_N).nullable(),
  positiveShare: PublicFigureSchema,
  nps: PublicFigureSchema.optional(),
});
export type PublicWeek = z.infer<typeof PublicWeekSchema>;

export const PublicQuestionSchema = z.object({
  questionId: z.string(),
  /** The question's wording as the unit's survey gives it; null when the survey has none. */
  text: LocalizedTextSchema.nullable(),
  scale: ScaleSchema,
  n: z.number().int().min(PUBLIC_MIN_N).nullable(),
  positiveShare: PublicFigureSchema,
  /** nps11 only. */
  nps: PublicFigureSchema.optional(),
  weeks: z.array(PublicWeekSchema),
});
export type PublicQuestion = z.infer<typeof PublicQuestionSchema>;

/** A short text in one or more languages, as a unit manager writes it for the public page. */
export const NoteTextSchema = z
  .record(LanguageCodeSchema, z.string().trim().min(1).max(300))
  .refine((text) => Object.keys(text).length > 0, 'needs at least one language');
export type NoteText = z.infer<typeof NoteTextSchema>;

/** "You said, we did", as the public sees it: the month it was written, never finer. */
export const PublicNoteSchema = z.object({
  id: z.string(),
  youSaid: NoteTextSchema,
  weDid: NoteTextSchema,
  /** `YYYY-MM`, in the unit's time zone. */
  month: z.string(),
});
export type PublicNote = z.infer<typeof PublicNoteSchema>;

/** `GET /public/v1/units/{unitId}`. */
export const PublicResultsSchema = z.object({
  unitId: z.string(),
  name: LocalizedTextSchema,
  /** Whole ISO weeks: `from` a Monday 00:00 local, `to` the Monday after the last week. */
  from: z.string(),
  to: z.string(),
  /** An extension: the zone the weeks are in. */
  timeZone: z.string(),
  questions: z.array(PublicQuestionSchema),
  /** An extension: "You said, we did", newest first. */
  notes: z.array(PublicNoteSchema),
});
export type PublicResults = z.infer<typeof PublicResultsSchema>;

/**
 * `from`/`to` of the public results (RFC 3339). Both are moved back to the Monday 00:00 (local)
 * of their week, and `to` to no later than this week's: a week is public only once it is over,
 * so watching the page tells no one when an answer came. Left out, the 13 whole weeks before
 * this one (91 days: the contract's 90, in whole weeks).
 */
export const PublicQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** The page's `?lang=`. */
export const PublicPageQuerySchema = PublicQuerySchema.extend({
  lang: z.enum(['fi', 'sv', 'en']).optional(),
});

/** A unit's "You said, we did" note as its managers see it (`/v1/units/{unitId}/notes`). */
export const UnitNoteSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  youSaid: NoteTextSchema,
  weDid: NoteTextSchema,
  createdAt: z.string(),
  createdBy: z.string(),
});
export type UnitNote = z.infer<typeof UnitNoteSchema>;
export const UnitNoteListSchema = z.array(UnitNoteSchema);

/** `POST /v1/units/{unitId}/notes`. */
export const UnitNoteInputSchema = z.strictObject({
  youSaid: NoteTextSchema,
  weDid: NoteTextSchema,
});
export type UnitNoteInput = z.infer<typeof UnitNoteInputSchema>;

import { z } from 'zod';
import { CONTACT_NAME_MAX_LENGTH } from './contact';
import { ScaleSchema } from './scales';

/**
 * Feedback handling, contact requests and alerts of central-reports.md: the queries as the
 * server reads them and the answers as it sends them (the OpenAPI document and the dashboard
 * are made from these). Fields marked "ours" extend the contract compatibly.
 */

const IdSchema = z.string().min(1).max(100);
const TimeSchema = z.iso.datetime({ offset: true });
const WholeNumberText = z.string().regex(/^-?\d{1,3}$/, 'a whole number');

export const FeedbackStateSchema = z.enum(['new', 'read', 'handled']);
export type FeedbackState = z.infer<typeof FeedbackStateSchema>;

/** A page of the inbox holds at most this many items (ours: `limit`, `before`). */
export const FEEDBACK_PAGE_MAX = 500;
export const FEEDBACK_PAGE_DEFAULT = 200;
export const NOTE_MAX_LENGTH = 2000;

/** `GET /v1/feedback`: every filter optional; `from` inclusive, `to` exclusive (answer times). */
export const FeedbackQuerySchema = z.object({
  unitId: IdSchema.optional(),
  state: FeedbackStateSchema.optional(),
  from: TimeSchema.optional(),
  to: TimeSchema.optional(),
  /** Ours: one question's items, and of those one value. */
  questionId: IdSchema.optional(),
  value: WholeNumberText.transform(Number).optional(),
  /** Ours: `true` only items with a contact request, `false` only those without. */
  contact: z.enum(['true', 'false']).optional(),
  /** Ours: at most this many items (default 200, at most 500). */
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(FEEDBACK_PAGE_MAX))
    .optional(),
  /** Ours: the next page: items older than the item of this id (the last of the page before). */
  before: IdSchema.optional(),
});
export type FeedbackQuery = z.infer<typeof FeedbackQuerySchema>;

export const FeedbackItemSchema = z.object({
  /** The response's id. */
  id: z.string(),
  unitId: z.string(),
  answeredAt: z.string(),
  questionId: z.string(),
  /** Ours: the question's scale, for showing the value as its face. */
  scale: ScaleSchema,
  value: z.number().int(),
  comment: z.string().nullable(),
  followUp: z.object({ questionId: z.string(), value: z.string() }).nullable(),
  hasContact: z.boolean(),
  state: FeedbackStateSchema,
  /** A contact request's: when an answer is due. */
  dueAt: z.string().optional(),
  /** Ours: when it was first marked read. */
  readAt: z.string().optional(),
  handledAt: z.string().optional(),
  /** Ours: who marked it handled (an account's e-mail, or `admin-token`). */
  handledBy: z.string().optional(),
  note: z.string().optional(),
  /** Ours: when the sealed contact was deleted (handled, or 30 days after the answer). */
  contactDeletedAt: z.string().optional(),
});
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>;
export const FeedbackListSchema = z.array(FeedbackItemSchema);

/** `PATCH /v1/feedback/{id}`: `handled` needs a note when the item has a contact request. */
export const FeedbackPatchSchema = z.strictObject({
  state: z.enum(['read', 'handled']),
  note: z.string().trim().min(1).max(NOTE_MAX_LENGTH).optional(),
});
export type FeedbackPatch = z.infer<typeof FeedbackPatchSchema>;

/** `POST /v1/feedback/{id}/contact`: the opened contact details. */
export const OpenedContactSchema = z.object({
  contact: z.object({
    name: z.string().max(CONTACT_NAME_MAX_LENGTH).optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
});
export type OpenedContact = z.infer<typeof OpenedContactSchema>;

/** Sealed contacts are deleted this many days after their answer, if not handled before. */
export const CONTACT_KEEP_DAYS = 30;

export const AlertStateSchema = z.enum(['open', 'acknowledged']);
export type AlertState = z.infer<typeof AlertStateSchema>;

export const AlertQuerySchema = z.object({
  unitId: IdSchema.optional(),
  state: AlertStateSchema.optional(),
});
export type AlertQuery = z.infer<typeof AlertQuerySchema>;

export const AlertSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  questionId: z.string(),
  /** The time of the answer that took the sum over h. */
  openedAt: z.string(),
  /** The negative answers, and all answers, since the sum last stood at 0. */
  negativeInWindow: z.number().int(),
  answersInWindow: z.number().int(),
  state: AlertStateSchema,
  acknowledgedBy: z.string().optional(),
  /** Ours. */
  acknowledgedAt: z.string().optional(),
  comment: z.string().optional(),
  /** Ours: p0, the unit's usual negative share the sum was measured against (a fraction). */
  baselineNegativeShare: z.number(),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertListSchema = z.array(AlertSchema);

export const AlertAcknowledgeSchema = z.strictObject({
  comment: z.string().trim().min(1).max(NOTE_MAX_LENGTH),
});
export type AlertAcknowledge = z.infer<typeof AlertAcknowledgeSchema>;

/** Ours: `GET /v1/mail/status`, for the dashboard's warning when e-mail does not get through. */
export const MailStatusSchema = z.object({
  /** Whether the server was started with `--smtp`. */
  configured: z.boolean(),
  /** Mails waiting to be sent (a first try, or a retry). */
  pending: z.number().int(),
  /** Of those, the ones whose last try failed. */
  failing: z.number().int(),
  /** The most recent failure, while any mail is failing. */
  lastError: z.object({ at: z.string(), message: z.string() }).optional(),
  /** When the oldest failing mail will be tried next. */
  nextAttemptAt: z.string().optional(),
});
export type MailStatus = z.infer<typeof MailStatusSchema>;

import { z } from 'zod';
import { ResponseSchema } from './response';
import { ScaleSchema } from './scales';
import { ButtonBoxConfigSchema, TerminalConfigSchema, TimingSchema } from './terminal-config';

/**
 * The bodies of central-api.md, version 1, as one set of schemas for both sides: the terminal's
 * sync client parses the server's answers with them, and the reference server validates requests
 * and builds its OpenAPI document from them.
 */

export const API_PREFIX = '/v1';
export const MAX_BATCH_RESPONSES = 500;
export const MAX_BATCH_BYTES = 512 * 1024;

export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string().max(100), message: z.string().max(1000) }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const EnrollRequestSchema = z.object({
  code: z.string().min(1).max(20),
  hardwareId: z.string().min(1).max(200),
  appVersion: z.string().min(1).max(50),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollAnswerSchema = z.object({
  terminalId: z.string().min(1).max(100),
  token: z.string().min(20).max(500),
  config: TerminalConfigSchema,
});
export type EnrollAnswer = z.infer<typeof EnrollAnswerSchema>;

export const UploadRequestSchema = z.object({
  responses: z.array(ResponseSchema).min(1).max(MAX_BATCH_RESPONSES),
});

export const RejectedItemSchema = z.object({
  id: z.string().max(64),
  code: z.string().max(100),
  message: z.string().max(1000),
});

/** Every id of the batch appears in exactly one of the three lists. */
export const UploadAnswerSchema = z.object({
  accepted: z.array(z.string().max(64)),
  duplicate: z.array(z.string().max(64)),
  rejected: z.array(RejectedItemSchema),
});
export type UploadAnswer = z.infer<typeof UploadAnswerSchema>;

export const HeartbeatSchema = z.object({
  appVersion: z.string().min(1).max(50),
  queued: z.number().int().min(0),
  oldestQueuedAt: z.iso.datetime().nullable(),
  lastSyncAt: z.iso.datetime().nullable(),
  buttonBox: z
    .object({
      connected: z.boolean(),
      model: z.string().max(100).nullable(),
      firmware: z.string().max(100).nullable(),
    })
    .nullable(),
  clock: z.iso.datetime(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/*
 * Admin bodies and queries (the second half of central-api.md), shared by the reference server
 * and any admin tool. Admin bodies are strict: an unknown field is a typo to report, not to drop.
 */

const configShape = TerminalConfigSchema.shape;
const timingShape = TimingSchema.shape;
const buttonBoxShape = ButtonBoxConfigSchema.shape;

export const DEFAULT_CODE_TTL_HOURS = 24;
export const MAX_CODE_TTL_HOURS = 24 * 30;

/** `POST /v1/admin/enrollment-codes`: the config a terminal will get, less its id. */
export const EnrollmentCodeRequestSchema = z.strictObject({
  unit: configShape.unit,
  survey: configShape.survey,
  languages: configShape.languages,
  defaultLanguage: configShape.defaultLanguage,
  timing: configShape.timing,
  buttonBox: configShape.buttonBox,
  ttlHours: z.number().positive().max(MAX_CODE_TTL_HOURS).optional(),
});
export type EnrollmentCodeRequest = z.input<typeof EnrollmentCodeRequestSchema>;

export const EnrollmentCodeAnswerSchema = z.object({
  code: z.string().min(1).max(20),
  expiresAt: z.iso.datetime(),
});
export type EnrollmentCodeAnswer = z.infer<typeof EnrollmentCodeAnswerSchema>;

/** A change to `timing`: the fields given replace the current ones, the others stay. */
export const TimingPatchSchema = z.strictObject({
  thankYouMs: timingShape.thankYouMs.unwrap().optional(),
  idleResetMs: timingShape.idleResetMs.unwrap().optional(),
  repeatWindowMs: timingShape.repeatWindowMs.unwrap().optional(),
});

/** A change to `buttonBox`, field by field; `map: null` goes back to button n = value n. */
export const ButtonBoxPatchSchema = z.strictObject({
  map: buttonBoxShape.map.unwrap().nullable().optional(),
  lightMs: buttonBoxShape.lightMs.unwrap().optional(),
  baudRate: buttonBoxShape.baudRate.unwrap().optional(),
});

/**
 * `PATCH /v1/admin/terminals/{terminalId}`: a field given replaces the current one (`timing`
 * and `buttonBox` field by field, `survey` whole); the merged config must still be valid.
 */
export const TerminalPatchRequestSchema = z.strictObject({
  languages: configShape.languages.unwrap().optional(),
  defaultLanguage: configShape.defaultLanguage.unwrap().optional(),
  timing: TimingPatchSchema.optional(),
  buttonBox: ButtonBoxPatchSchema.optional(),
  survey: configShape.survey.optional(),
  revoked: z.boolean().optional(),
});
export type TerminalPatchRequest = z.infer<typeof TerminalPatchRequestSchema>;

/** One row of `GET /v1/admin/terminals`; the heartbeat's fields are null until the first one. */
export const TerminalStatusSchema = z.object({
  terminalId: z.string().min(1).max(100),
  unitId: z.string().min(1).max(100),
  hardwareId: z.string().max(200),
  enrolledAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  appVersion: z.string().max(50),
  queued: z.number().int().min(0).nullable(),
  oldestQueuedAt: z.iso.datetime().nullable(),
  lastSyncAt: z.iso.datetime().nullable(),
  clock: z.iso.datetime().nullable(),
  buttonBox: HeartbeatSchema.shape.buttonBox,
  revoked: z.boolean(),
});
export type TerminalStatus = z.infer<typeof TerminalStatusSchema>;
export const TerminalListSchema = z.array(TerminalStatusSchema);

const QueryIdSchema = z.string().min(1).max(100);
const QueryTimeSchema = z.iso.datetime({ offset: true });

/**
 * `GET /v1/admin/summary`. `from` is inclusive and `to` exclusive, on the answers' `answeredAt`.
 * `questionId` is our compatible extension of central-api.md: a selection that mixes scales
 * cannot be summed, and naming the question is how to narrow it to one.
 */
export const SummaryQuerySchema = z.object({
  unitId: QueryIdSchema.optional(),
  surveyId: QueryIdSchema.optional(),
  questionId: QueryIdSchema.optional(),
  from: QueryTimeSchema.optional(),
  to: QueryTimeSchema.optional(),
  includeRepeats: z.enum(['true', 'false']).optional(),
});
export type SummaryQuery = z.infer<typeof SummaryQuerySchema>;

export const SummaryAnswerSchema = z.object({
  /** The scale summed; null when nothing was selected (an extension of central-api.md). */
  scale: ScaleSchema.nullable(),
  total: z.number().int().min(0),
  byValue: z.record(z.string(), z.number().int().min(0)),
  mean: z.number().nullable(),
  positiveShare: z.number().min(0).max(1).nullable(),
  nps: z.number().int().min(-100).max(100).nullable().optional(),
  excluded: z.object({ repeat: z.number().int().min(0), test: z.number().int().min(0) }),
});
export type SummaryAnswer = z.infer<typeof SummaryAnswerSchema>;

/** `GET /v1/admin/responses.csv`: one unit's answers; `from` inclusive, `to` exclusive. */
export const ResponsesCsvQuerySchema = z.object({
  unitId: QueryIdSchema,
  from: QueryTimeSchema.optional(),
  to: QueryTimeSchema.optional(),
});
export type ResponsesCsvQuery = z.infer<typeof ResponsesCsvQuerySchema>;

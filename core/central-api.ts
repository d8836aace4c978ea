import { z } from 'zod';
import { ContactConfigSchema } from './contact';
import { StoreHealthSchema } from './durability';
import { QueueHealthSchema } from './queue-health';
import { RespondentSchema } from './response';
import { ScaleSchema } from './scales';
import { SurveyTemplateRequestSchema, TEMPLATE_IDS } from './templates';
import {
  ButtonBoxConfigSchema,
  StorageConfigSchema,
  TerminalConfigSchema,
  TimingSchema,
} from './terminal-config';

/**
 * The bodies of central-api.md, version 1, as one set of schemas for both sides: the terminal's
 * sync client parses the server's answers with them, and the reference server validates requests
 * and builds its OpenAPI document from them.
 */

export const API_PREFIX = '/v1';
/**
 * The batch limit of central-api.md: answers per upload. The one number behind the outbox's
 * batch, the bridge's `sync:upload` and journal calls, and the server's envelope.
 */
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

/**
 * One item of an upload as the envelope carries it: any value. The server parses each item with
 * ResponseSchema on its own, so one bad answer is rejected alone (in `rejected`) and the others
 * are stored; the OpenAPI document shows this item as a Response, the shape a terminal sends.
 */
export const UploadItemSchema = z.unknown();

/** `POST /v1/terminal/responses`: the envelope the server parses and the OpenAPI document shows. */
export const UploadRequestSchema = z.object({
  responses: z.array(UploadItemSchema).min(1).max(MAX_BATCH_RESPONSES),
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
  // Flat in the body, as central-api.md has them.
  ...QueueHealthSchema.shape,
  buttonBox: z
    .object({
      connected: z.boolean(),
      model: z.string().max(100).nullable(),
      firmware: z.string().max(100).nullable(),
    })
    .nullable(),
  clock: z.iso.datetime(),
  /** The terminal's store, journal and free space (optional: a compatible extension). */
  health: StoreHealthSchema.optional(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/*
 * Admin bodies and queries (the second half of central-api.md), shared by the reference server
 * and any admin tool. Admin bodies are strict: an unknown field is a typo to report, not to drop.
 */

const configShape = TerminalConfigSchema.shape;
const timingShape = TimingSchema.shape;
const buttonBoxShape = ButtonBoxConfigSchema.shape;
const storageShape = StorageConfigSchema.shape;

export const DEFAULT_CODE_TTL_HOURS = 24;
export const MAX_CODE_TTL_HOURS = 24 * 30;

/*
 * Our compatible extension of central-api.md (issue 7): where a body takes a `survey`, it may
 * name a built-in template of core/templates.ts instead, and the server builds the Survey. The
 * request's schema is made of the templates' own option schemas (core/templates.ts), and counts,
 * repeats and blank texts are left to the template's builder, so its rules live once.
 */
export { SurveyTemplateRequestSchema, type SurveyTemplateRequest } from './templates';

/** `POST /v1/admin/enrollment-codes`: the config a terminal will get, less its id. */
export const EnrollmentCodeRequestSchema = z.strictObject({
  unit: configShape.unit,
  survey: configShape.survey,
  languages: configShape.languages,
  defaultLanguage: configShape.defaultLanguage,
  timing: configShape.timing,
  buttonBox: configShape.buttonBox,
  storage: configShape.storage,
  /** Contact requests; `enabled` without `publicKey` takes the server's own key, if it has one. */
  contact: configShape.contact,
  ttlHours: z.number().positive().max(MAX_CODE_TTL_HOURS).optional(),
});
export type EnrollmentCodeRequest = z.input<typeof EnrollmentCodeRequestSchema>;

/**
 * The enrollment-code body as sent: `survey` or `surveyTemplate`, exactly one. The server turns
 * a template into its survey, then checks the body as an EnrollmentCodeRequest.
 */
export const EnrollmentCodeBodySchema = z
  .strictObject({
    ...EnrollmentCodeRequestSchema.shape,
    survey: configShape.survey.optional(),
    surveyTemplate: SurveyTemplateRequestSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.survey === undefined) === (body.surveyTemplate === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [body.survey === undefined ? 'survey' : 'surveyTemplate'],
        message: 'give exactly one of survey and surveyTemplate',
      });
    }
  })
  .meta({ description: 'Exactly one of `survey` and `surveyTemplate`.' });
export type EnrollmentCodeBody = z.input<typeof EnrollmentCodeBodySchema>;

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
  visitIdleMs: timingShape.visitIdleMs.unwrap().optional(),
});

/** A change to `buttonBox`, field by field; `map: null` goes back to button n = value n. */
export const ButtonBoxPatchSchema = z.strictObject({
  map: buttonBoxShape.map.unwrap().nullable().optional(),
  lightMs: buttonBoxShape.lightMs.unwrap().optional(),
  baudRate: buttonBoxShape.baudRate.unwrap().optional(),
});

/** A change to `storage` (the free space kept for answers), field by field. */
export const StoragePatchSchema = z.strictObject({
  reserveMb: storageShape.reserveMb.unwrap().optional(),
});

/**
 * A change to `contact`, field by field. `enabled: true` without a `publicKey` anywhere takes
 * the server's own key, if it has one.
 */
export const ContactPatchSchema = z.strictObject({
  enabled: z.boolean().optional(),
  publicKey: ContactConfigSchema.shape.publicKey,
  replyWithinDays: ContactConfigSchema.shape.replyWithinDays.unwrap().optional(),
});

/**
 * `PATCH /v1/admin/terminals/{terminalId}`: a field given replaces the current one (`timing`,
 * `buttonBox`, `storage` and `contact` field by field, `survey` whole); the merged config must still be
 * valid.
 */
export const TerminalPatchRequestSchema = z.strictObject({
  languages: configShape.languages.unwrap().optional(),
  defaultLanguage: configShape.defaultLanguage.unwrap().optional(),
  timing: TimingPatchSchema.optional(),
  buttonBox: ButtonBoxPatchSchema.optional(),
  storage: StoragePatchSchema.optional(),
  contact: ContactPatchSchema.optional(),
  survey: configShape.survey.optional(),
  revoked: z.boolean().optional(),
});
export type TerminalPatchRequest = z.infer<typeof TerminalPatchRequestSchema>;

/** The PATCH body as sent: at most one of `survey` and `surveyTemplate`. */
export const TerminalPatchBodySchema = z
  .strictObject({
    ...TerminalPatchRequestSchema.shape,
    surveyTemplate: SurveyTemplateRequestSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.survey !== undefined && body.surveyTemplate !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['surveyTemplate'],
        message: 'give at most one of survey and surveyTemplate',
      });
    }
  })
  .meta({ description: 'At most one of `survey` and `surveyTemplate`.' });
export type TerminalPatchBody = z.input<typeof TerminalPatchBodySchema>;

const TemplateTextSchema = z.object({ fi: z.string(), sv: z.string(), en: z.string() });
const CountSchema = z.object({ min: z.number().int(), max: z.number().int() });

/** `GET /v1/admin/survey-templates` (our extension): what an admin UI can offer. */
export const SurveyTemplateListSchema = z.object({
  templates: z.array(
    z.object({
      id: z.enum(TEMPLATE_IDS),
      name: TemplateTextSchema,
      description: TemplateTextSchema,
    }),
  ),
  /** `options.statements` of `national`, in the order they are asked; `default`: asked unless chosen otherwise. */
  national: z.object({
    statements: z.array(
      z.object({
        id: z.string(),
        theme: z.string(),
        text: TemplateTextSchema,
        default: z.boolean(),
      }),
    ),
    statementCount: CountSchema,
  }),
  /** `options.questions` of `children`, likewise. */
  children: z.object({
    questions: z.array(
      z.object({ id: z.string(), text: TemplateTextSchema, default: z.boolean() }),
    ),
    questionCount: CountSchema,
  }),
});
export type SurveyTemplateList = z.infer<typeof SurveyTemplateListSchema>;

/** One row of `GET /v1/admin/terminals`; the heartbeat's fields are null until the first one. */
export const TerminalStatusSchema = z.object({
  terminalId: z.string().min(1).max(100),
  unitId: z.string().min(1).max(100),
  hardwareId: z.string().max(200),
  enrolledAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  appVersion: z.string().max(50),
  // The last heartbeat's queue figures; `queued` is null until the first one.
  ...QueueHealthSchema.shape,
  queued: QueueHealthSchema.shape.queued.nullable(),
  clock: z.iso.datetime().nullable(),
  buttonBox: HeartbeatSchema.shape.buttonBox,
  revoked: z.boolean(),
  /** The last heartbeat's store health; null until one carried it (a compatible extension). */
  health: StoreHealthSchema.nullable().optional(),
});
export type TerminalStatus = z.infer<typeof TerminalStatusSchema>;
export const TerminalListSchema = z.array(TerminalStatusSchema);

const QueryIdSchema = z.string().min(1).max(100);
const QueryTimeSchema = z.iso.datetime({ offset: true });

/**
 * `GET /v1/admin/summary`. `from` is inclusive and `to` exclusive, on the answers' `answeredAt`.
 * `questionId` is our compatible extension of central-api.md: a selection that mixes scales
 * cannot be summed, and naming the question is how to narrow it to one. So is `respondent`.
 */
export const SummaryQuerySchema = z.object({
  unitId: QueryIdSchema.optional(),
  surveyId: QueryIdSchema.optional(),
  questionId: QueryIdSchema.optional(),
  /**
   * Our extension too: who answered (`respondent`), so reports separate patients from
   * relatives; `unknown` selects the answers of visits that did not ask or where it was skipped.
   */
  respondent: z.enum([...RespondentSchema.options, 'unknown']).optional(),
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

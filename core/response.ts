import { z } from 'zod';
import { ContactSealedSchema } from './contact';
import { LanguageCodeSchema } from './localized';
import { ScaleSchema, isValueOnScale } from './scales';

export const ResponseFlagSchema = z.enum(['repeat', 'test', 'clock_unsynced']);
export type ResponseFlag = z.infer<typeof ResponseFlagSchema>;

export const ResponseSourceSchema = z.enum(['button', 'keyboard', 'touch']);
export type ResponseSource = z.infer<typeof ResponseSourceSchema>;

export const RespondentSchema = z.enum(['patient', 'relative', 'other']);
export type Respondent = z.infer<typeof RespondentSchema>;

export const COMMENT_MAX_LENGTH = 500;

/** The Response object of central-api.md: one answer to one question, made on the terminal. */
export const ResponseSchema = z
  .object({
    id: z.uuid(),
    surveyId: z.string().min(1).max(100),
    surveyVersion: z.number().int().nonnegative(),
    questionId: z.string().min(1).max(100),
    scale: ScaleSchema,
    value: z.number().int(),
    language: LanguageCodeSchema,
    source: ResponseSourceSchema,
    answeredAt: z.iso.datetime({ offset: false, precision: undefined }),
    flags: z.array(ResponseFlagSchema).default([]),
    respondent: RespondentSchema.optional(),
    followUp: z
      .object({ questionId: z.string().min(1).max(100), value: z.string().min(1).max(100) })
      .optional(),
    comment: z.string().max(COMMENT_MAX_LENGTH).optional(),
    /** A contact request: the sealed box of the patient's contact details (core/contact.ts). */
    contactSealed: ContactSealedSchema.optional(),
  })
  .superRefine((response, ctx) => {
    if (!isValueOnScale(response.scale, response.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${response.value} is not a value of ${response.scale}`,
      });
    }
    if (new Set(response.flags).size !== response.flags.length) {
      ctx.addIssue({ code: 'custom', path: ['flags'], message: 'a flag is repeated' });
    }
  });
export type Response = z.infer<typeof ResponseSchema>;

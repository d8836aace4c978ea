import { z } from 'zod';
import { LocalizedTextSchema } from './localized';
import { ScaleSchema, isValueOnScale } from './scales';

const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, _ . - (max 100)');

export const FollowUpSchema = z.object({
  id: IdSchema,
  when: z.array(z.number().int()).min(1),
  options: z
    .array(z.object({ id: IdSchema, text: LocalizedTextSchema }))
    .min(1)
    .max(12),
});

/**
 * The pictograms the kiosk can draw beside a question (in child mode). A survey names one by
 * its `icon`; nothing is chosen by the question's id, so a county's own question keeps its own.
 */
export const QUESTION_ICONS = ['ear', 'info', 'shield', 'home', 'hand'] as const;
export type QuestionIcon = (typeof QUESTION_ICONS)[number];

/** Whether the kiosk knows `name`: a name from a newer server is drawn as no pictogram. */
export function isQuestionIcon(name: string | undefined): name is QuestionIcon {
  return (QUESTION_ICONS as readonly (string | undefined)[]).includes(name);
}

/**
 * Any short name, not only QUESTION_ICONS: a newer server may name a pictogram this terminal
 * does not have, and refusing the config for it would keep the terminal on its old survey.
 */
export const QuestionIconSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'a pictogram name: lower-case letters, digits and - (max 40)')
  .meta({
    description:
      `The pictogram drawn beside the question in child mode (an extension of central-api.md): ` +
      `${QUESTION_ICONS.join(', ')}. A name the terminal does not know is drawn as none.`,
  });

export const QuestionSchema = z
  .object({
    id: IdSchema,
    scale: ScaleSchema,
    text: LocalizedTextSchema.optional(),
    followUp: FollowUpSchema.optional(),
    icon: QuestionIconSchema.optional(),
    /**
     * Extension of central-api.md: an `agree5` statement may offer "cannot say". Its choice is
     * stored as no answer (the scale has no value for it), exactly like a skipped question.
     */
    cannotSay: z.boolean().optional(),
  })
  .superRefine((question, ctx) => {
    if (question.cannotSay === true && question.scale !== 'agree5') {
      ctx.addIssue({
        code: 'custom',
        path: ['cannotSay'],
        message: `only an agree5 statement offers "cannot say", not ${question.scale}`,
      });
    }
    for (const value of question.followUp?.when ?? []) {
      if (!isValueOnScale(question.scale, value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['followUp', 'when'],
          message: `${value} is not a value of ${question.scale}`,
        });
      }
    }
  });
export type Question = z.infer<typeof QuestionSchema>;

/** The Survey object of central-api.md. */
export const SurveySchema = z
  .object({
    id: IdSchema,
    version: z.number().int().nonnegative(),
    questions: z.array(QuestionSchema).min(1).max(20),
    comment: z.object({ enabled: z.boolean() }).prefault({ enabled: false }),
    askRespondent: z.boolean().default(false),
    /**
     * Extension of central-api.md: the child mode of a children's unit (bigger faces, a gentle
     * animation, pictograms beside the questions). Left out: the usual kiosk.
     */
    childMode: z.boolean().default(false),
  })
  .superRefine((survey, ctx) => {
    const seen = new Set<string>();
    survey.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'id'],
          message: 'duplicate question id',
        });
      }
      seen.add(question.id);
    });
  });
export type Survey = z.infer<typeof SurveySchema>;
export type SurveyInput = z.input<typeof SurveySchema>;

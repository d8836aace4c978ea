import { z } from 'zod';
import type { Question, SurveyInput } from './survey';
import { QuestionSchema, SurveySchema } from './survey';
import {
  BASIC_STATEMENT_COUNT,
  BASIC_STATEMENTS,
  CHILD_QUESTION_COUNT,
  CHILD_QUESTIONS,
  DEFAULT_BASIC_STATEMENTS,
  DEFAULT_CHILD_QUESTIONS,
  NPS_TEXT,
  TEMPLATE_LANGUAGES,
  VISIT_REASONS,
  VISIT_TEXT,
  type TemplateText,
} from './template-texts';
import { parseWith } from './validation';

export * from './template-texts';

/**
 * Built-in surveys a technician can pick without writing JSON. Each template is one object:
 * its id, its options as a zod schema (defaults included) and the builder of its Survey. The
 * admin API's validation, the admin CLI's flags and `--help`, and the refusals' words are all
 * derived from these objects (core/template-problems.ts, host/cli/admin/template-flags.ts), so
 * a new option is written here once.
 */

/** Items an option chooses from a fixed list (`statements`, `questions`), kept in their order. */
export type TemplateItemList = {
  /** What one item is called in a refusal: "basic statement". */
  what: string;
  ids: readonly string[];
  count: { readonly min: number; readonly max: number };
  /** The problem reason when too few or too many are chosen. */
  countReason: 'statement_count' | 'question_count';
};

export type SurveyTemplate<Id extends string, Options extends z.ZodObject> = {
  id: Id;
  name: TemplateText;
  description: TemplateText;
  /** Strict: an unknown option is a typo to report. Defaults live here and nowhere else. */
  options: Options;
  /** What `--help` says of each option's flag: one line per option, every option has one. */
  optionHelp: { readonly [Key in keyof Options['shape']]-?: string };
  /** The options that choose items from a list. */
  itemLists: { readonly [Key in keyof Options['shape']]?: TemplateItemList };
  /** The questions, or the reason the options cannot make them. */
  build(options: z.output<Options>): Question[] | TemplateProblem;
};

export type TemplateProblem =
  | { reason: 'statement_count' | 'question_count'; count: number; min: number; max: number }
  | { reason: 'unknown_item' | 'repeated_item'; id: string }
  | { reason: 'missing_language'; id: string; language: (typeof TEMPLATE_LANGUAGES)[number] }
  | { reason: 'invalid_survey'; field: string; message: string }
  /** The options do not fit the template's schema (a caller that skipped the request schema). */
  | { reason: 'invalid_options'; field: string; message: string };

const VERSION = 1;

/** Types a template: its builder and help are checked against its own option schema. */
function defineTemplate<const Id extends string, Options extends z.ZodObject>(
  template: SurveyTemplate<Id, Options>,
): SurveyTemplate<Id, Options> {
  return template;
}

/** The options every template takes; only the defaults differ. */
function commonOptions(defaults: { comment: boolean; childMode: boolean }) {
  return {
    askRespondent: z.boolean().default(false),
    comment: z.boolean().default(defaults.comment),
    childMode: z.boolean().default(defaults.childMode),
  };
}
const COMMON_HELP = {
  askRespondent: 'first ask who is answering (patient, relative, other)',
  comment: 'the open question at the end',
  childMode: 'big faces and pictograms',
} as const;

/** Picks the chosen items in their fixed order, so units that choose alike ask alike. */
function pick<T extends { id: string }>(
  all: readonly T[],
  chosen: readonly string[],
  list: TemplateItemList,
): T[] | TemplateProblem {
  const seen = new Set<string>();
  for (const id of chosen) {
    if (seen.has(id)) {
      return { reason: 'repeated_item', id };
    }
    if (!all.some((item) => item.id === id)) {
      return { reason: 'unknown_item', id };
    }
    seen.add(id);
  }
  if (seen.size < list.count.min || seen.size > list.count.max) {
    return { reason: list.countReason, count: seen.size, ...list.count };
  }
  return all.filter((item) => seen.has(item.id));
}

const visitSmiley = defineTemplate({
  id: 'visit-smiley',
  name: { fi: 'Käynnin hymiö', sv: 'Smiley för besöket', en: 'Visit smiley' },
  description: {
    fi: 'Yksi kysymys käynnistä hymiöillä. Huonon arvion jälkeen voi valita syyn.',
    sv: 'En fråga om besöket med smileys. Efter ett dåligt betyg kan man välja en orsak.',
    en: 'One question about the visit with smileys. After a low rating a reason can be chosen.',
  },
  options: z.strictObject({
    ...commonOptions({ comment: false, childMode: false }),
    scale: z.enum(['smiley3', 'smiley4', 'smiley5']).default('smiley4'),
    followUp: z.boolean().default(true),
  }),
  optionHelp: { ...COMMON_HELP, scale: 'the faces', followUp: 'a reason asked after a low answer' },
  itemLists: {},
  build(options) {
    const question: Question = { id: 'overall', scale: options.scale, text: { ...VISIT_TEXT } };
    if (options.followUp) {
      // On three faces only the lowest is negative: the middle one means "so-so".
      const when = options.scale === 'smiley3' ? [1] : [1, 2];
      question.followUp = { id: 'reason', when, options: VISIT_REASONS.map(copyItem) };
    }
    return [question];
  },
});

const CHILD_QUESTION_LIST: TemplateItemList = {
  what: "children's question",
  ids: CHILD_QUESTIONS.map(({ id }) => id),
  count: CHILD_QUESTION_COUNT,
  countReason: 'question_count',
};

const children = defineTemplate({
  id: 'children',
  name: { fi: 'Lasten kysely', sv: 'Enkät för barn', en: "Children's survey" },
  description: {
    fi: '3–5 lyhyttä kysymystä 7–12-vuotiaille, 3 tai 4 hymiötä ja kuvat.',
    sv: '3–5 korta frågor för barn i åldern 7–12, 3 eller 4 smileys och bilder.',
    en: '3–5 short questions for ages 7–12, 3 or 4 smileys and pictures.',
  },
  options: z.strictObject({
    ...commonOptions({ comment: false, childMode: true }),
    scale: z.enum(['smiley3', 'smiley4']).default('smiley3'),
    questions: z
      .array(z.enum(CHILD_QUESTIONS.map(({ id }) => id)))
      .default([...DEFAULT_CHILD_QUESTIONS]),
  }),
  optionHelp: { ...COMMON_HELP, scale: 'the faces', questions: 'the questions asked' },
  itemLists: { questions: CHILD_QUESTION_LIST },
  build(options) {
    const chosen = pick(CHILD_QUESTIONS, options.questions, CHILD_QUESTION_LIST);
    if (!Array.isArray(chosen)) {
      return chosen;
    }
    return chosen.map(({ id, text, icon }) => ({
      id,
      scale: options.scale,
      text: { ...text },
      icon,
    }));
  },
});

const BASIC_STATEMENT_LIST: TemplateItemList = {
  what: 'basic statement',
  ids: BASIC_STATEMENTS.map(({ id }) => id),
  count: BASIC_STATEMENT_COUNT,
  countReason: 'statement_count',
};

/** A text of the unit's own, as an admin sends it: all three languages, each to be checked. */
const UnitTextSchema = z.strictObject({
  fi: z.string().max(500),
  sv: z.string().max(500),
  en: z.string().max(500),
});

const national = defineTemplate({
  id: 'national',
  name: {
    fi: 'Kansallinen asiakaspalaute',
    sv: 'Nationell kundrespons',
    en: 'National customer feedback',
  },
  description: {
    fi: 'Suosittelukysymys (0–10), 2–7 perusväittämää, yksikön omat väittämät ja avoin kysymys.',
    sv: 'Rekommendationsfrågan (0–10), 2–7 grundpåståenden, enhetens egna påståenden och en öppen fråga.',
    en: 'The recommendation question (0–10), 2–7 basic statements, the unit’s own statements and an open question.',
  },
  options: z.strictObject({
    ...commonOptions({ comment: true, childMode: false }),
    statements: z
      .array(z.enum(BASIC_STATEMENTS.map(({ id }) => id)))
      .default([...DEFAULT_BASIC_STATEMENTS]),
    /** Every statement offers "cannot say", stored as no answer. */
    cannotSay: z.boolean().default(true),
    unitStatements: z
      .array(z.strictObject({ id: QuestionSchema.shape.id, text: UnitTextSchema }))
      .default([]),
  }),
  optionHelp: {
    ...COMMON_HELP,
    statements: 'the basic statements asked',
    cannotSay: 'a "cannot say" choice under the statements',
    unitStatements:
      "one of the unit's own statements, after the basic ones, in Finnish, Swedish and English",
  },
  itemLists: { statements: BASIC_STATEMENT_LIST },
  build(options) {
    const chosen = pick(BASIC_STATEMENTS, options.statements, BASIC_STATEMENT_LIST);
    if (!Array.isArray(chosen)) {
      return chosen;
    }
    for (const statement of options.unitStatements) {
      // A missing language would fall back to the terminal's default agree5 sentence: a
      // different statement than the unit asked, so every language is required here.
      const language = TEMPLATE_LANGUAGES.find((code) => !statement.text[code].trim());
      if (language) {
        return { reason: 'missing_language', id: statement.id, language };
      }
    }
    return [
      { id: 'nps', scale: 'nps11', text: { ...NPS_TEXT } },
      ...[...chosen, ...options.unitStatements].map(({ id, text }) => ({
        id,
        scale: 'agree5' as const,
        text: { ...text },
        ...(options.cannotSay ? { cannotSay: true } : {}),
      })),
    ];
  },
});

function copyItem(item: { id: string; text: TemplateText }) {
  return { id: item.id, text: { ...item.text } };
}

/** Every built-in template, in the order a picker offers them. */
export const SURVEY_TEMPLATES = [visitSmiley, children, national] as const;
export type AnySurveyTemplate = (typeof SURVEY_TEMPLATES)[number];
export type TemplateId = AnySurveyTemplate['id'];
export const TEMPLATE_IDS = SURVEY_TEMPLATES.map(({ id }) => id) as [TemplateId, ...TemplateId[]];
export type TemplateOf<Id extends TemplateId> = Extract<AnySurveyTemplate, { id: Id }>;
/** A template's options as a caller writes them: every one optional. */
export type TemplateOptions = { [Id in TemplateId]: z.input<TemplateOf<Id>['options']> };

export function templateById<Id extends TemplateId>(id: Id): TemplateOf<Id> {
  return SURVEY_TEMPLATES.find((template) => template.id === id) as TemplateOf<Id>;
}

/** One template's request: `{id, version?, options?}`, strict like every admin body. */
function requestSchema<Id extends string, Options extends z.ZodObject>(
  template: SurveyTemplate<Id, Options>,
) {
  return z.strictObject({
    id: z.literal(template.id),
    /** The built survey's version (default 1): a changed survey needs a new one (central-api.md). */
    version: z.number().int().nonnegative().optional(),
    options: template.options.optional(),
  });
}

/**
 * `"surveyTemplate": {"id", "version", "options"}` of the admin bodies, our extension of
 * central-api.md: exactly what the templates' option schemas accept, since it is made of them.
 */
export const SurveyTemplateRequestSchema = z.discriminatedUnion('id', [
  requestSchema(visitSmiley),
  requestSchema(children),
  requestSchema(national),
]);
export type SurveyTemplateRequest = z.infer<typeof SurveyTemplateRequestSchema>;

export type TemplateResult = { ok: true; survey: SurveyInput } | ({ ok: false } & TemplateProblem);

export class TemplateError extends Error {
  readonly problem: TemplateProblem;
  constructor(problem: TemplateProblem) {
    super(`survey template: ${problem.reason}`);
    this.name = 'TemplateError';
    this.problem = problem;
  }
}

/** A schema's refusal as a problem: an unknown item of a list keeps its own reason. */
function optionsProblem(template: AnySurveyTemplate, options: unknown): TemplateProblem {
  const parsed = template.options.safeParse(options);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  const [key, index] = issue?.path ?? [];
  const list =
    typeof key === 'string' ? (template.itemLists as Record<string, unknown>)[key] : undefined;
  if (issue?.code === 'invalid_value' && list !== undefined && typeof index === 'number') {
    const given = (options as Record<string, unknown[]>)[key as string]?.[index];
    return { reason: 'unknown_item', id: String(given) };
  }
  return {
    reason: 'invalid_options',
    field: issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue?.message ?? 'invalid',
  };
}

function build(template: AnySurveyTemplate, given: unknown): SurveyInput | TemplateProblem {
  const options = template.options.safeParse(given ?? {});
  if (!options.success) {
    return optionsProblem(template, given ?? {});
  }
  // Each template's builder takes its own options: the pair is matched by the template itself.
  const questions = (template.build as (options: unknown) => Question[] | TemplateProblem)(
    options.data,
  );
  if (!Array.isArray(questions)) {
    return questions;
  }
  const { comment, askRespondent, childMode } = options.data;
  const survey: SurveyInput = {
    id: template.id,
    version: VERSION,
    questions,
    comment: { enabled: comment },
    askRespondent,
    childMode,
  };
  const parsed = parseWith(SurveySchema, survey);
  return parsed.ok
    ? survey
    : { reason: 'invalid_survey', field: parsed.field, message: parsed.message };
}

/** The survey of a template, or the problem with the options as a value for the picker. */
export function buildSurveyTemplate<Id extends TemplateId>(
  id: Id,
  options?: TemplateOptions[Id],
): TemplateResult {
  const built = build(templateById(id), options);
  return 'reason' in built ? { ok: false, ...built } : { ok: true, survey: built };
}

/** The survey of a template; throws a TemplateError when the options are out of range. */
export function surveyTemplate<Id extends TemplateId>(
  id: Id,
  options?: TemplateOptions[Id],
): SurveyInput {
  const built = build(templateById(id), options);
  if ('reason' in built) {
    throw new TemplateError(built);
  }
  return built;
}

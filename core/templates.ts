import type { Question, SurveyInput } from './survey';
import { SurveySchema } from './survey';
import { parseWith } from './validation';

/**
 * Built-in surveys a technician can pick without writing JSON. Every text faces patients in
 * fi, sv and en; docs/survey-templates.md says which wording is public and which is our own.
 */
export type TemplateId = 'visit-smiley' | 'children' | 'national';

/** A text in all three languages of the terminal: a template never leans on a fallback. */
export type TemplateText = { fi: string; sv: string; en: string };
export const TEMPLATE_LANGUAGES = ['fi', 'sv', 'en'] as const;

export const SURVEY_TEMPLATES: readonly {
  id: TemplateId;
  name: TemplateText;
  description: TemplateText;
}[] = [
  {
    id: 'visit-smiley',
    name: { fi: 'Käynnin hymiö', sv: 'Smiley för besöket', en: 'Visit smiley' },
    description: {
      fi: 'Yksi kysymys käynnistä hymiöillä. Huonon arvion jälkeen voi valita syyn.',
      sv: 'En fråga om besöket med smileys. Efter ett dåligt betyg kan man välja en orsak.',
      en: 'One question about the visit with smileys. After a low rating a reason can be chosen.',
    },
  },
  {
    id: 'children',
    name: { fi: 'Lasten kysely', sv: 'Enkät för barn', en: "Children's survey" },
    description: {
      fi: '3–5 lyhyttä kysymystä 7–12-vuotiaille, 3 tai 4 hymiötä ja kuvat.',
      sv: '3–5 korta frågor för barn i åldern 7–12, 3 eller 4 smileys och bilder.',
      en: '3–5 short questions for ages 7–12, 3 or 4 smileys and pictures.',
    },
  },
  {
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
  },
];

/** The NPS question as counties ask it by SMS (fi), HUS (sv) and THL's forms (en). */
export const NPS_TEXT: TemplateText = {
  fi: 'Kuinka todennäköisesti suosittelisit saamaasi hoitoa/palvelua läheisellesi?',
  sv: 'Hur sannolikt skulle du rekommendera servicen du fått till din närmaste om hens situation var likadan?',
  en: 'How likely would you be to recommend the service you received to a family member or friend in the same situation?',
};

export type NationalTheme = 'access' | 'met' | 'safety' | 'information' | 'useful';

/** The basic statements on the national themes, in the order they are always asked. */
export const BASIC_STATEMENTS = [
  {
    id: 'access',
    theme: 'access',
    text: {
      fi: 'Sain palvelua silloin, kun tarvitsin.',
      sv: 'Jag fick service när jag behövde den.',
      en: 'I got the service when I needed it.',
    },
  },
  {
    id: 'contact',
    theme: 'access',
    text: {
      fi: 'Sain helposti yhteyden palveluun.',
      sv: 'Det var lätt att få kontakt med servicen.',
      en: 'It was easy to contact the service.',
    },
  },
  {
    id: 'met',
    theme: 'met',
    text: {
      fi: 'Minua kohdeltiin arvostavasti.',
      sv: 'Jag blev bemött med respekt.',
      en: 'I was treated with respect.',
    },
  },
  {
    id: 'involved',
    theme: 'met',
    text: {
      fi: 'Sain olla mukana päättämässä asioistani.',
      sv: 'Jag fick vara med och bestämma i frågor som gäller mig.',
      en: 'I could take part in decisions that concern me.',
    },
  },
  {
    id: 'safety',
    theme: 'safety',
    text: {
      fi: 'Tunsin oloni turvalliseksi.',
      sv: 'Jag kände mig trygg.',
      en: 'I felt safe.',
    },
  },
  {
    id: 'information',
    theme: 'information',
    text: {
      fi: 'Sain tietoa, jota oli helppo ymmärtää.',
      sv: 'Jag fick information som var lätt att förstå.',
      en: 'I got information that was easy to understand.',
    },
  },
  {
    id: 'useful',
    theme: 'useful',
    text: {
      fi: 'Palvelusta oli minulle hyötyä.',
      sv: 'Jag hade nytta av servicen.',
      en: 'The service was useful to me.',
    },
  },
] as const satisfies readonly { id: string; theme: NationalTheme; text: TemplateText }[];
export type BasicStatementId = (typeof BASIC_STATEMENTS)[number]['id'];

/** One statement per theme: the five a unit asks unless told otherwise. */
export const DEFAULT_BASIC_STATEMENTS: readonly BasicStatementId[] = [
  'access',
  'met',
  'safety',
  'information',
  'useful',
];
export const BASIC_STATEMENT_COUNT = { min: 2, max: 7 } as const;

/** Pictograms the UI can draw beside a question; the Survey schema has no picture field yet. */
export const QUESTION_ICONS = ['ear', 'info', 'shield', 'home', 'hand'] as const;
export type QuestionIcon = (typeof QUESTION_ICONS)[number];

export const CHILD_QUESTIONS = [
  {
    id: 'listened',
    icon: 'ear',
    text: { fi: 'Kuunneltiinko sinua?', sv: 'Blev du lyssnad på?', en: 'Were you listened to?' },
  },
  {
    id: 'told',
    icon: 'info',
    text: {
      fi: 'Saitko tietää, mitä tapahtuu?',
      sv: 'Fick du veta vad som skulle hända?',
      en: 'Did you get to know what would happen?',
    },
  },
  {
    id: 'safe',
    icon: 'shield',
    text: {
      fi: 'Oliko sinulla turvallinen olo?',
      sv: 'Kände du dig trygg?',
      en: 'Did you feel safe?',
    },
  },
  {
    id: 'nice',
    icon: 'home',
    text: { fi: 'Oliko täällä mukavaa?', sv: 'Var det trevligt här?', en: 'Was it nice here?' },
  },
  {
    id: 'helped',
    icon: 'hand',
    text: { fi: 'Saitko apua?', sv: 'Fick du hjälp?', en: 'Did you get help?' },
  },
] as const satisfies readonly { id: string; icon: QuestionIcon; text: TemplateText }[];
export type ChildQuestionId = (typeof CHILD_QUESTIONS)[number]['id'];
export const DEFAULT_CHILD_QUESTIONS: readonly ChildQuestionId[] = [
  'listened',
  'told',
  'safe',
  'nice',
];
export const CHILD_QUESTION_COUNT = { min: 3, max: 5 } as const;

/** The pictogram of a question, by question id: what the UI reads until the schema has one. */
export const QUESTION_ICON_BY_ID: Readonly<Record<string, QuestionIcon>> = Object.fromEntries(
  CHILD_QUESTIONS.map((question) => [question.id, question.icon]),
);

export const VISIT_TEXT: TemplateText = {
  fi: 'Millainen käyntisi oli tänään?',
  sv: 'Hur var ditt besök i dag?',
  en: 'How was your visit today?',
};

export const VISIT_REASONS = [
  { id: 'waiting-time', text: { fi: 'Odotusaika', sv: 'Väntetid', en: 'Waiting time' } },
  { id: 'being-met', text: { fi: 'Kohtelu', sv: 'Bemötande', en: 'How I was treated' } },
  { id: 'information', text: { fi: 'Tiedonsaanti', sv: 'Information', en: 'Information' } },
  { id: 'cleanliness', text: { fi: 'Siisteys', sv: 'Renlighet', en: 'Cleanliness' } },
  { id: 'other', text: { fi: 'Muu asia', sv: 'Något annat', en: 'Something else' } },
] as const satisfies readonly { id: string; text: TemplateText }[];

type CommonOptions = {
  /** A first, skippable screen asks who is answering (default false). */
  askRespondent?: boolean;
  /** The open question at the end (default: true in the national set, false elsewhere). */
  comment?: boolean;
  /** Bigger faces, a gentle animation and pictograms (default: true for children, else false). */
  childMode?: boolean;
};
export type VisitSmileyOptions = CommonOptions & {
  scale?: 'smiley3' | 'smiley4' | 'smiley5';
  /** Ask for a reason after a low answer (default true). */
  followUp?: boolean;
};
export type ChildrenOptions = CommonOptions & {
  scale?: 'smiley3' | 'smiley4';
  questions?: readonly ChildQuestionId[];
};
export type UnitStatement = { id: string; text: TemplateText };
export type NationalOptions = CommonOptions & {
  statements?: readonly BasicStatementId[];
  /** Every statement offers "cannot say", stored as no answer (default true). */
  cannotSay?: boolean;
  unitStatements?: readonly UnitStatement[];
};
export type TemplateOptions = {
  'visit-smiley': VisitSmileyOptions;
  children: ChildrenOptions;
  national: NationalOptions;
};

export type TemplateProblem =
  | { reason: 'statement_count' | 'question_count'; count: number; min: number; max: number }
  | { reason: 'unknown_item' | 'repeated_item'; id: string }
  | { reason: 'missing_language'; id: string; language: (typeof TEMPLATE_LANGUAGES)[number] }
  | { reason: 'invalid_survey'; field: string; message: string };
export type TemplateResult = { ok: true; survey: SurveyInput } | ({ ok: false } & TemplateProblem);

export class TemplateError extends Error {
  readonly problem: TemplateProblem;
  constructor(problem: TemplateProblem) {
    super(`survey template: ${problem.reason}`);
    this.name = 'TemplateError';
    this.problem = problem;
  }
}

const VERSION = 1;

/** Picks the chosen items in their fixed order, so units that choose alike ask alike. */
function pick<T extends { id: string }>(
  all: readonly T[],
  chosen: readonly string[],
  reason: 'statement_count' | 'question_count',
  bounds: { min: number; max: number },
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
  if (seen.size < bounds.min || seen.size > bounds.max) {
    return { reason, count: seen.size, ...bounds };
  }
  return all.filter((item) => seen.has(item.id));
}

function visitSmiley(options: VisitSmileyOptions = {}): SurveyInput | TemplateProblem {
  const scale = options.scale ?? 'smiley4';
  const question: Question = { id: 'overall', scale, text: { ...VISIT_TEXT } };
  if (options.followUp ?? true) {
    // On three faces only the lowest is negative: the middle one means "so-so".
    const when = scale === 'smiley3' ? [1] : [1, 2];
    question.followUp = { id: 'reason', when, options: VISIT_REASONS.map(copyItem) };
  }
  return survey('visit-smiley', [question], options, { comment: false, childMode: false });
}

function children(options: ChildrenOptions = {}): SurveyInput | TemplateProblem {
  const chosen = pick(
    CHILD_QUESTIONS,
    options.questions ?? DEFAULT_CHILD_QUESTIONS,
    'question_count',
    CHILD_QUESTION_COUNT,
  );
  if (!Array.isArray(chosen)) {
    return chosen;
  }
  const scale = options.scale ?? 'smiley3';
  const questions = chosen.map(({ id, text }) => ({ id, scale, text: { ...text } }));
  return survey('children', questions, options, { comment: false, childMode: true });
}

function national(options: NationalOptions = {}): SurveyInput | TemplateProblem {
  const chosen = pick(
    BASIC_STATEMENTS,
    options.statements ?? DEFAULT_BASIC_STATEMENTS,
    'statement_count',
    BASIC_STATEMENT_COUNT,
  );
  if (!Array.isArray(chosen)) {
    return chosen;
  }
  const unitStatements = options.unitStatements ?? [];
  for (const statement of unitStatements) {
    // A missing language would fall back to the terminal's default agree5 sentence: a
    // different statement than the unit asked, so every language is required here.
    const language = TEMPLATE_LANGUAGES.find((code) => !statement.text[code]?.trim());
    if (language) {
      return { reason: 'missing_language', id: statement.id, language };
    }
  }
  const cannotSay = options.cannotSay ?? true;
  const questions: Question[] = [
    { id: 'nps', scale: 'nps11', text: { ...NPS_TEXT } },
    ...[...chosen, ...unitStatements].map(({ id, text }) => ({
      id,
      scale: 'agree5' as const,
      text: { ...text },
      ...(cannotSay ? { cannotSay } : {}),
    })),
  ];
  return survey('national', questions, options, { comment: true, childMode: false });
}

function survey(
  id: TemplateId,
  questions: Question[],
  options: CommonOptions,
  defaults: { comment: boolean; childMode: boolean },
): SurveyInput {
  return {
    id,
    version: VERSION,
    questions,
    comment: { enabled: options.comment ?? defaults.comment },
    askRespondent: options.askRespondent ?? false,
    childMode: options.childMode ?? defaults.childMode,
  };
}

function copyItem(item: { id: string; text: TemplateText }) {
  return { id: item.id, text: { ...item.text } };
}

const BUILDERS: {
  [Id in TemplateId]: (options?: TemplateOptions[Id]) => SurveyInput | TemplateProblem;
} = { 'visit-smiley': visitSmiley, children, national };

function build<Id extends TemplateId>(
  id: Id,
  options: TemplateOptions[Id] | undefined,
): SurveyInput | TemplateProblem {
  const built = BUILDERS[id](options);
  if ('reason' in built) {
    return built;
  }
  const parsed = parseWith(SurveySchema, built);
  return parsed.ok
    ? built
    : { reason: 'invalid_survey', field: parsed.field, message: parsed.message };
}

/** The survey of a template, or the problem with the options as a value for the picker. */
export function buildSurveyTemplate<Id extends TemplateId>(
  id: Id,
  options?: TemplateOptions[Id],
): TemplateResult {
  const built = build(id, options);
  return 'reason' in built ? { ok: false, ...built } : { ok: true, survey: built };
}

/** The survey of a template; throws a TemplateError when the options are out of range. */
export function surveyTemplate<Id extends TemplateId>(
  id: Id,
  options?: TemplateOptions[Id],
): SurveyInput {
  const built = build(id, options);
  if ('reason' in built) {
    throw new TemplateError(built);
  }
  return built;
}

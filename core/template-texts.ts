import type { QuestionIcon } from './survey';

/**
 * The words of the built-in surveys (core/templates.ts). Every text faces patients in fi, sv and
 * en; docs/survey-templates.md says which wording is public and which is our own.
 */

/** A text in all three languages of the terminal: a template never leans on a fallback. */
export type TemplateText = { fi: string; sv: string; en: string };
export const TEMPLATE_LANGUAGES = ['fi', 'sv', 'en'] as const;

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

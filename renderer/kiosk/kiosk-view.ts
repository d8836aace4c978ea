import {
  isQuestionIcon,
  pickText,
  scaleValues,
  type LanguageCode,
  type Question,
  type QuestionIcon,
  type Scale,
  type TerminalConfig,
} from '../../core';
import { facesOf, type FaceKind } from './faces/face-kinds';

/** A translated text, with its language when it is not the one shown around it. */
export type ShownText = { text: string; lang: LanguageCode | undefined };

export type AnswerOption = {
  value: number;
  /** What the value means in the current language; also the button's accessible name. */
  label: string;
  face: FaceKind | undefined;
};

/**
 * How the answers are laid out: faces, the 0–10 row with its end labels under the ends, or the
 * five agreement steps. Worked out here so the buttons only draw what they are given.
 */
export type AnswerLayout =
  { kind: 'faces' } | { kind: 'nps11'; low: string; high: string } | { kind: 'agree5' };

export type LanguageOption = { code: LanguageCode; name: string; current: boolean };

export type KioskView = {
  unitName: ShownText;
  /** Which question of the survey, by index. */
  index: number;
  question: ShownText;
  scale: Scale;
  options: AnswerOption[];
  layout: AnswerLayout;
  languages: LanguageOption[];
  /** The "cannot say" button's words, when the statement offers it. */
  cannotSay: string | undefined;
  /** Bigger faces, a gentle animation and the question's pictogram (a children's unit). */
  childMode: boolean;
  /**
   * The question's pictogram, shown in child mode: the survey's `icon`, never guessed from the
   * question's id; a name this terminal does not know (from a newer server) is none.
   */
  icon: QuestionIcon | undefined;
};

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The question the kiosk asks (and a box answers): the survey's first. */
export function firstQuestion(config: TerminalConfig): Question {
  const [question] = config.survey.questions;
  if (!question) {
    throw new Error('a survey without questions passed validation');
  }
  return question;
}

/** Config text in `language`, else in the default language, else in any language it has. */
function configText(
  text: Record<string, string>,
  language: LanguageCode,
  fallback: LanguageCode,
): ShownText | undefined {
  const own = pickText(text, language);
  if (own !== undefined) {
    return { text: own, lang: undefined };
  }
  const [lang, other] =
    Object.entries(text).find(([code]) => code === fallback) ?? Object.entries(text)[0] ?? [];
  return lang !== undefined && other !== undefined ? { text: other, lang } : undefined;
}

function answerLayout(scale: Scale, t: Translate): AnswerLayout {
  switch (scale) {
    case 'nps11':
      return { kind: 'nps11', low: t('scaleEnd.nps11.low'), high: t('scaleEnd.nps11.high') };
    case 'agree5':
      return { kind: 'agree5' };
    case 'smiley3':
    case 'smiley4':
    case 'smiley5':
      return { kind: 'faces' };
  }
}

/** The unit's name in the language shown, or its id when it has no name to show. */
export function unitNameOf(config: TerminalConfig, language: LanguageCode): ShownText {
  return (
    configText(config.unit.name, language, config.defaultLanguage) ?? {
      text: config.unit.id,
      lang: undefined,
    }
  );
}

/** A text of the config (a follow-up chip) in the language shown, with its fallbacks. */
export function shownText(
  config: TerminalConfig,
  text: Record<string, string>,
  language: LanguageCode,
): ShownText {
  return configText(text, language, config.defaultLanguage) ?? { text: '', lang: undefined };
}

/** The unit's languages as buttons, each in its own name, the one shown marked. */
export function languageOptions(
  config: TerminalConfig,
  language: LanguageCode,
  languageName: (code: LanguageCode) => string,
): LanguageOption[] {
  return config.languages.map((code) => ({
    code,
    name: languageName(code),
    current: code === language,
  }));
}

/** Everything a question's screen shows, worked out from the config and the language. */
export function kioskView(
  config: TerminalConfig,
  language: LanguageCode,
  t: Translate,
  languageName: (code: LanguageCode) => string,
  index = 0,
): KioskView {
  const question = config.survey.questions[index] ?? firstQuestion(config);
  const faces = facesOf(question.scale);
  // A question text given for another language only falls back to our translation (central-api.md).
  const questionText = pickText(question.text, language);
  return {
    unitName: unitNameOf(config, language),
    index: config.survey.questions[index] ? index : 0,
    question: {
      text: questionText ?? t(`question.default.${question.scale}`),
      lang: undefined,
    },
    scale: question.scale,
    options: scaleValues(question.scale).map((value, index) => ({
      value,
      label: t(`scale.${question.scale}.${value}`),
      face: faces?.[index],
    })),
    layout: answerLayout(question.scale, t),
    languages: languageOptions(config, language, languageName),
    cannotSay:
      question.cannotSay === true && question.scale === 'agree5'
        ? t('answers.cannotSay')
        : undefined,
    childMode: config.survey.childMode,
    icon: isQuestionIcon(question.icon) ? question.icon : undefined,
  };
}

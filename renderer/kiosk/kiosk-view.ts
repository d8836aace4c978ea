import {
  pickText,
  scaleValues,
  type LanguageCode,
  type Question,
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
  question: ShownText;
  scale: Scale;
  options: AnswerOption[];
  layout: AnswerLayout;
  languages: LanguageOption[];
};

export type Translate = (key: string) => string;

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

/** Everything the kiosk screen shows, worked out from the config and the language. */
export function kioskView(
  config: TerminalConfig,
  language: LanguageCode,
  t: Translate,
  languageName: (code: LanguageCode) => string,
): KioskView {
  const question = firstQuestion(config);
  const faces = facesOf(question.scale);
  // A question text given for another language only falls back to our translation (central-api.md).
  const questionText = pickText(question.text, language);
  return {
    unitName: configText(config.unit.name, language, config.defaultLanguage) ?? {
      text: config.unit.id,
      lang: undefined,
    },
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
    languages: config.languages.map((code) => ({
      code,
      name: languageName(code),
      current: code === language,
    })),
  };
}

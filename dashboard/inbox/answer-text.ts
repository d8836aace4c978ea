import type { TFunction } from 'i18next';
import type { FeedbackItem } from '../../core/feedback-api';
import type { UnitQuestions } from '../../core/reports-api';
import { SCALES, type Scale } from '../../core/scales';
import { VISIT_REASONS } from '../../core/template-texts';
import { unitName } from '../format';

/**
 * An item's question, answer and follow-up reason as a person reads them: the survey's words
 * where the dashboard knows them, else their ids.
 */

/** "Unhappy (2/5)", "7/10": the value's word on the scale, and where it lies on it. */
export function valueText(t: TFunction, scale: Scale, value: number): string {
  const { max } = SCALES[scale];
  return scale === 'nps11'
    ? t('inbox.npsAnswer', { value, max })
    : t('inbox.answer', { word: t(`inbox.scale.${scale}.${value}`), value, max });
}

/** The question in the survey's words in the page's language, else its id. */
export function questionText(
  questions: UnitQuestions | undefined,
  questionId: string,
  language: string,
): string {
  const text = questions?.find((question) => question.questionId === questionId)?.text;
  return text ? unitName(text, language, questionId) : questionId;
}

/** The built-in follow-up reasons in the page's language; another survey's by its id. */
export function followUpText(followUp: FeedbackItem['followUp'], language: string): string | null {
  if (followUp === null) {
    return null;
  }
  const reason = VISIT_REASONS.find((known) => known.id === followUp.value);
  return reason === undefined ? followUp.value : unitName(reason.text, language, followUp.value);
}

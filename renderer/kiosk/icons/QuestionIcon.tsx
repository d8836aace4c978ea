import type { QuestionIcon as QuestionIconKind } from '../../../core';
import { IconSvg } from './IconSvg';
import { QUESTION_ICON_DRAWINGS } from './question-icon-shapes';

/** The pictogram above a child question, decorative: the question's heading carries the words. */
export function QuestionIcon({ icon }: { icon: QuestionIconKind }) {
  return <IconSvg drawing={QUESTION_ICON_DRAWINGS[icon]} className="question-icon" />;
}

import type { MouseEvent, ReactNode } from 'react';
import type { LanguageCode } from '../../core';
import { AnswerButtons } from './AnswerButtons';
import { QuestionIcon } from './icons/QuestionIcon';
import { LanguageButtons } from './LanguageButtons';
import type { KioskView } from './kiosk-view';

type Props = {
  view: KioskView;
  /** The failure message to show above the faces, when the last answer was not stored. */
  failure: string | undefined;
  busy: boolean;
  languageLabel: string;
  onAnswer: (value: number, event: MouseEvent<HTMLButtonElement>) => void;
  onLanguage: (code: LanguageCode) => void;
  /** "Cannot say" was chosen (a statement that offers it): no answer, on to the next. */
  onCannotSay?: () => void;
  /** Where the question stands in the survey (ProgressDots), when it has more than one. */
  progress?: ReactNode;
  /** The ways past a later question (StepActions). */
  actions?: ReactNode;
};

const QUESTION_ID = 'kiosk-question';

/** The faces, the question and the languages: what a patient sees at the exit. */
export function KioskScreen({
  view,
  failure,
  busy,
  languageLabel,
  onAnswer,
  onLanguage,
  onCannotSay,
  progress,
  actions,
}: Props) {
  const cannotSay =
    view.cannotSay !== undefined && onCannotSay
      ? { label: view.cannotSay, onChoose: onCannotSay }
      : undefined;
  return (
    <main
      data-screen={failure === undefined ? 'kiosk' : 'failed'}
      data-question={view.index}
      data-child={view.childMode ? 'true' : undefined}
      aria-busy={busy}
      className="screen kiosk"
    >
      <p className="unit-name" lang={view.unitName.lang}>
        {view.unitName.text}
      </p>
      {progress}
      {failure !== undefined && (
        <p role="alert" className="failure">
          {failure}
        </p>
      )}
      <h1 id={QUESTION_ID} className="question" lang={view.question.lang}>
        {view.childMode && view.icon && <QuestionIcon icon={view.icon} />}
        {view.question.text}
      </h1>
      <AnswerButtons
        options={view.options}
        layout={view.layout}
        labelledBy={QUESTION_ID}
        onAnswer={onAnswer}
        cannotSay={cannotSay}
      />
      {actions}
      <LanguageButtons languages={view.languages} label={languageLabel} onChoose={onLanguage} />
    </main>
  );
}

import type { MouseEvent } from 'react';
import type { LanguageCode } from '../../core';
import { AnswerButtons } from './AnswerButtons';
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
};

const QUESTION_ID = 'kiosk-question';

/** The faces, the question and the languages: what a patient sees at the exit. */
export function KioskScreen({ view, failure, busy, languageLabel, onAnswer, onLanguage }: Props) {
  return (
    <main
      data-screen={failure === undefined ? 'kiosk' : 'failed'}
      aria-busy={busy}
      className="screen kiosk"
    >
      <p className="unit-name" lang={view.unitName.lang}>
        {view.unitName.text}
      </p>
      {failure !== undefined && (
        <p role="alert" className="failure">
          {failure}
        </p>
      )}
      <h1 id={QUESTION_ID} className="question" lang={view.question.lang}>
        {view.question.text}
      </h1>
      <AnswerButtons
        options={view.options}
        layout={view.layout}
        labelledBy={QUESTION_ID}
        onAnswer={onAnswer}
      />
      <LanguageButtons languages={view.languages} label={languageLabel} onChoose={onLanguage} />
    </main>
  );
}

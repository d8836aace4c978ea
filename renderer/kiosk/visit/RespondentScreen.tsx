import { useId, type ReactNode } from 'react';
import type { Respondent } from '../../../core';
import type { ShownText } from '../kiosk-view';
import { StepActions } from './StepActions';
import './visit.css';
import { VisitHeading } from './VisitHeading';

export type RespondentChoice = { id: Respondent; label: string; icon?: ReactNode };

type Props = {
  unitName: ShownText;
  prompt: string;
  choices: RespondentChoice[];
  skipLabel: string;
  /** The choice, or null when the patient skipped the question. */
  onChoose: (respondent: Respondent | null) => void;
  /** The language buttons: this is the visit's first screen, where a language is chosen. */
  languages?: ReactNode;
  childMode?: boolean;
};

/** "Who is answering?": asked once, before the questions, and never required. */
export function RespondentScreen({
  unitName,
  prompt,
  choices,
  skipLabel,
  onChoose,
  languages,
  childMode = false,
}: Props) {
  const promptId = useId();
  return (
    <main
      data-screen="respondent"
      data-child={childMode ? 'true' : undefined}
      className="screen visit-screen"
    >
      <VisitHeading unitName={unitName} prompt={prompt} promptId={promptId} />
      <div role="group" aria-labelledby={promptId} className="visit-respondents">
        {choices.map((choice) => (
          <button
            key={choice.id}
            type="button"
            className="visit-choice visit-respondent"
            data-respondent={choice.id}
            onClick={() => onChoose(choice.id)}
          >
            {choice.icon !== undefined && (
              <span className="visit-respondent-icon" aria-hidden="true">
                {choice.icon}
              </span>
            )}
            <span className="visit-choice-label">{choice.label}</span>
          </button>
        ))}
      </div>
      <StepActions skipLabel={skipLabel} onSkip={() => onChoose(null)} />
      {languages}
    </main>
  );
}

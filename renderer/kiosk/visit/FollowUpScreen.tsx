import { useId } from 'react';
import type { ShownText } from '../kiosk-view';
import { ProgressDots } from './ProgressDots';
import { StepActions } from './StepActions';
import './visit.css';
import { VisitHeading } from './VisitHeading';

export type FollowUpChip = { id: string; label: ShownText };

type Props = {
  unitName: ShownText;
  prompt: string;
  chips: FollowUpChip[];
  progress?: { current: number; total: number; label: string };
  skipLabel: string;
  /** The chip's id, or null when the patient skipped the question. */
  onChoose: (id: string | null) => void;
};

/**
 * "What affected your answer most?": one tap on a chip answers it. Up to twelve chips wrap in a
 * grid that fits a landscape or a portrait screen without scrolling.
 */
export function FollowUpScreen({ unitName, prompt, chips, progress, skipLabel, onChoose }: Props) {
  const promptId = useId();
  return (
    <main data-screen="follow-up" className="screen visit-screen">
      <VisitHeading
        unitName={unitName}
        prompt={prompt}
        promptId={promptId}
        progress={
          progress && (
            <ProgressDots
              current={progress.current}
              total={progress.total}
              label={progress.label}
            />
          )
        }
      />
      <div
        role="group"
        aria-labelledby={promptId}
        className="visit-chips"
        data-count={chips.length}
      >
        {chips.map((chip) => (
          <button
            key={chip.id}
            type="button"
            className="visit-choice visit-chip"
            data-chip={chip.id}
            lang={chip.label.lang}
            onClick={() => onChoose(chip.id)}
          >
            <span className="visit-choice-label">{chip.label.text}</span>
          </button>
        ))}
      </div>
      <StepActions skipLabel={skipLabel} onSkip={() => onChoose(null)} />
    </main>
  );
}

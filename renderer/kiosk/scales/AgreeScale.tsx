import type { MouseEvent } from 'react';
import type { AnswerOption } from '../kiosk-view';
import { AnswerButton } from './AnswerButton';

type Props = {
  options: AnswerOption[];
  onAnswer: (value: number, event: MouseEvent<HTMLButtonElement>) => void;
  /** The statement offers "cannot say": its words, and what choosing it does (no answer). */
  cannotSay?: { label: string; onChoose: () => void };
};

/** Dots filled up to the step: the order of the steps seen at a glance, not in colour. */
function StepDots({ step, steps }: { step: number; steps: number }) {
  return (
    <span className="agree-dots" aria-hidden="true">
      {Array.from({ length: steps }, (_, index) => (
        <span key={index} className="agree-dot" data-filled={index < step} />
      ))}
    </span>
  );
}

/** The five agreement steps, from fully disagree to fully agree, each with its words. */
export function AgreeScale({ options, onAnswer, cannotSay }: Props) {
  return (
    <div className="agree">
      <div className="agree-row">
        {options.map((option, index) => (
          <AnswerButton
            key={option.value}
            option={option}
            className="agree-answer"
            onAnswer={onAnswer}
          >
            <StepDots step={index + 1} steps={options.length} />
            <span className="answer-label" aria-hidden="true">
              {option.label}
            </span>
          </AnswerButton>
        ))}
      </div>
      {cannotSay && (
        // Set apart from the steps so it does not read as a sixth one; it needs no dots. It
        // stores no answer: agree5 has no value for it (central-api.md), like a skip.
        <button
          type="button"
          className="agree-cannot-say"
          data-cannot-say
          onClick={cannotSay.onChoose}
        >
          {cannotSay.label}
        </button>
      )}
    </div>
  );
}

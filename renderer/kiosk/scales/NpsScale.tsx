import type { MouseEvent } from 'react';
import type { AnswerOption } from '../kiosk-view';
import { AnswerButton } from './AnswerButton';

type Props = {
  options: AnswerOption[];
  /** The end labels shown under 0 and 10; the buttons at the ends say them in their names too. */
  low: string;
  high: string;
  onAnswer: (value: number, event: MouseEvent<HTMLButtonElement>) => void;
};

/** The 0–10 recommendation scale: eleven numbered buttons with what the ends mean beneath them. */
export function NpsScale({ options, low, high, onAnswer }: Props) {
  return (
    <div className="nps">
      <div className="nps-row">
        {options.map((option) => (
          <AnswerButton
            key={option.value}
            option={option}
            className="nps-answer"
            onAnswer={onAnswer}
          >
            <span className="answer-number" aria-hidden="true">
              {option.value}
            </span>
          </AnswerButton>
        ))}
      </div>
      {/* Read once, in the names of 0 and 10; here for the eye only. */}
      <div className="nps-ends" aria-hidden="true">
        <span className="nps-end nps-end-low">{low}</span>
        <span className="nps-end nps-end-high">{high}</span>
      </div>
    </div>
  );
}

import type { MouseEvent } from 'react';
import { Face } from './faces/Face';
import type { AnswerOption } from './kiosk-view';

type Props = {
  options: AnswerOption[];
  /** The id of the question heading that names the group. */
  labelledBy: string;
  onAnswer: (value: number, event: MouseEvent<HTMLButtonElement>) => void;
};

/** One big button per value of the scale: a face for smiley scales, else its number. */
export function AnswerButtons({ options, labelledBy, onAnswer }: Props) {
  const faces = options.every((option) => option.face !== undefined);
  return (
    <div
      role="group"
      aria-labelledby={labelledBy}
      className={faces ? 'answers answers-faces' : 'answers answers-numbers'}
      data-count={options.length}
    >
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className="answer"
          data-value={option.value}
          aria-label={option.label}
          onClick={(event) => onAnswer(option.value, event)}
        >
          {option.face ? (
            <>
              <Face kind={option.face} />
              <span className="answer-label" aria-hidden="true">
                {option.label}
              </span>
            </>
          ) : (
            <span className="answer-number" aria-hidden="true">
              {option.value}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

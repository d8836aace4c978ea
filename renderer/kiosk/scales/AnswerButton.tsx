import type { MouseEvent, ReactNode } from 'react';
import type { AnswerOption } from '../kiosk-view';

type Props = {
  option: AnswerOption;
  /** The scale's own class, beside the shared `answer`. */
  className?: string;
  onAnswer: (value: number, event: MouseEvent<HTMLButtonElement>) => void;
  /** What the button shows; hidden from screen readers, which hear the option's label. */
  children: ReactNode;
};

/**
 * One answer button of any scale. Every one carries `data-value`: the end-to-end page models and
 * the box and keyboard paths find an answer by its value, whatever the scale looks like.
 */
export function AnswerButton({ option, className, onAnswer, children }: Props) {
  return (
    <button
      type="button"
      className={className === undefined ? 'answer' : `answer ${className}`}
      data-value={option.value}
      aria-label={option.label}
      onClick={(event) => onAnswer(option.value, event)}
    >
      {children}
    </button>
  );
}

import type { MouseEvent } from 'react';
import { Face } from './faces/Face';
import type { AnswerLayout, AnswerOption } from './kiosk-view';
import { AgreeScale } from './scales/AgreeScale';
import { AnswerButton } from './scales/AnswerButton';
import { NpsScale } from './scales/NpsScale';

type Props = {
  options: AnswerOption[];
  layout: AnswerLayout;
  /** The id of the question heading that names the group. */
  labelledBy: string;
  onAnswer: (value: number, event: MouseEvent<HTMLButtonElement>) => void;
  /** "Cannot say" on a statement that offers it. */
  cannotSay?: { label: string; onChoose: () => void };
};

/** The answers of the question, in one group named by it: faces, the 0–10 row, or the steps. */
export function AnswerButtons({ options, layout, labelledBy, onAnswer, cannotSay }: Props) {
  return (
    <div
      role="group"
      aria-labelledby={labelledBy}
      className={`answers answers-${layout.kind}`}
      data-count={options.length}
    >
      {layout.kind === 'nps11' && (
        <NpsScale options={options} low={layout.low} high={layout.high} onAnswer={onAnswer} />
      )}
      {layout.kind === 'agree5' && (
        <AgreeScale options={options} onAnswer={onAnswer} cannotSay={cannotSay} />
      )}
      {layout.kind === 'faces' &&
        options.map((option) => (
          <AnswerButton key={option.value} option={option} onAnswer={onAnswer}>
            {option.face && <Face kind={option.face} />}
            <span className="answer-label" aria-hidden="true">
              {option.label}
            </span>
          </AnswerButton>
        ))}
    </div>
  );
}

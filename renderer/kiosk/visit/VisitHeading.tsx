import type { ReactNode } from 'react';
import type { ShownText } from '../kiosk-view';

type Props = {
  unitName: ShownText;
  prompt: string;
  promptId: string;
  /** Where the screen stands in the survey (ProgressDots), between the name and the prompt. */
  progress?: ReactNode;
};

/** The top of every visit screen: the unit's name, then the prompt that names the screen. */
export function VisitHeading({ unitName, prompt, promptId, progress }: Props) {
  return (
    <>
      <p className="unit-name" lang={unitName.lang}>
        {unitName.text}
      </p>
      {progress}
      <h1 id={promptId} className="visit-prompt">
        {prompt}
      </h1>
    </>
  );
}

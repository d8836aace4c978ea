import { SkipButton } from './SkipButton';
import './visit.css';

type Props = {
  skipLabel: string;
  onSkip: () => void;
  /** Shown only with `onFinish`: ends the visit before its last question. */
  finishLabel?: string;
  onFinish?: () => void;
};

/** The way past a question without answering it, and out of the visit: under the answers. */
export function StepActions({ skipLabel, onSkip, finishLabel, onFinish }: Props) {
  return (
    <div className="visit-actions">
      <SkipButton label={skipLabel} onSkip={onSkip} />
      {finishLabel !== undefined && onFinish !== undefined && (
        <button
          type="button"
          className="visit-action visit-secondary"
          data-action="finish"
          onClick={onFinish}
        >
          {finishLabel}
        </button>
      )}
    </div>
  );
}

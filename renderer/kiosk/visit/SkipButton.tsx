import './visit.css';

type Props = { label: string; onSkip: () => void };

/** An arrow pointing onward: skipping goes forward, it does not cancel. */
function ForwardArrow() {
  return (
    <svg className="visit-arrow" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 12H19M13 6L19 12L13 18" />
    </svg>
  );
}

/** The "Skip" of every visit screen: secondary, but as easy to hit as an answer. */
export function SkipButton({ label, onSkip }: Props) {
  return (
    <button
      type="button"
      className="visit-action visit-secondary"
      data-action="skip"
      onClick={onSkip}
    >
      <span>{label}</span>
      <ForwardArrow />
    </button>
  );
}

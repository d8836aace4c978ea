import './visit.css';

type Props = {
  /** The question shown now, counted from 1. */
  current: number;
  total: number;
  /** What a screen reader hears ("Kysymys 2/6"), already translated. */
  label: string;
};

type DotState = 'done' | 'current' | 'todo';

function dotState(index: number, current: number): DotState {
  if (index + 1 < current) {
    return 'done';
  }
  return index + 1 === current ? 'current' : 'todo';
}

/**
 * How far the visit has come: a dot for each question, filled up to this one, and "2 / 6". The
 * dots differ in fill and shape (the current one is longer), never in colour alone; a screen
 * reader hears only the label. A visit of one question needs no progress.
 */
export function ProgressDots({ current, total, label }: Props) {
  if (total <= 1) {
    return null;
  }
  const shown = Math.min(Math.max(current, 0), total);
  return (
    <p className="visit-progress">
      <span className="visit-visually-hidden">{label}</span>
      <span className="visit-progress-dots" aria-hidden="true">
        {Array.from({ length: total }, (_, index) => (
          <span key={index} className="visit-progress-dot" data-state={dotState(index, shown)} />
        ))}
      </span>
      <span className="visit-progress-count" aria-hidden="true">
        {`${shown} / ${total}`}
      </span>
    </p>
  );
}

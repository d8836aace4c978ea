import { weeksWithAnswers, type TrendWeek } from './sparkline';
import './sparkline.css';

type Props = {
  weeks: readonly TrendWeek[];
  /** The vertical scale, shared by the table's rows (`sharedDomain`). */
  domain: { min: number; max: number };
  /** The same line in words (`sparklineLabel`): the picture is never its only telling. */
  label: string;
};

const WIDTH = 100;
const HEIGHT = 28;
const PAD = 3;

/**
 * Weekly positive shares as a line with a dot a week, broken where a week had no answers (a
 * gap, not a zero), the last week's dot larger. SVG attributes, not inline styles, for the CSP.
 */
export function Sparkline({ weeks, domain, label }: Props) {
  const points = weeksWithAnswers(weeks);
  const step = weeks.length > 1 ? (WIDTH - 2 * PAD) / (weeks.length - 1) : 0;
  const x = (index: number) => PAD + index * step;
  const y = (value: number) => {
    const clamped = Math.min(domain.max, Math.max(domain.min, value));
    return HEIGHT - PAD - ((clamped - domain.min) / (domain.max - domain.min)) * (HEIGHT - 2 * PAD);
  };
  // Runs of consecutive weeks with answers, each drawn as its own line.
  const runs: { index: number; value: number }[][] = [];
  for (const point of points) {
    const run = runs.at(-1);
    if (run !== undefined && run.at(-1)!.index === point.index - 1) {
      run.push(point);
    } else {
      runs.push([point]);
    }
  }
  const lastIndex = points.at(-1)?.index;
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      <line className="baseline" x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
      {runs
        .filter((run) => run.length > 1)
        .map((run) => (
          <polyline
            key={run[0]!.index}
            className="trend"
            points={run.map((p) => `${x(p.index)},${y(p.value)}`).join(' ')}
          />
        ))}
      {points.map((p) => (
        <circle
          key={p.index}
          className={p.index === lastIndex ? 'week last' : 'week'}
          cx={x(p.index)}
          cy={y(p.value)}
          r={p.index === lastIndex ? 2.5 : 1.5}
        />
      ))}
    </svg>
  );
}

import type { IntervalFigure } from '../../core/targets';

type Props = {
  interval: IntervalFigure;
  /** The scale's ends: 0…1 for a share, −100…100 for NPS. */
  min: number;
  max: number;
  /** The target on the same scale, drawn as a mark when there is one. */
  target?: number | undefined;
  /** The same numbers in words: the bar is a picture of them, never their only telling. */
  label: string;
};

const WIDTH = 100;
const HEIGHT = 14;

/**
 * A figure's 95 % interval as a small horizontal bar: the scale's track, the interval over it,
 * a tick at the value and a dashed mark at the target. SVG attributes, not inline styles, so the
 * page's CSP (style-src 'self') holds.
 */
export function IntervalBar({ interval, min, max, target, label }: Props) {
  const x = (v: number) => ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * WIDTH;
  const low = x(interval.low);
  const high = x(interval.high);
  return (
    <svg
      className="interval-bar"
      role="img"
      aria-label={label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      <rect className="track" x={0} y={4} width={WIDTH} height={6} rx={1} />
      <rect className="range" x={low} y={3} width={Math.max(1, high - low)} height={8} rx={1} />
      <rect className="value" x={x(interval.value) - 1} y={0} width={2} height={HEIGHT} />
      {target !== undefined && (
        <line className="target" x1={x(target)} x2={x(target)} y1={0} y2={HEIGHT} />
      )}
    </svg>
  );
}

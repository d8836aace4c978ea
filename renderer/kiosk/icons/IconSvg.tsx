import type { IconDrawing } from './icon-drawing';
import './icons.css';

/** Draws one pictogram, decorative: the words beside it carry the meaning. */
export function IconSvg({ drawing, className }: { drawing: IconDrawing; className: string }) {
  return (
    <svg className={className} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      {drawing.shapes.map(({ d, fill }) => (
        <path key={d} className="icon-shape" d={d} fill={fill} />
      ))}
      {drawing.strokes.map((d) => (
        <path key={d} className="icon-stroke" d={d} />
      ))}
      {drawing.inks.map((d) => (
        <path key={d} className="icon-ink" d={d} />
      ))}
    </svg>
  );
}

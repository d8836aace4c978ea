import type { FaceKind } from './face-kinds';
import { FACE_SHAPES } from './face-shapes';

/** One smiley face, decorative: its button carries the name. */
export function Face({ kind }: { kind: FaceKind }) {
  const shape = FACE_SHAPES[kind];
  return (
    <svg className="face" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <path className="face-outline" d={shape.outline} fill={shape.fill} />
      {shape.fills.map((d) => (
        <path key={d} className="face-fill" d={d} />
      ))}
      {shape.strokes.map((d) => (
        <path key={d} className="face-stroke" d={d} />
      ))}
    </svg>
  );
}

import type { FaceKind } from './face-kinds';

/**
 * The drawing of each face in a 100×100 box. The faces differ by shape and expression, not by
 * colour alone: the outline (square, octagon, rounded square, circle, flower), the mouth's
 * curve, the eyebrows and the eyes each tell one from another.
 */
export type FaceShape = {
  outline: string;
  fill: string;
  /** Stroked features: mouth, brows, eyes drawn as lines. */
  strokes: string[];
  /** Filled features: round eyes, an open mouth. */
  fills: string[];
};

function roundedSquare(inset: number, radius: number): string {
  const a = inset;
  const b = 100 - inset;
  const r = radius;
  return (
    `M${a + r} ${a}H${b - r}A${r} ${r} 0 0 1 ${b} ${a + r}V${b - r}` +
    `A${r} ${r} 0 0 1 ${b - r} ${b}H${a + r}A${r} ${r} 0 0 1 ${a} ${b - r}` +
    `V${a + r}A${r} ${r} 0 0 1 ${a + r} ${a}Z`
  );
}

function point(radius: number, angle: number): string {
  const x = 50 + radius * Math.cos(angle);
  const y = 50 + radius * Math.sin(angle);
  return `${x.toFixed(2)} ${y.toFixed(2)}`;
}

function polygon(sides: number, radius: number, turn: number): string {
  const points = Array.from({ length: sides }, (_, i) =>
    point(radius, turn + (2 * Math.PI * i) / sides),
  );
  return `M${points.join('L')}Z`;
}

/** A circle of small outward bumps, like a flower or the sun. */
function flower(bumps: number, radius: number, bump: number): string {
  const points = Array.from({ length: bumps }, (_, i) => point(radius, (2 * Math.PI * i) / bumps));
  return `M${points[0]}${points
    .slice(1)
    .concat(points[0] ?? '')
    .map((p) => `A${bump} ${bump} 0 0 1 ${p}`)
    .join('')}Z`;
}

const CIRCLE = 'M50 5A45 45 0 1 1 50 95A45 45 0 1 1 50 5Z';
const ROUND_EYES = [
  'M31.5 42a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0Z',
  'M59.5 42a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0Z',
];

export const FACE_SHAPES: Record<FaceKind, FaceShape> = {
  veryUnhappy: {
    outline: roundedSquare(6, 10),
    fill: '#f6aaa3',
    // Brows raised at the middle, a deep frown.
    strokes: ['M26 32L42 25', 'M74 32L58 25', 'M30 77Q50 55 70 77'],
    fills: ROUND_EYES,
  },
  unhappy: {
    outline: polygon(8, 46, Math.PI / 8),
    fill: '#f9cd9f',
    strokes: ['M29 31L42 28', 'M71 31L58 28', 'M33 73Q50 63 67 73'],
    fills: ROUND_EYES,
  },
  neutral: {
    outline: roundedSquare(6, 28),
    fill: '#f4e49c',
    // A straight mouth, no brows.
    strokes: ['M34 68H66'],
    fills: ROUND_EYES,
  },
  happy: {
    outline: CIRCLE,
    fill: '#c5e8a8',
    strokes: ['M31 61Q50 80 69 61'],
    fills: ROUND_EYES,
  },
  veryHappy: {
    outline: flower(14, 41, 9),
    fill: '#93d8a4',
    // Laughing eyes and a wide open smile.
    strokes: ['M30 44Q36 35 42 44', 'M58 44Q64 35 70 44'],
    fills: ['M28 57Q50 92 72 57Z'],
  },
};

/**
 * A pictogram in a 100×100 box, in the faces' visual language: soft colours inside thick ink
 * outlines, so the shape reads against the paper even where its colour is pale.
 */
export type IconDrawing = {
  /** Coloured areas, each outlined in ink, drawn back to front. */
  shapes: { d: string; fill: string }[];
  /** Ink lines drawn over the shapes. */
  strokes: string[];
  /** Solid ink details: dots, the letter i. */
  inks: string[];
};

/** Soft fills, the faces' palette; ink lines on each keep well above 3:1. */
export const ICON_FILLS = {
  skin: '#f9cd9f',
  sky: '#b9dcf5',
  leaf: '#c5e8a8',
  sun: '#f4e49c',
  brick: '#f6aaa3',
  mint: '#93d8a4',
  heart: '#d6455d',
  lilac: '#d8d0ee',
} as const;

/** A circle as two half arcs, in absolute commands only. */
export function circle(cx: number, cy: number, r: number): string {
  return `M${cx} ${cy - r}A${r} ${r} 0 1 1 ${cx} ${cy + r}A${r} ${r} 0 1 1 ${cx} ${cy - r}Z`;
}

/** A rectangle with round corners of radius r. */
export function roundedRect(
  x: number,
  y: number,
  width: number,
  height: number,
  r: number,
): string {
  const right = x + width;
  const bottom = y + height;
  return (
    `M${x + r} ${y}H${right - r}A${r} ${r} 0 0 1 ${right} ${y + r}V${bottom - r}` +
    `A${r} ${r} 0 0 1 ${right - r} ${bottom}H${x + r}A${r} ${r} 0 0 1 ${x} ${bottom - r}` +
    `V${y + r}A${r} ${r} 0 0 1 ${x + r} ${y}Z`
  );
}

/** A heart with its point at the bottom, `width` wide, its top edge at `top`. */
export function heart(cx: number, top: number, width: number): string {
  const s = width / 40;
  const x = (dx: number) => +(cx + dx * s).toFixed(2);
  const y = (dy: number) => +(top + dy * s).toFixed(2);
  return (
    `M${x(0)} ${y(34)}C${x(-14)} ${y(25)} ${x(-20)} ${y(18)} ${x(-20)} ${y(10)}` +
    `C${x(-20)} ${y(4)} ${x(-15)} ${y(0)} ${x(-10)} ${y(0)}C${x(-6)} ${y(0)} ${x(-2)} ${y(2)} ${x(0)} ${y(6)}` +
    `C${x(2)} ${y(2)} ${x(6)} ${y(0)} ${x(10)} ${y(0)}C${x(15)} ${y(0)} ${x(20)} ${y(4)} ${x(20)} ${y(10)}` +
    `C${x(20)} ${y(18)} ${x(14)} ${y(25)} ${x(0)} ${y(34)}Z`
  );
}

import { circle, ICON_FILLS, type IconDrawing } from './icon-drawing';

/** Who is answering: the patient, a relative (a parent with the child), or someone else. */
export const RESPONDENT_KINDS = ['patient', 'relative', 'other'] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];

/** Shoulders as a rounded block from `top` down to y = 92, `width` wide. */
function shoulders(cx: number, top: number, width: number): string {
  const half = width / 2;
  const curve = Math.min(18, 92 - top);
  return (
    `M${cx - half} 92V${top + curve}C${cx - half} ${top + 4} ${cx - half / 2} ${top} ${cx} ${top}` +
    `C${cx + half / 2} ${top} ${cx + half} ${top + 4} ${cx + half} ${top + curve}V92Z`
  );
}

export const RESPONDENT_ICON_DRAWINGS: Record<RespondentKind, IconDrawing> = {
  // One person.
  patient: {
    shapes: [
      { d: shoulders(50, 52, 56), fill: ICON_FILLS.sky },
      { d: circle(50, 28, 17), fill: ICON_FILLS.skin },
    ],
    strokes: [],
    inks: [],
  },
  // An adult and a child side by side.
  relative: {
    shapes: [
      { d: shoulders(36, 46, 48), fill: ICON_FILLS.leaf },
      { d: circle(36, 24, 14), fill: ICON_FILLS.skin },
      { d: shoulders(72, 66, 34), fill: ICON_FILLS.sun },
      { d: circle(72, 50, 10), fill: ICON_FILLS.skin },
    ],
    strokes: [],
    inks: [],
  },
  // A person with a question mark beside them.
  other: {
    shapes: [
      { d: shoulders(40, 54, 50), fill: ICON_FILLS.lilac },
      { d: circle(40, 32, 15), fill: ICON_FILLS.skin },
    ],
    strokes: ['M68 20C68 13 74 9 80 9C86 9 91 13 91 19C91 26 80 27 80 35V37'],
    inks: [circle(80, 47, 4)],
  },
};

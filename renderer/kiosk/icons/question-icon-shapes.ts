import type { QuestionIcon } from '../../../core';
import { circle, heart, ICON_FILLS, roundedRect, type IconDrawing } from './icon-drawing';

/**
 * The pictogram of each child question, so a child who cannot read yet still knows what is asked.
 * Each differs by its outline, not by colour alone.
 */
export const QUESTION_ICON_DRAWINGS: Record<QuestionIcon, IconDrawing> = {
  // Being listened to: an ear, with a voice's waves coming to it.
  ear: {
    shapes: [
      {
        d:
          'M44 40C44 20 56 8 68 8C81 8 90 20 90 34C90 48 82 54 78 62' +
          'C74 70 74 80 68 87C62 94 51 92 49 84C47 76 44 58 44 40Z',
        fill: ICON_FILLS.skin,
      },
    ],
    strokes: [
      'M56 46C56 30 62 21 69 21C76 21 80 27 80 34C80 42 72 46 70 54C68 61 61 63 59 57',
      'M12 38A16 16 0 0 1 12 62',
      'M22 27A30 30 0 0 1 22 73',
    ],
    inks: [],
  },
  // Being told what happens: a speech bubble with an i.
  info: {
    shapes: [
      {
        d: 'M24 8H76A14 14 0 0 1 90 22V58A14 14 0 0 1 76 72H46L24 92L30 72H24A14 14 0 0 1 10 58V22A14 14 0 0 1 24 8Z',
        fill: ICON_FILLS.sky,
      },
    ],
    strokes: [],
    inks: [circle(50, 24, 6), roundedRect(45, 36, 10, 26, 5)],
  },
  // Safe: a shield with a tick.
  shield: {
    shapes: [
      {
        d: 'M50 6L86 18V46C86 68 72 84 50 94C28 84 14 68 14 46V18Z',
        fill: ICON_FILLS.leaf,
      },
    ],
    strokes: ['M33 50L45 62L68 37'],
    inks: [],
  },
  // A nice place: a house with a heart under its roof.
  home: {
    shapes: [
      { d: 'M66 12H78V36H66Z', fill: ICON_FILLS.brick },
      { d: 'M20 44H80V90H20Z', fill: ICON_FILLS.sun },
      { d: 'M50 10L92 46H8Z', fill: ICON_FILLS.brick },
      { d: 'M40 90V71A10 10 0 0 1 60 71V90Z', fill: ICON_FILLS.mint },
      { d: heart(50, 26, 18), fill: ICON_FILLS.heart },
    ],
    strokes: [],
    inks: [circle(55, 80, 2.5)],
  },
  // Getting help: an open hand holding a heart.
  hand: {
    shapes: [
      { d: 'M6 58H22V92H6Z', fill: ICON_FILLS.sky },
      {
        d:
          'M22 62C28 62 32 58 35 52C37 47 44 47 44 53C44 57 42 61 42 63H85' +
          'C91 63 91 72 85 72H81C87 72 87 81 81 81H72C67 86 57 90 44 90H22Z',
        fill: ICON_FILLS.skin,
      },
      { d: heart(63, 22, 40), fill: ICON_FILLS.heart },
    ],
    strokes: ['M60 72H81'],
    inks: [],
  },
};

import type { Scale } from '../../../core';

export type FaceKind = 'veryUnhappy' | 'unhappy' | 'neutral' | 'happy' | 'veryHappy';

const FACES: Partial<Record<Scale, readonly FaceKind[]>> = {
  smiley3: ['unhappy', 'neutral', 'happy'],
  smiley4: ['veryUnhappy', 'unhappy', 'happy', 'veryHappy'],
  smiley5: ['veryUnhappy', 'unhappy', 'neutral', 'happy', 'veryHappy'],
};

/** The face of each value of a smiley scale, lowest value first; undefined for other scales. */
export function facesOf(scale: Scale): readonly FaceKind[] | undefined {
  return FACES[scale];
}

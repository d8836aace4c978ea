import { describe, expect, it } from 'vitest';
import { isNegative, isPositive, scaleValues, type Scale } from './scales';

// Written out here rather than derived, so the test does not share a mistake with the code.
const NEGATIVE: Record<Scale, number[]> = {
  smiley3: [1],
  smiley4: [1, 2],
  smiley5: [1, 2],
  agree5: [1, 2],
  nps11: [0, 1, 2, 3, 4, 5, 6],
};

describe('negative answers', () => {
  it.each(Object.entries(NEGATIVE) as [Scale, number[]][])(
    'on %s are exactly %j',
    (scale, negatives) => {
      for (const value of scaleValues(scale)) {
        expect(isNegative(scale, value), `${scale} ${value}`).toBe(negatives.includes(value));
      }
    },
  );

  it.each(Object.keys(NEGATIVE) as Scale[])('on %s are never also positive', (scale) => {
    for (const value of scaleValues(scale)) {
      expect(isNegative(scale, value) && isPositive(scale, value)).toBe(false);
    }
  });

  it('leaves the middle face of three neither positive nor negative', () => {
    expect(isNegative('smiley3', 2)).toBe(false);
    expect(isPositive('smiley3', 2)).toBe(false);
  });

  it('leaves the NPS passives 7 and 8 neither', () => {
    for (const value of [7, 8]) {
      expect(isNegative('nps11', value) || isPositive('nps11', value)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { facesOf } from './face-kinds';
import { FACE_SHAPES } from './face-shapes';

describe('the smiley faces', () => {
  const shapes = Object.values(FACE_SHAPES);

  it('differ by outline and by expression, not by colour alone', () => {
    expect(new Set(shapes.map((shape) => shape.outline)).size).toBe(shapes.length);
    const expressions = shapes.map((shape) => [...shape.strokes, ...shape.fills].join(' '));
    expect(new Set(expressions).size).toBe(shapes.length);
  });

  it('give every value of each smiley scale its own face, unhappiest first', () => {
    expect(facesOf('smiley3')).toEqual(['unhappy', 'neutral', 'happy']);
    expect(facesOf('smiley4')).toEqual(['veryUnhappy', 'unhappy', 'happy', 'veryHappy']);
    expect(facesOf('smiley5')).toHaveLength(5);
    expect(facesOf('nps11')).toBeUndefined();
  });

  it('are drawn with finite coordinates', () => {
    for (const shape of shapes) {
      expect(shape.outline).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});

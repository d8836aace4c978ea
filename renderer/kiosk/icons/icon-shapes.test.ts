import { describe, expect, it } from 'vitest';
import { QUESTION_ICONS } from '../../../core';
import { ICON_FILLS, type IconDrawing } from './icon-drawing';
import { QUESTION_ICON_DRAWINGS } from './question-icon-shapes';
import { RESPONDENT_ICON_DRAWINGS, RESPONDENT_KINDS } from './respondent-icon-shapes';

type Point = { x: number; y: number };

/** How many numbers each absolute command takes per segment. */
const ARITY: Record<string, number> = {
  M: 2,
  L: 2,
  H: 1,
  V: 1,
  C: 6,
  S: 4,
  Q: 4,
  T: 2,
  A: 7,
  Z: 0,
};
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)/g;

/** The points a path passes through or bends towards; arcs are sampled along the circle. */
function pointsOf(d: string): Point[] {
  const points: Point[] = [];
  let at: Point = { x: 0, y: 0 };
  let start = at;
  for (const [, command = '', rest = ''] of d.matchAll(/([A-Za-z])([^A-Za-z]*)/g)) {
    const args = (rest.match(NUMBER) ?? []).map(Number);
    const arity = ARITY[command];
    if (arity === undefined) {
      throw new Error(`not an absolute SVG path command: ${command} in ${d}`);
    }
    if (arity === 0 ? args.length > 0 : args.length === 0 || args.length % arity !== 0) {
      throw new Error(`${command} takes ${arity} numbers a segment, got ${args.length} in ${d}`);
    }
    for (let i = 0; i < args.length; i += arity) {
      const a = args.slice(i, i + arity);
      const pairs: Point[] = [];
      if (command === 'H') {
        pairs.push({ x: a[0]!, y: at.y });
      } else if (command === 'V') {
        pairs.push({ x: at.x, y: a[0]! });
      } else if (command === 'A') {
        const [rx = 0, ry = 0, rotation = 0, large = 0, sweep = 0, x = 0, y = 0] = a;
        expect({ rx, rotation, large, sweep }).toEqual({
          rx: ry,
          rotation: 0,
          large: expect.toBeOneOf([0, 1]) as number,
          sweep: expect.toBeOneOf([0, 1]) as number,
        });
        pairs.push(...arcPoints(at, { x, y }, rx, large === 1, sweep === 1));
      } else {
        for (let j = 0; j < a.length; j += 2) {
          pairs.push({ x: a[j]!, y: a[j + 1]! });
        }
      }
      points.push(...pairs);
      at = pairs[pairs.length - 1] ?? at;
      if (command === 'M' && i === 0) {
        start = at;
      }
    }
    if (command === 'Z') {
      at = start;
    }
  }
  return points;
}

/** Points along a circular arc, found from its centre as the SVG spec (F.6.5) does. */
function arcPoints(from: Point, to: Point, r: number, large: boolean, sweep: boolean): Point[] {
  const dx = (to.x - from.x) / 2;
  const dy = (to.y - from.y) / 2;
  const half = Math.hypot(dx, dy);
  const radius = Math.max(r, half);
  const offset = half === 0 ? 0 : Math.sqrt(radius ** 2 - half ** 2) / half;
  const sign = large === sweep ? -1 : 1;
  const centre = { x: from.x + dx - sign * offset * dy, y: from.y + dy + sign * offset * dx };
  const begin = Math.atan2(from.y - centre.y, from.x - centre.x);
  let turn = Math.atan2(to.y - centre.y, to.x - centre.x) - begin;
  if (sweep && turn < 0) {
    turn += 2 * Math.PI;
  }
  if (!sweep && turn > 0) {
    turn -= 2 * Math.PI;
  }
  return Array.from({ length: 17 }, (_, i) => ({
    x: centre.x + radius * Math.cos(begin + (turn * i) / 16),
    y: centre.y + radius * Math.sin(begin + (turn * i) / 16),
  }));
}

function pathsOf(drawing: IconDrawing): string[] {
  return [...drawing.shapes.map((shape) => shape.d), ...drawing.strokes, ...drawing.inks];
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const INK = '#14171a';
const PAPER = '#fbfaf6';
/** Half the outline's width: a line drawn closer to the edge would be cut off. */
const MARGIN = 2;

const drawings = [
  ...Object.entries(QUESTION_ICON_DRAWINGS),
  ...Object.entries(RESPONDENT_ICON_DRAWINGS),
];

describe('the pictograms', () => {
  it('have one for every question icon and every kind of respondent', () => {
    expect(Object.keys(QUESTION_ICON_DRAWINGS).sort()).toEqual([...QUESTION_ICONS].sort());
    expect(Object.keys(RESPONDENT_ICON_DRAWINGS).sort()).toEqual([...RESPONDENT_KINDS].sort());
  });

  it('each draw a different picture', () => {
    const pictures = drawings.map(([, drawing]) => pathsOf(drawing).join(' '));
    expect(new Set(pictures).size).toBe(drawings.length);
    for (const [, drawing] of drawings) {
      expect(drawing.shapes.length).toBeGreaterThan(0);
    }
  });

  it.each(drawings)('%s is drawn with valid SVG paths', (_, drawing) => {
    for (const d of pathsOf(drawing)) {
      expect(d).toMatch(/^M[MLHVCSQTAZ\d\s.,-]*$/);
      expect(() => pointsOf(d)).not.toThrow();
    }
  });

  it.each(drawings)('%s stays inside the 100×100 box with room for its outline', (_, drawing) => {
    for (const d of pathsOf(drawing)) {
      const points = pointsOf(d);
      expect(points.length).toBeGreaterThan(1);
      for (const { x, y } of points) {
        expect.soft(x, d).toBeGreaterThanOrEqual(MARGIN - 1e-9);
        expect.soft(x, d).toBeLessThanOrEqual(100 - MARGIN + 1e-9);
        expect.soft(y, d).toBeGreaterThanOrEqual(MARGIN - 1e-9);
        expect.soft(y, d).toBeLessThanOrEqual(100 - MARGIN + 1e-9);
      }
    }
  });

  it('outline every colour in ink that stands out 3:1 from the paper and from the colour', () => {
    expect(contrast(INK, PAPER)).toBeGreaterThanOrEqual(3);
    for (const fill of Object.values(ICON_FILLS)) {
      expect(contrast(INK, fill), fill).toBeGreaterThanOrEqual(3);
    }
    const used = drawings.flatMap(([, drawing]) => drawing.shapes.map((shape) => shape.fill));
    expect(Object.values(ICON_FILLS)).toEqual(expect.arrayContaining(used));
  });

  it('checks its own path reader against a known circle and a broken path', () => {
    const circle = pointsOf('M50 5A45 45 0 1 1 50 95A45 45 0 1 1 50 5Z');
    expect(Math.min(...circle.map((p) => p.x))).toBeCloseTo(5);
    expect(Math.max(...circle.map((p) => p.x))).toBeCloseTo(95);
    expect(() => pointsOf('M10 10C20 20')).toThrow();
    expect(() => pointsOf('M10 10l5 5')).toThrow();
  });
});

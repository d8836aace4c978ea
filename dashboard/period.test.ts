import { describe, expect, it } from 'vitest';
import { periodRange } from './period';

describe('the period picker’s ranges', () => {
  const now = new Date('2026-12-03T14:00:00.000Z');

  it.each([
    ['last30Days', '2026-11-03T14:00:00.000Z'],
    ['last90Days', '2026-09-04T14:00:00.000Z'],
    ['last12Months', '2025-12-03T14:00:00.000Z'],
  ] as const)('%s starts at %s and ends just after now', (period, from) => {
    expect(periodRange(period, now)).toEqual({ from, to: '2026-12-03T14:00:00.001Z' });
  });
});

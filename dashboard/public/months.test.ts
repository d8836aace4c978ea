import { describe, expect, it } from 'vitest';
import { monthBefore, monthName, monthOf, recentMonths } from './months';

describe('the months of the poster and the monthly report', () => {
  it.each([
    ['2026-03', 1, '2026-02'],
    ['2026-01', 1, '2025-12'],
    ['2026-01', 13, '2024-12'],
    ['2026-12', 0, '2026-12'],
  ])('the month %s steps %i back is %s', (month, steps, expected) => {
    expect(monthBefore(month, steps)).toBe(expected);
  });

  it('counts the month in the unit’s time zone: just after midnight on the 1st is the new month in Helsinki', () => {
    const instant = new Date('2026-02-28T22:30:00Z');
    expect(monthOf(instant, 'Europe/Helsinki')).toBe('2026-03');
    expect(monthOf(instant, 'UTC')).toBe('2026-02');
  });

  it('offers this month and the 23 before it, newest first, and no future month', () => {
    const months = recentMonths(new Date('2026-03-15T12:00:00Z'), 'Europe/Helsinki');
    expect(months).toHaveLength(24);
    expect(months[0]).toBe('2026-03');
    expect(months[1]).toBe('2026-02');
    expect(months.at(-1)).toBe('2024-04');
  });

  it('names a month in the reader’s language', () => {
    expect(monthName('2026-03', 'en')).toBe('March 2026');
    expect(monthName('2026-03', 'fi')).toBe('maaliskuu 2026');
    expect(monthName('2026-03', 'sv')).toBe('mars 2026');
  });
});

import { describe, expect, it } from 'vitest';
import { absoluteTime, dateLocale, durationText, relativeTime } from './time-text';

const NOW = Date.parse('2025-12-03T12:05:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('times on the fleet page', () => {
  it('says how long ago, rounded down, in the language shown', () => {
    expect(relativeTime(NOW - 3 * HOUR, NOW, 'en')).toBe('3 hours ago');
    expect(relativeTime(NOW - (3 * HOUR - MINUTE), NOW, 'en')).toBe('2 hours ago');
    expect(relativeTime(NOW - 3 * HOUR, NOW, 'fi')).toBe('3 tuntia sitten');
    expect(relativeTime(NOW - 3 * HOUR, NOW, 'sv')).toBe('för 3 timmar sedan');
    expect(relativeTime(NOW - 20_000, NOW, 'en')).toBe('now');
    expect(relativeTime(NOW - 5 * MINUTE, NOW, 'en')).toBe('5 minutes ago');
    expect(relativeTime(NOW - 47 * HOUR, NOW, 'en')).toBe('47 hours ago');
    expect(relativeTime(NOW - 5 * 24 * HOUR, NOW, 'en')).toBe('5 days ago');
  });

  it('writes a length of time in words, without a sign', () => {
    expect(durationText(26 * HOUR, 'fi')).toBe('26 tuntia');
    expect(durationText(-4 * MINUTE, 'sv')).toBe('4 minuter');
    expect(durationText(3 * 24 * HOUR + HOUR, 'en')).toBe('3 days');
    expect(durationText(45_500, 'en')).toBe('45 seconds');
    expect(durationText(3 * HOUR - 2000, 'en')).toBe('2 hours');
    expect(durationText(3 * HOUR - 2000, 'en', 'nearest')).toBe('3 hours');
  });

  it("writes dates in the browser's variant of the page's language", () => {
    expect(dateLocale('en', ['fi-FI', 'en-GB', 'en-US'])).toBe('en-GB');
    expect(dateLocale('fi', ['en-US'])).toBe('fi');
    expect(dateLocale('sv', ['sv-FI'])).toBe('sv-FI');
    const at = '2025-12-03T12:05:00.000Z';
    expect(absoluteTime(at, 'fi', 'Europe/Helsinki')).toBe('3.12.2025 klo 14.05');
    expect(absoluteTime(at, 'en-GB', 'Europe/Helsinki')).toBe('3 Dec 2025, 14:05');
  });
});

import { describe, expect, it } from 'vitest';
import { flagsFor, isClockPlausible } from './flags';

const built = Date.parse('2026-11-01T00:00:00Z');
const base = { repeatWindowMs: 4000, clockTrusted: true, testMode: false };

describe('flags of a new answer', () => {
  it('flags a tap within the repeat window of the previous one', () => {
    expect(flagsFor({ ...base, answeredAtMs: 10_000, previousAnsweredAtMs: 7_000 })).toEqual([
      'repeat',
    ]);
  });

  it('does not flag a tap after the window, or the first tap', () => {
    expect(flagsFor({ ...base, answeredAtMs: 11_000, previousAnsweredAtMs: 7_000 })).toEqual([]);
    expect(flagsFor({ ...base, answeredAtMs: 11_000, previousAnsweredAtMs: undefined })).toEqual(
      [],
    );
  });

  it('does not call a tap a repeat when the clock went backwards', () => {
    expect(flagsFor({ ...base, answeredAtMs: 5_000, previousAnsweredAtMs: 7_000 })).toEqual([]);
  });

  it('flags test mode and an untrusted clock', () => {
    expect(
      flagsFor({
        ...base,
        clockTrusted: false,
        testMode: true,
        answeredAtMs: 1,
        previousAnsweredAtMs: undefined,
      }),
    ).toEqual(['test', 'clock_unsynced']);
  });

  it('trusts a clock from the build day on, and not one from before the build', () => {
    expect(isClockPlausible(built + 1000, built)).toBe(true);
    expect(isClockPlausible(Date.parse('1970-01-01T00:00:10Z'), built)).toBe(false);
    expect(isClockPlausible(Date.parse('2099-01-01T00:00:00Z'), built)).toBe(false);
  });
});

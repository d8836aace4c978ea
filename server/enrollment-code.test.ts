import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newEnrollmentCode, normalizeEnrollmentCode } from './enrollment-code';

describe('enrollment codes', () => {
  it('are two groups of four symbols without 0, O, 1, I or L', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newEnrollmentCode();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(code).not.toMatch(/[01OIL]/);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('differ: 1,000 codes, no repeats', () => {
    expect(new Set(Array.from({ length: 1000 }, () => newEnrollmentCode())).size).toBe(1000);
  });

  it('read back whatever the case, spacing or dashes', () => {
    expect(normalizeEnrollmentCode(' k7qd m3xp ')).toBe('K7QD-M3XP');
    expect(normalizeEnrollmentCode('K7QDM3XP')).toBe('K7QD-M3XP');
    expect(normalizeEnrollmentCode('K7QD-M3X')).toBeNull();
    expect(normalizeEnrollmentCode('K7QD-M3X0')).toBeNull();
  });
});

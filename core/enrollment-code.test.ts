import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, normalizeEnrollmentCode } from './enrollment-code';

describe('an enrollment code as a technician types it', () => {
  it('reads back whatever the case, spacing or dashes', () => {
    expect(normalizeEnrollmentCode('k7qd-m3xp')).toBe('K7QD-M3XP');
    expect(normalizeEnrollmentCode('  K7 QD M3 XP\t')).toBe('K7QD-M3XP');
    expect(normalizeEnrollmentCode('K7QDM3XP')).toBe('K7QD-M3XP');
  });

  it('is refused when it has a symbol that no code has, or the wrong length', () => {
    for (const confusable of ['0', 'O', '1', 'I', 'L']) {
      expect(CODE_ALPHABET).not.toContain(confusable);
      expect(normalizeEnrollmentCode(`K7QD-M3X${confusable}`)).toBeNull();
    }
    expect(normalizeEnrollmentCode('K7QD-M3X')).toBeNull();
    expect(normalizeEnrollmentCode('K7QD-M3XPA')).toBeNull();
    expect(normalizeEnrollmentCode('')).toBeNull();
    expect(CODE_LENGTH).toBe(8);
  });
});

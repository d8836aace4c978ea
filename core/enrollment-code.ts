/**
 * Enrollment codes a technician reads aloud or types on a touchscreen on a ladder: no 0/O and
 * no 1/I/L, grouped in fours (`K7QD-M3XP`). Pure, so that the server that makes them and the
 * terminal that reads them back agree on what a code is.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ2345679';
export const CODE_LENGTH = 8;

/** What a person typed, as the code it means: case, spaces and dashes do not matter. */
export function normalizeEnrollmentCode(typed: string): string | null {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '');
  if (cleaned.length !== CODE_LENGTH || [...cleaned].some((c) => !CODE_ALPHABET.includes(c))) {
    return null;
  }
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}

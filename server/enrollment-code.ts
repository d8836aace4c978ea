import { randomInt } from 'node:crypto';

/**
 * Enrollment codes a technician reads aloud or types on a touchscreen on a ladder: no 0/O and
 * no 1/I/L, grouped in fours (`K7QD-M3XP`). 8 symbols of 30 give 6.6 × 10^11 codes; with codes
 * single-use, expiring in a day and the endpoint rate-limited, guessing one is not practical.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ2345679';
const CODE_LENGTH = 8;

export function newEnrollmentCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) {
    code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as the code it means: case, spaces and dashes do not matter. */
export function normalizeEnrollmentCode(typed: string): string | null {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '');
  if (cleaned.length !== CODE_LENGTH || [...cleaned].some((c) => !CODE_ALPHABET.includes(c))) {
    return null;
  }
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}

import { randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH } from '../core/enrollment-code';

export { CODE_ALPHABET, normalizeEnrollmentCode } from '../core/enrollment-code';

/**
 * New enrollment codes (the alphabet and the reading back live in core/enrollment-code.ts, shared
 * with the terminal). 8 symbols of 30 give 6.6 × 10^11 codes; with codes single-use, expiring in
 * a day and the endpoint rate-limited, guessing one is not practical.
 */
export function newEnrollmentCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) {
    code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

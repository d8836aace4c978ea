import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A terminal id as operator-interface.md shows them (`t_01JD…`): `t_` and a ULID, so ids sort
 * by enrollment time and a technician can read one aloud without 0/O or 1/I/L confusion.
 */
export function newTerminalId(
  nowMs: number,
  random: (size: number) => Buffer = randomBytes,
): string {
  let time = '';
  let rest = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  // 16 symbols of 5 random bits each (a byte's low five bits are uniform).
  const entropy = [...random(16)].map((byte) => CROCKFORD[byte & 31]!).join('');
  return `t_${time}${entropy}`;
}

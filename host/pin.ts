import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The technician PIN: 4–8 digits, kept only as a salted scrypt hash whose parameters travel with
 * it (`scrypt$N$r$p$salt$hash`, base64url), so they can be raised later without breaking the
 * hashes already stored. A short PIN cannot withstand an offline search of a stolen settings
 * file whatever the cost; what guards it is that file being owner-only and the technician screen
 * rate-limiting attempts. The hash keeps the PIN itself from being read off the disk.
 */

export type ScryptCost = { N: number; r: number; p: number };

/** 32 MiB and some tens of ms per check on a small terminal. */
export const DEFAULT_PIN_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds on a stored hash's parameters: a tampered settings file must not stall the kiosk. */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

export type PinHashOutcome = { ok: true; pinHash: string } | { ok: false; reason: 'pin_malformed' };

export function isWellFormedPin(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}

function derive(pin: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 2 * 128 * cost.N * cost.r * cost.p };
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function costIsSane({ N, r, p }: ScryptCost): boolean {
  return (
    Number.isSafeInteger(N) &&
    N >= 2 ** 10 &&
    N <= 2 ** 20 &&
    (N & (N - 1)) === 0 &&
    Number.isSafeInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isSafeInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    128 * N * r * p <= MAX_MEMORY_BYTES
  );
}

/** A new hash of a well-formed PIN (fresh salt each time); a malformed PIN is refused. */
export async function hashPin(
  pin: string,
  cost: ScryptCost = DEFAULT_PIN_COST,
): Promise<PinHashOutcome> {
  if (!isWellFormedPin(pin)) {
    return { ok: false, reason: 'pin_malformed' };
  }
  if (!costIsSane(cost)) {
    throw new Error(`scrypt cost out of bounds: N=${cost.N} r=${cost.r} p=${cost.p}`);
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(pin, salt, HASH_BYTES, cost);
  const pinHash = [
    'scrypt',
    cost.N,
    cost.r,
    cost.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
  return { ok: true, pinHash };
}

/** Whether `pin` is the PIN of `pinHash`, compared in constant time; false for anything malformed. */
export async function verifyPin(pin: string, pinHash: string): Promise<boolean> {
  if (!isWellFormedPin(pin)) {
    return false;
  }
  const parts = pinHash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    return false;
  }
  const [, n, r, p, saltText, hashText] = parts;
  const decimal = /^[1-9][0-9]{0,7}$/;
  if (![n, r, p].every((part) => part !== undefined && decimal.test(part))) {
    return false;
  }
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const salt = Buffer.from(saltText ?? '', 'base64url');
  const expected = Buffer.from(hashText ?? '', 'base64url');
  if (!costIsSane(cost) || salt.length < 8 || expected.length < 16 || expected.length > 64) {
    return false;
  }
  const actual = await derive(pin, salt, expected.length, cost);
  return timingSafeEqual(actual, expected);
}

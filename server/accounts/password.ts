import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * People's passwords, kept only as scrypt hashes (Node's own, in libuv's thread pool, so a login
 * does not stop the server). `scrypt$N$r$p$salt$hash`, salt and hash base64url: the parameters
 * travel with the hash, so raising them later still reads the old ones.
 *
 * N = 2^15, r = 8, p = 1 (32 MiB, about 0.12 s a hash on this project's 2-core host): OWASP's
 * minimum for scrypt is N = 2^17 with r = 8 at p = 1, or the same memory-time product; 2^15
 * with p = 1 is what a county server answering logins of a few hundred people affords, and a
 * lockout after 10 failures (routes/session.ts) stands in front of it.
 */

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const n = options.N ?? N;
  const r = options.r ?? R;
  // Twice what the parameters need: Node refuses a computation that reaches maxmem.
  const maxmem = 256 * n * r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/;

/** Whether `password` is the one `stored` was made from; false for anything unreadable. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = STORED.exec(stored);
  if (parts === null) {
    return false;
  }
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Only what this server would have made: a tampered row must not ask for gigabytes.
  if (n > 2 ** 20 || r > 16 || p > 4) {
    return false;
  }
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await derive(password, Buffer.from(parts[4]!, 'base64url'), { N: n, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;

/**
 * The same work as a verification, for a login whose e-mail has no password: its answer then
 * takes as long as a wrong password's, and says nothing of which accounts exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('no account has this password');
  await verifyPassword(password, await dummy);
  return false;
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Terminal tokens: 32 random bytes, base64url. The server keeps only their SHA-256: a token is
 * already high-entropy, so a slow password hash adds nothing but latency to every upload, and a
 * leaked database gives no working token.
 */
export function newTerminalToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(tokenHash(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

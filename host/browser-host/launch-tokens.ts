import { randomBytes } from 'node:crypto';

/**
 * One-time tokens for the address the kiosk browser is started at. A command line is readable
 * by every local user (`/proc/<pid>/cmdline`), so it carries a token that the browser spends at
 * once, never the bridge secret; a token read there afterwards, or too late, opens nothing.
 */

/** Long enough for a cold Chromium start on a slow terminal; short enough to be worthless later. */
export const LAUNCH_TOKEN_TTL_MS = 60_000;

export type LaunchTokenRefusal = 'used' | 'expired' | 'unknown';

export type LaunchTokens = {
  issue(): string;
  /** Accepts a token once, within its time; every other use is refused with the reason. */
  redeem(token: string): { ok: true } | { ok: false; reason: LaunchTokenRefusal };
};

export function createLaunchTokens(
  options: { now?: () => number; ttlMs?: number } = {},
): LaunchTokens {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? LAUNCH_TOKEN_TTL_MS;
  // A spent token is kept until its time is up, so that a replay is logged as one.
  const tokens = new Map<string, { expiresAt: number; used: boolean }>();

  return {
    issue() {
      for (const [token, entry] of tokens) {
        if (entry.expiresAt <= now()) {
          tokens.delete(token);
        }
      }
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { expiresAt: now() + ttlMs, used: false });
      return token;
    },
    redeem(token) {
      const entry = tokens.get(token);
      if (entry === undefined) {
        return { ok: false, reason: 'unknown' };
      }
      if (entry.used) {
        return { ok: false, reason: 'used' };
      }
      if (entry.expiresAt <= now()) {
        return { ok: false, reason: 'expired' };
      }
      entry.used = true;
      return { ok: true };
    },
  };
}

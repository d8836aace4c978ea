import type { FastifyRequest } from 'fastify';
import { bearerToken } from './auth';
import { tokenHash } from './token';

/**
 * Request budgets, each a fixed window. Terminal calls count per token, not per address: a
 * hospital's terminals often share one public address. A token no terminal holds counts per
 * address, or a client could make up a new token for every call and never run out. Enrollment
 * counts per address and is strict, against guessing codes; so are sign-ins, against guessing
passwords across many e-mails (each e-mail has its own lockout too, routes/session.ts); the
admin calls count per address.
 */
export type RateLimit = { max: number; windowMs: number };
export type RateLimits = {
  enroll: RateLimit;
  terminal: RateLimit;
  admin: RateLimit;
  login: RateLimit;
  /** The public results: no account, so a budget per address against scraping at speed. */
  public: RateLimit;
};

/** Whether a token's SHA-256 is an enrolled terminal's (revoked or not). */
export type IsTerminalToken = (hash: string) => Promise<boolean>;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enroll: { max: 10, windowMs: 60_000 },
  // A ward's staff signing in at the start of a shift from one office address.
  login: { max: 30, windowMs: 60_000 },
  // 10 batches a second: a terminal back from weeks offline empties its outbox in seconds.
  terminal: { max: 600, windowMs: 60_000 },
  admin: { max: 600, windowMs: 60_000 },
  // A county's website may send many citizens through one proxy; the pages are cacheable.
  public: { max: 1200, windowMs: 60_000 },
};

function byAddress(request: FastifyRequest): string {
  return `ip:${request.ip}`;
}

function byTerminalToken(isTerminalToken: IsTerminalToken) {
  return async (request: FastifyRequest): Promise<string> => {
    const token = bearerToken(request.headers.authorization);
    const hash = token === null ? null : tokenHash(token);
    return hash !== null && (await isTerminalToken(hash)) ? `token:${hash}` : byAddress(request);
  };
}

/** The options of `app.rateLimit()` for one kind of call: one budget shared by its routes. */
export function rateLimitOptions(
  limits: RateLimits,
  kind: keyof RateLimits,
  isTerminalToken: IsTerminalToken,
) {
  const limit = limits[kind];
  return {
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: kind === 'terminal' ? byTerminalToken(isTerminalToken) : byAddress,
  };
}

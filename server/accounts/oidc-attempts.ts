/**
 * OpenID Connect logins under way: what the callback must check (the PKCE verifier and the
 * nonce), kept in the server's memory under the attempt's `state`, which is all the browser
 * holds (in a cookie). The verifier never leaves the server; an attempt is good for one
 * callback, within ATTEMPT_TTL_MS. The store is bounded, since anyone may start a login: when
 * it is full the oldest attempt gives way. Memory is per process: a server run as several
 * processes behind one address needs sticky sessions for the login to come back to its start.
 */

export const ATTEMPT_TTL_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 10_000;

export type OidcAttempt = {
  /** The PKCE code verifier (S256: the provider saw only its hash). */
  verifier: string;
  nonce: string;
  /** The redirect URI the provider was given, which the code exchange must repeat. */
  redirectUri: string;
  startedAtMs: number;
};

export type OidcAttempts = {
  add(state: string, attempt: OidcAttempt): void;
  /** The attempt of `state`, once: it is forgotten whether or not it is still live. */
  take(state: string, nowMs: number): OidcAttempt | undefined;
};

export function createOidcAttempts(maxAttempts = MAX_ATTEMPTS): OidcAttempts {
  // A Map iterates in insertion order, so its first key is always the oldest attempt.
  const attempts = new Map<string, OidcAttempt>();
  const dropExpired = (nowMs: number): void => {
    for (const [state, attempt] of attempts) {
      if (nowMs - attempt.startedAtMs < ATTEMPT_TTL_MS) {
        return;
      }
      attempts.delete(state);
    }
  };
  return {
    add: (state, attempt) => {
      dropExpired(attempt.startedAtMs);
      while (attempts.size >= maxAttempts) {
        const oldest = attempts.keys().next();
        if (oldest.done === true) {
          break;
        }
        attempts.delete(oldest.value);
      }
      attempts.set(state, attempt);
    },
    take: (state, nowMs) => {
      const attempt = attempts.get(state);
      attempts.delete(state);
      dropExpired(nowMs);
      return attempt !== undefined && nowMs - attempt.startedAtMs < ATTEMPT_TTL_MS
        ? attempt
        : undefined;
    },
  };
}

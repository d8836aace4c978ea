import { describe, expect, it } from 'vitest';
import { ATTEMPT_TTL_MS, createOidcAttempts, type OidcAttempt } from './oidc-attempts';

const attempt = (startedAtMs: number): OidcAttempt => ({
  verifier: `v${startedAtMs}`,
  nonce: `n${startedAtMs}`,
  redirectUri: 'http://127.0.0.1/v1/session/oidc/callback',
  startedAtMs,
});

describe('OpenID Connect logins under way', () => {
  it('an attempt is good for one callback', () => {
    const attempts = createOidcAttempts();
    attempts.add('s1', attempt(0));
    expect(attempts.take('s1', 1000)).toEqual(attempt(0));
    expect(attempts.take('s1', 1000)).toBeUndefined();
    expect(attempts.take('never-started', 1000)).toBeUndefined();
  });

  it('an attempt ends 10 minutes after it began', () => {
    const attempts = createOidcAttempts();
    attempts.add('late', attempt(0));
    attempts.add('in-time', attempt(0));
    expect(attempts.take('in-time', ATTEMPT_TTL_MS - 1)).toEqual(attempt(0));
    expect(attempts.take('late', ATTEMPT_TTL_MS)).toBeUndefined();
  });

  it('when full, the oldest attempt gives way to a new one', () => {
    const attempts = createOidcAttempts(2);
    attempts.add('a', attempt(1));
    attempts.add('b', attempt(2));
    attempts.add('c', attempt(3));
    expect(attempts.take('a', 10)).toBeUndefined();
    expect(attempts.take('b', 10)).toEqual(attempt(2));
    expect(attempts.take('c', 10)).toEqual(attempt(3));
  });
});

import { describe, expect, it } from 'vitest';
import { createLaunchTokens, LAUNCH_TOKEN_TTL_MS } from './launch-tokens';

function clock() {
  let at = 1_000_000;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe('one-time launch tokens', () => {
  it('a token opens once; its replay is refused as used', () => {
    const tokens = createLaunchTokens();
    const token = tokens.issue();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(tokens.redeem(token)).toEqual({ ok: true });
    expect(tokens.redeem(token)).toEqual({ ok: false, reason: 'used' });
  });

  it('a token is good for 60 s and no longer', () => {
    expect(LAUNCH_TOKEN_TTL_MS).toBe(60_000);
    const time = clock();
    const tokens = createLaunchTokens({ now: time.now });
    const early = tokens.issue();
    const late = tokens.issue();
    time.advance(LAUNCH_TOKEN_TTL_MS - 1);
    expect(tokens.redeem(early)).toEqual({ ok: true });
    time.advance(1);
    expect(tokens.redeem(late)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a token never issued is refused, and every token is new', () => {
    const tokens = createLaunchTokens();
    expect(tokens.redeem('')).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.redeem('made-up')).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.issue()).not.toBe(tokens.issue());
  });

  it('issuing forgets the tokens whose time is up', () => {
    const time = clock();
    const tokens = createLaunchTokens({ now: time.now });
    const old = tokens.issue();
    time.advance(LAUNCH_TOKEN_TTL_MS);
    tokens.issue();
    expect(tokens.redeem(old)).toEqual({ ok: false, reason: 'unknown' });
  });
});

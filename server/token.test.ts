import { describe, expect, it } from 'vitest';
import { newTerminalToken, tokenHash, tokenMatches } from './token';

describe('terminal tokens', () => {
  it('are long, random and stored only as a hash that matches them alone', () => {
    const token = newTerminalToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newTerminalToken()).not.toBe(token);
    const stored = tokenHash(token);
    expect(stored).not.toContain(token);
    expect(tokenMatches(token, stored)).toBe(true);
    expect(tokenMatches(`${token}x`, stored)).toBe(false);
    expect(tokenMatches(token, 'not-a-hash')).toBe(false);
  });
});

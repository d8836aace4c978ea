import { describe, expect, it } from 'vitest';
import { startingLanguage } from './language';

describe('the language the dashboard starts in', () => {
  it.each([
    [null, [], 'fi'],
    [null, ['sv-FI', 'fi'], 'sv'],
    [null, ['de-DE', 'en-GB'], 'en'],
    [null, ['de'], 'fi'],
    ['en', ['sv'], 'en'],
    ['xx', ['sv'], 'sv'],
  ] as const)('stored %s, browser %o → %s', (stored, browser, expected) => {
    expect(startingLanguage(stored, browser)).toBe(expected);
  });
});

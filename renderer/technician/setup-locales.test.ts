import { describe, expect, it } from 'vitest';
import type { EnrollFailureReason } from '../../core';
import en from '../../locales/en/setup.json';
import fi from '../../locales/fi/setup.json';
import sv from '../../locales/sv/setup.json';

function leaves(node: unknown, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, child] of Object.entries(node)) {
      for (const [path, value] of leaves(child, prefix ? `${prefix}.${key}` : key)) {
        found.set(path, value);
      }
    }
  } else {
    found.set(prefix, node);
  }
  return found;
}

const files = { fi: leaves(fi), sv: leaves(sv), en: leaves(en) };

/** Every reason the host can give; the compiler says when core/ gains one. */
const REASONS = {
  api_url_invalid: true,
  code_malformed: true,
  pin_malformed: true,
  code_unknown: true,
  code_used: true,
  code_expired: true,
  unreachable: true,
  server_busy: true,
  server_refused: true,
  not_saved: true,
  not_allowed: true,
} satisfies Record<EnrollFailureReason, true>;

describe('the setup words', () => {
  it('are the same keys in Finnish, Swedish and English', () => {
    const keys = (language: keyof typeof files) => [...files[language].keys()].sort();
    expect(keys('sv')).toEqual(keys('fi'));
    expect(keys('en')).toEqual(keys('fi'));
  });

  it.each(Object.keys(files) as (keyof typeof files)[])('leave nothing empty in %s', (language) => {
    const empty = [...files[language]].filter(
      ([, text]) => typeof text !== 'string' || text.trim() === '',
    );
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it.each(Object.keys(files) as (keyof typeof files)[])(
    'give every enrollment failure its own message in %s',
    (language) => {
      const messages = Object.keys(REASONS).map((reason) =>
        files[language].get(`enroll.failure.${reason}`),
      );
      expect(messages.every((text) => typeof text === 'string')).toBe(true);
      expect(new Set(messages).size).toBe(messages.length);
    },
  );
});

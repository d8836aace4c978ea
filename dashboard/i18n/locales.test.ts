import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './language';

/** The dashboard's locale files, read raw: `locales/<language>/dashboard.json`. */
const files = import.meta.glob<unknown>('../../locales/*/dashboard.json', {
  eager: true,
  import: 'default',
});

function leaves(node: unknown, prefix = '', into = new Map<string, unknown>()) {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, child] of Object.entries(node)) {
      leaves(child, prefix ? `${prefix}.${key}` : key, into);
    }
  } else {
    into.set(prefix, node);
  }
  return into;
}

const languages = new Map(
  Object.entries(files).map(([file, content]) => [
    /\/locales\/([^/]+)\/dashboard\.json$/.exec(file)?.[1] ?? file,
    leaves(content),
  ]),
);
const fi = languages.get('fi') ?? new Map<string, unknown>();

function placeholders(text: unknown): string[] {
  return typeof text === 'string'
    ? [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort()
    : [];
}

describe("the dashboard's locale files", () => {
  it('exist for every language the dashboard offers, and no other', () => {
    expect([...languages.keys()].sort()).toEqual([...LANGUAGES].sort());
  });

  it.each([...LANGUAGES])('%s has exactly the keys Finnish has, each a text', (language) => {
    const keys = languages.get(language) ?? new Map<string, unknown>();
    expect([...keys.keys()].sort()).toEqual([...fi.keys()].sort());
    const bad = [...keys].filter(([, text]) => typeof text !== 'string' || text.trim() === '');
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it.each([...LANGUAGES])('%s keeps the placeholders of Finnish', (language) => {
    const keys = languages.get(language) ?? new Map<string, unknown>();
    for (const [key, text] of fi) {
      expect(placeholders(keys.get(key)), key).toEqual(placeholders(text));
    }
  });

  it('name each language in its own words, the same in every file', () => {
    for (const keys of languages.values()) {
      expect(keys.get('language.fi')).toBe('Suomi');
      expect(keys.get('language.sv')).toBe('Svenska');
      expect(keys.get('language.en')).toBe('English');
    }
  });
});

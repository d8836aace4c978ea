import { describe, expect, it } from 'vitest';
import { SCALES, scaleValues, type Scale } from '../../core';

/** Every locale file, read raw: the test must see what a new folder brings, not what i18n makes of it. */
const files = import.meta.glob<unknown>('../../locales/*/*.json', {
  eager: true,
  import: 'default',
});

type Leaves = Map<string, unknown>;

function leaves(node: unknown, prefix = '', into: Leaves = new Map()): Leaves {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, child] of Object.entries(node)) {
      leaves(child, prefix ? `${prefix}.${key}` : key, into);
    }
  } else {
    into.set(prefix, node);
  }
  return into;
}

function byLanguage(): Map<string, Leaves> {
  const languages = new Map<string, Leaves>();
  for (const [file, content] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
    if (!match) {
      throw new Error(`unexpected locale file ${file}`);
    }
    const [, language = '', namespace = ''] = match;
    const keys = languages.get(language) ?? new Map<string, unknown>();
    leaves(content, namespace, keys);
    languages.set(language, keys);
  }
  return languages;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const languages = byLanguage();
const allKeys = new Set([...languages.values()].flatMap((keys) => [...keys.keys()]));

describe('the locale folders', () => {
  it('include Finnish, Swedish and English', () => {
    expect([...languages.keys()]).toEqual(expect.arrayContaining(['fi', 'sv', 'en']));
  });

  it.each([...languages.keys()])('%s has every key that any other language has', (language) => {
    const keys = languages.get(language) ?? new Map<string, unknown>();
    const missing = [...allKeys].filter((key) => !keys.has(key));
    expect(missing).toEqual([]);
  });

  it.each([...languages.keys()])('%s says every text, none of them empty', (language) => {
    const keys = languages.get(language) ?? new Map<string, unknown>();
    const bad = [...keys].filter(([, text]) => typeof text !== 'string' || text.trim() === '');
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it.each([...languages.keys()])('%s keeps the same placeholders as Finnish', (language) => {
    const fi = languages.get('fi') ?? new Map<string, unknown>();
    const keys = languages.get(language) ?? new Map<string, unknown>();
    for (const [key, text] of fi) {
      const other = keys.get(key);
      if (typeof text === 'string' && typeof other === 'string') {
        expect(placeholders(other), key).toEqual(placeholders(text));
      }
    }
  });

  it('name every value of every scale and its default question', () => {
    const fi = languages.get('fi') ?? new Map<string, unknown>();
    for (const scale of Object.keys(SCALES) as Scale[]) {
      expect(fi.has(`common.question.default.${scale}`), scale).toBe(true);
      for (const value of scaleValues(scale)) {
        expect(fi.has(`common.scale.${scale}.${value}`), `${scale} ${value}`).toBe(true);
      }
    }
  });

  it('name each language in its own words', () => {
    expect(languages.get('fi')?.get('common.language.name')).toBe('Suomi');
    expect(languages.get('sv')?.get('common.language.name')).toBe('Svenska');
    expect(languages.get('en')?.get('common.language.name')).toBe('English');
  });

  it('give each face of a smiley scale a different name', () => {
    for (const [language, keys] of languages) {
      for (const scale of ['smiley3', 'smiley4', 'smiley5'] as const) {
        const names = scaleValues(scale).map((value) => keys.get(`common.scale.${scale}.${value}`));
        expect(new Set(names).size, `${language} ${scale}`).toBe(names.length);
      }
    }
  });
});

/** The languages the dashboard speaks; Finnish first, the default and the last fallback. */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fi';

/** Where the person's own choice is kept between visits. */
export const LANGUAGE_STORAGE_KEY = 'hymy.dashboard.language';

function isLanguage(code: string): code is Language {
  return (LANGUAGES as readonly string[]).includes(code);
}

/**
 * The language to start in: the one chosen before, else the browser's first that we speak
 * (`sv-FI` counts as `sv`), else Finnish.
 */
export function startingLanguage(
  stored: string | null,
  browserLanguages: readonly string[],
): Language {
  if (stored !== null && isLanguage(stored)) {
    return stored;
  }
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(base)) {
      return base;
    }
  }
  return DEFAULT_LANGUAGE;
}

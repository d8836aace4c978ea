import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_NAMESPACE, resources } from './resources';

/** The language a page shows before any config has said otherwise, and the last fallback. */
export const FALLBACK_LANGUAGE = 'fi';

/**
 * A ready i18next instance over the bundled locales; synchronous, as every word is in memory.
 * `extraResources` (from `buildResources`) adds languages this build lacks: a test's fixture.
 */
export function createI18n(
  language: string = FALLBACK_LANGUAGE,
  extraResources: Resource = {},
): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { ...resources, ...extraResources },
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    ns: [DEFAULT_NAMESPACE],
    defaultNS: DEFAULT_NAMESPACE,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/**
 * A language's name in that language ("Suomi", "Svenska"): from its locale when this build has
 * one, else from the browser's own list, else the bare code.
 */
export function languageName(instance: i18n, language: string): string {
  if (instance.hasResourceBundle(language, DEFAULT_NAMESPACE)) {
    return instance.t('language.name', { lng: language });
  }
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language);
    if (name && name !== language) {
      return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
    }
  } catch {
    // An odd code: fall through to the code itself.
  }
  return language.toUpperCase();
}

import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en/dashboard.json';
import fi from '../../locales/fi/dashboard.json';
import sv from '../../locales/sv/dashboard.json';
import { DEFAULT_LANGUAGE, type Language } from './language';

export const NAMESPACE = 'dashboard';

/** A ready i18next instance over the dashboard's words; synchronous, as they are bundled. */
export function createDashboardI18n(language: Language = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      fi: { [NAMESPACE]: fi },
      sv: { [NAMESPACE]: sv },
      en: { [NAMESPACE]: en },
    },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: [NAMESPACE],
    defaultNS: NAMESPACE,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

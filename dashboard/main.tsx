// First: before any import that builds a zod schema.
import './jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createDashboardI18n } from './i18n/i18n';
import { LANGUAGE_STORAGE_KEY, startingLanguage } from './i18n/language';
import './styles.css';

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

const language = startingLanguage(storedLanguage(), navigator.languages);
document.documentElement.lang = language;
const i18n = createDashboardI18n(language);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}

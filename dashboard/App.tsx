import { useCallback, useEffect, useState } from 'react';
import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Me } from '../core/accounts-api';
import { fetchMe, signOut, type Failure, type Result } from './api';
import { LANGUAGE_STORAGE_KEY, type Language } from './i18n/language';
import { SignInPage } from './SignInPage';
import { UnitsPage } from './units/UnitsPage';

/** Which page shows: decided by whether `GET /v1/me` knows the person. */
type AppState =
  { kind: 'checking' } | { kind: 'signIn'; failure: Failure | null } | { kind: 'units'; me: Me };

/** Keeps `<html lang>` and the remembered choice in step with the language shown. */
export function applyLanguage(instance: i18n, language: Language): void {
  void instance.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage refused (a locked-down browser): the choice lasts for this visit only.
  }
}

export function App() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'checking' });

  const show = useCallback((me: Result<Me>) => {
    if (me.ok) {
      setState({ kind: 'units', me: me.value });
      if (location.hash !== '#/units') {
        history.replaceState(null, '', '#/units');
      }
    } else {
      setState({ kind: 'signIn', failure: me.reason === 'unauthorized' ? null : me.reason });
      if (location.hash !== '') {
        history.replaceState(null, '', location.pathname);
      }
    }
  }, []);
  const check = useCallback(() => {
    void fetchMe().then(show);
  }, [show]);

  useEffect(() => {
    void fetchMe().then(show);
  }, [show]);

  const onLanguage = useCallback((language: Language) => applyLanguage(i18n, language), [i18n]);
  const onSignedOut = check;
  const onSignOut = useCallback(() => {
    void signOut().then(check);
  }, [check]);

  switch (state.kind) {
    case 'checking':
      return (
        <main>
          <p role="status">{t('units.loading')}</p>
        </main>
      );
    case 'signIn':
      return (
        <SignInPage initialFailure={state.failure} onSignedIn={check} onLanguage={onLanguage} />
      );
    case 'units':
      return (
        <UnitsPage
          me={state.me}
          onSignOut={onSignOut}
          onSignedOut={onSignedOut}
          onLanguage={onLanguage}
        />
      );
  }
}

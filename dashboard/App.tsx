import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Me } from '../core/accounts-api';
import { AccountsPage } from './accounts/AccountsPage';
import { AlertsPage } from './alerts/AlertsPage';
import { fetchMe, signOut, type Failure, type Result } from './api';
import { LANGUAGE_STORAGE_KEY, type Language } from './i18n/language';
import { InboxPage } from './inbox/InboxPage';
import { useNotices } from './shell/notices';
import { COUNTY_PAGES, parseRoute, routeHash, type Route } from './shell/route';
import { Shell } from './shell/Shell';
import { SignInPage } from './SignInPage';
import { TargetsPage } from './targets/TargetsPage';
import { TerminalsPage } from './terminals/TerminalsPage';
import { UnitPage } from './unit/UnitPage';
import { UnitsPage } from './units/UnitsPage';

/** Which page shows: decided by whether `GET /v1/me` knows the person, then by the URL's hash. */
type AppState =
  | { kind: 'checking' }
  | { kind: 'signIn'; failure: Failure | null; sessionEnded: boolean }
  | { kind: 'in'; me: Me };

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

/** The route a person may open: a unit account asking for a county page gets its units. */
function allowed(route: Route, me: Me): Route {
  return COUNTY_PAGES.has(route.page) && me.role !== 'county' ? { page: 'units' } : route;
}

export function App() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'checking' });
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));

  const show = useCallback((me: Result<Me>, sessionEnded = false) => {
    if (me.ok) {
      setState({ kind: 'in', me: me.value });
      const wanted = allowed(parseRoute(location.hash), me.value);
      if (location.hash !== routeHash(wanted)) {
        history.replaceState(null, '', routeHash(wanted));
      }
      setRoute(wanted);
    } else {
      // The hash stays: signed in again, the person is back on the page they were on.
      setState({
        kind: 'signIn',
        failure: me.reason === 'unauthorized' ? null : me.reason,
        sessionEnded: sessionEnded && me.reason === 'unauthorized',
      });
    }
  }, []);
  const check = useCallback(() => {
    void fetchMe().then(show);
  }, [show]);

  useEffect(() => {
    void fetchMe().then(show);
  }, [show]);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const onLanguage = useCallback((language: Language) => applyLanguage(i18n, language), [i18n]);
  // A page met a 401: the session timed out (or was ended elsewhere) under the person.
  const onSignedOut = useCallback(() => {
    void fetchMe().then((me) => show(me, true));
  }, [show]);
  const onSignOut = useCallback(() => {
    void signOut().then(() => {
      history.replaceState(null, '', location.pathname);
      check();
    });
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
        <SignInPage
          initialFailure={state.failure}
          sessionEnded={state.sessionEnded}
          onSignedIn={check}
          onLanguage={onLanguage}
        />
      );
    case 'in': {
      const { me } = state;
      const shown = allowed(route, me);
      const page = { me, onSignedOut };
      return (
        <SignedIn me={me} route={shown} onSignOut={onSignOut} onLanguage={onLanguage}>
          {(onAlertsChanged) => (
            <>
              {shown.page === 'units' && <UnitsPage {...page} />}
              {shown.page === 'unit' && (
                <UnitPage key={shown.unitId} unitId={shown.unitId} {...page} />
              )}
              {shown.page === 'inbox' && <InboxPage {...page} />}
              {shown.page === 'alerts' && (
                <AlertsPage {...page} onAlertsChanged={onAlertsChanged} />
              )}
              {shown.page === 'terminals' && <TerminalsPage {...page} />}
              {shown.page === 'targets' && <TargetsPage {...page} />}
              {shown.page === 'accounts' && <AccountsPage {...page} />}
            </>
          )}
        </SignedIn>
      );
    }
  }
}

/**
 * The frame with what it tells on every page (the mail warning, the open alerts), asked again on
 * each move to another page; its pages may ask for the alerts' count again.
 */
function SignedIn({
  me,
  route,
  onSignOut,
  onLanguage,
  children,
}: {
  me: Me;
  route: Route;
  onSignOut: () => void;
  onLanguage: (language: Language) => void;
  children: (onAlertsChanged: () => void) => ReactNode;
}) {
  const { notices, refresh } = useNotices(route.page);
  return (
    <Shell me={me} route={route} onSignOut={onSignOut} onLanguage={onLanguage} notices={notices}>
      {children(refresh)}
    </Shell>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../core/accounts-api';
import type { Language } from '../i18n/language';
import { LanguageSwitcher } from '../LanguageSwitcher';
import { MailWarning } from './MailWarning';
import type { Notices } from './notices';
import { routeHash, type Route } from './route';

type Props = {
  me: Me;
  route: Route;
  onSignOut: () => void;
  onLanguage: (language: Language) => void;
  /** The mail warning and the open alerts' count; none told when left out. */
  notices?: Notices;
  children: ReactNode;
};

type NavItem = { route: Route; label: string; countyOnly: boolean };

const NAV: readonly NavItem[] = [
  { route: { page: 'units' }, label: 'nav.units', countyOnly: false },
  { route: { page: 'inbox' }, label: 'nav.inbox', countyOnly: false },
  { route: { page: 'alerts' }, label: 'nav.alerts', countyOnly: false },
  { route: { page: 'terminals' }, label: 'nav.terminals', countyOnly: true },
  { route: { page: 'targets' }, label: 'nav.targets', countyOnly: true },
  { route: { page: 'accounts' }, label: 'nav.accounts', countyOnly: true },
];

/** The signed-in frame: who is signed in, the language, signing out, and the pages' links. */
export function Shell({ me, route, onSignOut, onLanguage, notices, children }: Props) {
  const { t } = useTranslation();
  const current = route.page === 'unit' ? 'units' : route.page;
  const openAlerts = notices?.openAlerts ?? null;
  const label = (item: NavItem) =>
    item.route.page === 'alerts' && openAlerts !== null && openAlerts > 0
      ? t('nav.alertsCount', { count: openAlerts })
      : t(item.label);
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <span className="who">
          {me.email === null ? t('header.adminToken') : t('header.signedInAs', { email: me.email })}
        </span>
        <LanguageSwitcher onChange={onLanguage} />
        <button type="button" onClick={onSignOut}>
          {t('header.signOut')}
        </button>
      </header>
      <nav className="pages" aria-label={t('nav.label')}>
        <ul>
          {NAV.filter((item) => !item.countyOnly || me.role === 'county').map((item) => (
            <li key={item.route.page}>
              <a
                href={routeHash(item.route)}
                aria-current={item.route.page === current ? 'page' : undefined}
              >
                {label(item)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <MailWarning status={notices?.mail ?? null} />
        {children}
      </main>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../../../core';
import { ScreenTitle } from './ScreenTitle';

export const MENU_SCREENS = [
  'status',
  'buttons',
  'sync',
  'export',
  'language',
  'enroll',
  'reset',
] as const;
export type MenuScreen = (typeof MENU_SCREENS)[number];

type Props = {
  language: LanguageCode;
  /** A confirmation to show on coming back (after a re-enrollment). */
  notice: string | null;
  testMode: boolean;
  onOpen: (screen: MenuScreen) => void;
  onTestMode: (on: boolean) => void;
};

/** The service screens' start: one big button per screen, and the test mode switch. */
export function ServiceMenu({ language, notice, testMode, onOpen, onTestMode }: Props) {
  const { t } = useTranslation('service', { lng: language });
  return (
    <section data-screen="service-menu" aria-labelledby="service-menu-title">
      <ScreenTitle id="service-menu-title">{t('menu.title')}</ScreenTitle>
      <div role="status" aria-live="polite">
        {notice !== null && <p className="service-done">{notice}</p>}
      </div>
      <ul className="service-menu">
        {MENU_SCREENS.map((screen) => (
          <li key={screen}>
            <button
              type="button"
              className={`service-button service-menu-item${screen === 'reset' ? ' service-warning' : ''}`}
              onClick={() => onOpen(screen)}
            >
              {t(`menu.${screen}`)}
            </button>
          </li>
        ))}
      </ul>
      <div className="service-switch-row">
        <button
          type="button"
          role="switch"
          aria-checked={testMode}
          aria-describedby="service-test-mode-hint"
          className="service-switch"
          onClick={() => onTestMode(!testMode)}
        >
          <span className="service-switch-track" aria-hidden="true">
            <span className="service-switch-thumb" />
          </span>
          <span className="service-switch-label">{t('menu.testMode')}</span>
          <span className="service-switch-state" aria-hidden="true">
            {testMode ? t('menu.on') : t('menu.off')}
          </span>
        </button>
        <p id="service-test-mode-hint" className="service-note">
          {t('menu.testModeHint')}
        </p>
      </div>
    </section>
  );
}

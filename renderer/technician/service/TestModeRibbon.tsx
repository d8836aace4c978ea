import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../../../core';
import './service.css';

type Props = { language: LanguageCode; onEnd: () => void };

/**
 * Lies over the kiosk while test mode is on, so nobody takes the terminal for a live one: its
 * answers are flagged `test` and left out of the figures until the technician ends it.
 */
export function TestModeRibbon({ language, onEnd }: Props) {
  const { t } = useTranslation('service', { lng: language });
  return (
    <aside
      className="test-ribbon"
      lang={language}
      data-ribbon="test-mode"
      aria-label={t('testRibbon.label')}
    >
      <p role="status" className="test-ribbon-text">
        {t('testRibbon.text')}
      </p>
      <button type="button" className="service-button test-ribbon-end" onClick={onEnd}>
        {t('testRibbon.end')}
      </button>
    </aside>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bridge, LanguageCode } from '../../core';
import { languageName } from '../i18n/i18n';
import { bundledLanguages } from '../i18n/resources';
import { LanguageButtons } from '../kiosk/LanguageButtons';
import { useDocumentLanguage } from '../kiosk/use-document-language';
import { EnrollmentForm } from './EnrollmentForm';
import './technician.css';

type Props = {
  bridge: Bridge;
  hardwareId: string | null;
  language: LanguageCode;
  onLanguage: (language: LanguageCode) => void;
  onEnrolled: (result: { terminalId: string; unitId: string }) => void;
};

type FirstRunState = 'waiting' | 'enrolling';

/** Finland's national languages first, then English, then any other this build has. */
const FIRST = ['fi', 'sv', 'en'];

function setupLanguages(): LanguageCode[] {
  const rank = (code: string): number => {
    const index = FIRST.indexOf(code);
    return index === -1 ? FIRST.length : index;
  };
  return [...bundledLanguages].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * A terminal that was never set up: a calm word for a patient who finds it, its hardware id
 * for the technician to read to the county, and behind one button the enrollment form.
 */
export function FirstRunScreen({ bridge, hardwareId, language, onLanguage, onEnrolled }: Props) {
  const { t, i18n } = useTranslation('setup', { lng: language });
  const [state, setState] = useState<FirstRunState>('waiting');
  useDocumentLanguage(language, t('app.title', { ns: 'common' }));

  const languages = setupLanguages().map((code) => ({
    code,
    name: languageName(i18n, code),
    current: code === language,
  }));

  return (
    <main data-screen="first-run" className={`screen tech-screen first-run first-run-${state}`}>
      <header className="first-run-head">
        <h1 className="tech-title">{t('firstRun.title')}</h1>
        <p className="first-run-detail">{t('firstRun.detail')}</p>
      </header>
      <dl className="hardware-id">
        <dt>{t('firstRun.hardwareId')}</dt>
        <dd className="hardware-id-value" translate="no">
          {hardwareId ?? t('firstRun.hardwareIdUnknown')}
        </dd>
      </dl>
      <div className="first-run-actions">
        <LanguageButtons
          languages={languages}
          label={t('language.choose', { ns: 'common' })}
          onChoose={onLanguage}
        />
        {state === 'waiting' ? (
          <button
            type="button"
            className="tech-button tech-primary"
            onClick={() => setState('enrolling')}
          >
            {t('firstRun.setUp')}
          </button>
        ) : (
          <button
            type="button"
            className="tech-button tech-secondary"
            onClick={() => setState('waiting')}
          >
            {t('firstRun.back')}
          </button>
        )}
      </div>
      {state === 'enrolling' ? (
        <EnrollmentForm bridge={bridge} language={language} onEnrolled={onEnrolled} />
      ) : null}
    </main>
  );
}

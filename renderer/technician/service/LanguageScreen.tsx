import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bridge, HostStatus, LanguageCode, TerminalConfig } from '../../../core';
import { languageName } from '../../i18n/i18n';
import { ScreenTitle } from './ScreenTitle';

type Props = {
  bridge: Bridge;
  config: TerminalConfig | null;
  host: HostStatus | null;
  language: LanguageCode;
};

type Save =
  | { phase: 'idle' }
  | { phase: 'saving'; chosen: LanguageCode }
  | { phase: 'saved'; chosen: LanguageCode }
  | { phase: 'refused'; reason: 'not_offered' | 'session_closed' | 'no_answer' };

/** The language the kiosk starts in on this terminal: one of the unit's languages. */
export function LanguageScreen({ bridge, config, host, language }: Props) {
  const { t, i18n } = useTranslation('service', { lng: language });
  const [save, setSave] = useState<Save>({ phase: 'idle' });
  const languages = config?.languages ?? [];
  const current =
    save.phase === 'saved' || save.phase === 'saving'
      ? save.chosen
      : (host?.defaultLanguage ?? config?.defaultLanguage ?? null);

  const choose = (chosen: LanguageCode): void => {
    if (save.phase === 'saving') {
      return;
    }
    setSave({ phase: 'saving', chosen });
    bridge.call('service:set-language', { language: chosen }).then(
      (answer) =>
        setSave(
          answer.ok ? { phase: 'saved', chosen } : { phase: 'refused', reason: answer.reason },
        ),
      () => setSave({ phase: 'refused', reason: 'no_answer' }),
    );
  };

  return (
    <section data-screen="service-language" aria-labelledby="service-language-title">
      <ScreenTitle id="service-language-title">{t('language.title')}</ScreenTitle>
      <p className="service-intro">{t('language.intro')}</p>
      {languages.length === 0 ? (
        <p className="service-problem">{t('language.noConfig')}</p>
      ) : (
        <div role="group" aria-labelledby="service-language-title" className="service-choices">
          {languages.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              className="service-button service-choice"
              aria-pressed={current === code}
              onClick={() => choose(code)}
            >
              {languageName(i18n, code)}
            </button>
          ))}
        </div>
      )}
      <div role="status" aria-live="polite">
        {save.phase === 'saved' && (
          <p className="service-done">
            {t('language.saved', { language: languageName(i18n, save.chosen) })}
          </p>
        )}
      </div>
      {save.phase === 'refused' && (
        <p role="alert" className="service-problem">
          {t(`language.refused.${save.reason}`)}
        </p>
      )}
    </section>
  );
}

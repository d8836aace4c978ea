import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bridge, LanguageCode, TerminalConfig } from '../../core';
import { StartingScreen } from '../app/StartingScreen';
import type { StatusReporter } from '../app/status-reporter';
import { FALLBACK_LANGUAGE, languageName } from '../i18n/i18n';
import type { AnswerRecorder } from './answer-recorder';
import { tapTime } from './bench-marks';
import { KioskScreen } from './KioskScreen';
import { acceptsTaps } from './kiosk-state';
import { kioskView } from './kiosk-view';
import { ThanksScreen } from './ThanksScreen';
import { useAnswerFlow } from './use-answer-flow';
import { useAnswerKeys, useBoxPresses } from './use-answer-inputs';
import { useDocumentLanguage } from './use-document-language';
import { useIdleReset } from './use-idle-reset';

type Props = {
  config: TerminalConfig | null;
  bridge: Bridge;
  recorder: AnswerRecorder;
  reporter: StatusReporter;
};

/** The language on screen: the one chosen, while the unit offers it, else the unit's default. */
function currentLanguage(config: TerminalConfig | null, chosen: LanguageCode | null): LanguageCode {
  if (!config) {
    return FALLBACK_LANGUAGE;
  }
  return chosen !== null && config.languages.includes(chosen) ? chosen : config.defaultLanguage;
}

/** The patient's screen: starting, the faces, the thank-you, or a failed write's message. */
export function Kiosk({ config, bridge, recorder, reporter }: Props) {
  const [chosen, setChosen] = useState<LanguageCode | null>(null);
  const language = currentLanguage(config, chosen);
  const { t, i18n } = useTranslation('common', { lng: language });
  const { state, submit } = useAnswerFlow({ config, language, bridge, recorder, reporter });
  const poke = useIdleReset(config?.timing.idleResetMs, () => setChosen(null));
  const accepting = config !== null && acceptsTaps(state.phase);
  // A keyboard-emulating box is a box: its presses count in any phase, like the serial box's.
  useAnswerKeys(config, config !== null && state.phase !== 'starting', submit);
  useBoxPresses(bridge, config, submit, poke);
  useDocumentLanguage(language, t('app.title'));

  if (!config || state.phase === 'starting') {
    return <StartingScreen screen="starting" language={language} />;
  }
  if (state.phase === 'thanks') {
    return <ThanksScreen title={t('thanks.title')} detail={t('thanks.detail')} />;
  }

  const onAnswer = (value: number, event: MouseEvent<HTMLButtonElement>): void => {
    if (accepting) {
      submit({ value, source: 'touch', start: tapTime(event.timeStamp) });
    }
  };
  return (
    <KioskScreen
      view={kioskView(config, language, t, (code) => languageName(i18n, code))}
      failure={state.phase === 'failed' ? t('failed.message') : undefined}
      busy={state.phase === 'saving'}
      languageLabel={t('language.choose')}
      onAnswer={onAnswer}
      onLanguage={setChosen}
    />
  );
}

import { useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_REPLY_WITHIN_DAYS,
  RespondentSchema,
  type Bridge,
  type LanguageCode,
  type TerminalConfig,
} from '../../core';
import { StartingScreen } from '../app/StartingScreen';
import { FALLBACK_LANGUAGE, languageName } from '../i18n/i18n';
import type { AnswerRecorder } from './answer-recorder';
import { tapTime } from './bench-marks';
import { RespondentIcon } from './icons/RespondentIcon';
import { KioskScreen } from './KioskScreen';
import { LanguageButtons } from './LanguageButtons';
import { acceptsTaps } from './kiosk-state';
import { kioskView, languageOptions, shownText, unitNameOf, type Translate } from './kiosk-view';
import { ThanksScreen } from './ThanksScreen';
import { useAnswerFlow, type VisitControls } from './use-answer-flow';
import { useAnswerKeys, useBoxPresses } from './use-answer-inputs';
import { useDocumentLanguage } from './use-document-language';
import { useIdleReset } from './use-idle-reset';
import { progressOf, type VisitStep } from './visit';
import { CommentScreen } from './visit/CommentScreen';
import { contactTexts, ContactScreen } from './visit/ContactScreen';
import { FollowUpScreen } from './visit/FollowUpScreen';
import { ProgressDots } from './visit/ProgressDots';
import { RespondentScreen } from './visit/RespondentScreen';
import { StepActions } from './visit/StepActions';

type Props = {
  config: TerminalConfig | null;
  bridge: Bridge;
  recorder: AnswerRecorder;
};

/** The language on screen: the one chosen, while the unit offers it, else the unit's default. */
function currentLanguage(config: TerminalConfig | null, chosen: LanguageCode | null): LanguageCode {
  if (!config) {
    return FALLBACK_LANGUAGE;
  }
  return chosen !== null && config.languages.includes(chosen) ? chosen : config.defaultLanguage;
}

type StepProps = {
  config: TerminalConfig;
  step: Exclude<VisitStep, { kind: 'question' }>;
  language: LanguageCode;
  t: Translate;
  controls: VisitControls;
  /** The language buttons, for the visit's first screen. */
  languages: ReactNode;
};

/** A screen of the visit that is not a question: who is answering, a follow-up, the comment, contact. */
function VisitStepScreen({ config, step, language, t, controls, languages }: StepProps) {
  const unitName = unitNameOf(config, language);
  switch (step.kind) {
    case 'respondent':
      return (
        <RespondentScreen
          unitName={unitName}
          prompt={t('visit.respondent.prompt')}
          choices={RespondentSchema.options.map((id) => ({
            id,
            label: t(`visit.respondent.${id}`),
            icon: <RespondentIcon kind={id} />,
          }))}
          skipLabel={t('visit.skip')}
          onChoose={controls.chooseRespondent}
          languages={languages}
          childMode={config.survey.childMode}
        />
      );
    case 'followUp': {
      const followUp = config.survey.questions[step.index]?.followUp;
      const progress = progressOf(config.survey, step);
      return (
        <FollowUpScreen
          unitName={unitName}
          prompt={t('visit.followUp.prompt')}
          chips={(followUp?.options ?? []).map((option) => ({
            id: option.id,
            label: shownText(config, option.text, language),
          }))}
          progress={progress && { ...progress, label: t('visit.progress', progress) }}
          skipLabel={t('visit.skip')}
          onChoose={controls.chooseFollowUp}
        />
      );
    }
    case 'comment':
      return (
        <CommentScreen
          language={language}
          unitName={unitName}
          prompt={t('visit.comment.prompt')}
          warning={t('visit.comment.warning')}
          sendLabel={t('visit.comment.send')}
          skipLabel={t('visit.skip')}
          counter={(count, max) => t('visit.comment.counter', { count, max })}
          onSend={controls.sendComment}
          onSkip={controls.skip}
        />
      );
    case 'contact':
      return (
        <ContactScreen
          language={language}
          unitName={unitName}
          form={step.form}
          texts={contactTexts(t, config.contact?.replyWithinDays ?? DEFAULT_REPLY_WITHIN_DAYS)}
          onAccept={controls.acceptContact}
          onDecline={controls.skip}
          onSend={controls.sendContact}
        />
      );
  }
}

/** The patient's screen: starting, the visit's screens, the thank-you, or a failed write's message. */
export function Kiosk({ config, bridge, recorder }: Props) {
  const [chosen, setChosen] = useState<LanguageCode | null>(null);
  const language = currentLanguage(config, chosen);
  const { t, i18n } = useTranslation('common', { lng: language });
  const { state, visit, submit, controls } = useAnswerFlow({
    config,
    language,
    bridge,
    recorder,
  });
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
    return (
      <ThanksScreen
        title={t('thanks.title')}
        detail={t('thanks.detail')}
        childMode={config.survey.childMode}
      />
    );
  }
  const { step } = visit;
  if (step.kind !== 'question') {
    const languages = (
      <LanguageButtons
        languages={languageOptions(config, language, (code) => languageName(i18n, code))}
        label={t('language.choose')}
        onChoose={setChosen}
      />
    );
    return (
      <VisitStepScreen
        config={config}
        step={step}
        language={language}
        t={t}
        controls={controls}
        languages={languages}
      />
    );
  }

  const onAnswer = (value: number, event: MouseEvent<HTMLButtonElement>): void => {
    if (accepting) {
      submit({ value, source: 'touch', start: tapTime(event.timeStamp), question: step.index });
    }
  };
  const progress = progressOf(config.survey, step);
  return (
    <KioskScreen
      view={kioskView(config, language, t, (code) => languageName(i18n, code), step.index)}
      failure={state.phase === 'failed' ? t('failed.message') : undefined}
      busy={state.phase === 'saving'}
      languageLabel={t('language.choose')}
      onAnswer={onAnswer}
      onLanguage={setChosen}
      onCannotSay={controls.cannotSay}
      progress={progress && <ProgressDots {...progress} label={t('visit.progress', progress)} />}
      actions={
        step.index > 0 ? (
          <StepActions
            skipLabel={t('visit.skip')}
            onSkip={controls.skip}
            finishLabel={t('visit.finish')}
            onFinish={controls.finish}
          />
        ) : undefined
      }
    />
  );
}

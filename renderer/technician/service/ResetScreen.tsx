import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { exportCovers, type HostStatus, type LanguageCode } from '../../../core';
import { formatNumber, formatTime } from './format';
import { ScreenTitle } from './ScreenTitle';
import type { ServiceDeps } from './service-deps';
import { readUnsent } from './unsent';
import { useUnsent } from './use-unsent';

type Props = {
  deps: ServiceDeps;
  host: HostStatus | null;
  language: LanguageCode;
  /** To the export screen, when unsent answers must be exported first. */
  onExport: () => void;
  onReset: () => void;
};

type Step =
  | 'ready'
  | 'confirm'
  | 'working'
  | 'unsent_not_exported'
  | 'failed'
  | 'session_closed'
  | 'no_answer'
  | 'count_failed'
  | 'store_failed';

/** The page's own store goes last: a host that refuses leaves every answer where it was. */
async function eraseStore(deps: ServiceDeps): Promise<boolean> {
  try {
    deps.db.close();
    await deps.db.delete();
    return true;
  } catch {
    return false;
  }
}

/**
 * Factory reset: forgets the enrollment and erases every answer on the terminal. It refuses
 * while unsent answers exist that no finished export holds, and asks twice, the second time
 * with a different, explicit button.
 */
export function ResetScreen({ deps, host, language, onExport, onReset }: Props) {
  const { t } = useTranslation('service', { lng: language });
  const { unsent, recount } = useUnsent(deps.db);
  const [step, setStep] = useState<Step>('ready');
  const lastExport = host?.lastExport ?? null;

  const erase = async (): Promise<void> => {
    if (await eraseStore(deps)) {
      onReset();
    } else {
      setStep('store_failed');
    }
  };

  const reset = async (): Promise<void> => {
    setStep('working');
    let counted;
    try {
      // Counted again now: an answer may have come in while the screen was open.
      counted = await readUnsent(deps.db);
    } catch {
      setStep('count_failed');
      return;
    }
    let answer;
    try {
      answer = await deps.bridge.call('service:factory-reset', counted);
    } catch {
      setStep('no_answer');
      return;
    }
    if (!answer.ok) {
      setStep(answer.reason);
      recount();
      return;
    }
    await erase();
  };

  if (unsent.phase === 'counting') {
    return (
      <ResetFrame title={t('reset.title')}>
        <p>{t('counting')}</p>
      </ResetFrame>
    );
  }
  if (unsent.phase === 'failed') {
    return (
      <ResetFrame title={t('reset.title')}>
        <p role="alert" className="service-problem">
          {t('countFailed')}
        </p>
      </ResetFrame>
    );
  }

  const covered = exportCovers(lastExport, unsent.unsent, unsent.newestUnsentAt);
  const refused = !covered || step === 'unsent_not_exported';
  return (
    <ResetFrame title={t('reset.title')}>
      <p className="service-intro">{t('reset.intro')}</p>
      <p className="reset-count">
        {unsent.unsent === 0
          ? t('reset.noneUnsent')
          : t('reset.unsent', {
              count: unsent.unsent,
              number: formatNumber(unsent.unsent, language),
            })}
      </p>
      {unsent.unsent > 0 && covered && lastExport && (
        <p className="service-note">
          {t('reset.exported', { time: formatTime(lastExport.at, language) })}
        </p>
      )}
      {refused ? (
        <div role="alert" className="service-problem">
          <p>{t('reset.refused')}</p>
          <button type="button" className="service-button service-primary" onClick={onExport}>
            {t('reset.toExport')}
          </button>
        </div>
      ) : (
        <ResetSteps
          step={step}
          language={language}
          onStep={setStep}
          onReset={reset}
          onErase={erase}
        />
      )}
    </ResetFrame>
  );
}

function ResetFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section data-screen="service-reset" aria-labelledby="service-reset-title">
      <ScreenTitle id="service-reset-title">{title}</ScreenTitle>
      {children}
    </section>
  );
}

function ResetSteps({
  step,
  language,
  onStep,
  onReset,
  onErase,
}: {
  step: Step;
  language: LanguageCode;
  onStep: (step: Step) => void;
  onReset: () => Promise<void>;
  onErase: () => Promise<void>;
}) {
  const { t } = useTranslation('service', { lng: language });
  if (step === 'confirm') {
    return (
      <div className="reset-confirm" role="group" aria-labelledby="reset-question">
        <p id="reset-question" className="reset-question">
          {t('reset.question')}
        </p>
        <button
          type="button"
          className="service-button service-danger"
          onClick={() => void onReset()}
        >
          {t('reset.confirm')}
        </button>
        <button type="button" className="service-button" onClick={() => onStep('ready')}>
          {t('reset.cancel')}
        </button>
      </div>
    );
  }
  if (step === 'working') {
    return (
      <p role="status" aria-live="polite">
        {t('reset.working')}
      </p>
    );
  }
  if (step === 'store_failed') {
    return (
      <div role="alert" className="service-problem">
        <p>{t('reset.storeFailed')}</p>
        <button type="button" className="service-button" onClick={() => void onErase()}>
          {t('reset.retryErase')}
        </button>
      </div>
    );
  }
  return (
    <>
      {step !== 'ready' && (
        <p role="alert" className="service-problem">
          {t(`reset.failure.${step}`)}
        </p>
      )}
      <button
        type="button"
        className="service-button service-warning"
        onClick={() => onStep('confirm')}
      >
        {t('reset.start')}
      </button>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../../../core';
import { EnrollmentForm } from '../EnrollmentForm';
import { formatNumber } from './format';
import { ScreenTitle } from './ScreenTitle';
import type { ServiceDeps } from './service-deps';
import { useUnsent } from './use-unsent';

export type Enrolled = { terminalId: string; unitId: string };

type Props = {
  deps: ServiceDeps;
  language: LanguageCode;
  /** To the export screen: answers of the old unit should leave with a USB stick first. */
  onExport: () => void;
  onEnrolled: (result: Enrolled) => void;
};

/**
 * Enrolling again, with a new code (a revoked token, or the terminal moved to another unit).
 * Unsent answers stay and go out with the new enrollment, so the screen says how many there
 * are before the technician goes on.
 */
export function EnrollScreen({ deps, language, onExport, onEnrolled }: Props) {
  const { t } = useTranslation('service', { lng: language });
  const { unsent } = useUnsent(deps.db);
  return (
    <section data-screen="service-enroll" aria-labelledby="service-enroll-title">
      <ScreenTitle id="service-enroll-title">{t('enroll.title')}</ScreenTitle>
      {unsent.phase === 'counting' && <p>{t('counting')}</p>}
      {unsent.phase === 'failed' && <p className="service-problem">{t('countFailed')}</p>}
      {unsent.phase === 'counted' && unsent.unsent === 0 && (
        <p className="service-intro">{t('enroll.noneUnsent')}</p>
      )}
      {unsent.phase === 'counted' && unsent.unsent > 0 && (
        <div className="service-warning-box">
          <p>
            {t('enroll.unsent', {
              count: unsent.unsent,
              number: formatNumber(unsent.unsent, language),
            })}
          </p>
          <button type="button" className="service-button" onClick={onExport}>
            {t('enroll.toExport')}
          </button>
        </div>
      )}
      <EnrollmentForm bridge={deps.bridge} language={language} onEnrolled={onEnrolled} />
    </section>
  );
}

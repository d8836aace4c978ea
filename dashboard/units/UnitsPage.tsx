import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitsReport } from '../../core/reports-api';
import { fetchUnitsReport, TREND_WEEKS, type Failure } from '../api';
import { errorKey } from '../errors';
import type { PageProps } from '../shell/page';
import { DEFAULT_PERIOD, PERIODS, periodRange, type Period } from '../period';
import { UnitsTable } from './UnitsTable';

type ReportState =
  { kind: 'loading' } | { kind: 'ready'; rows: UnitsReport } | { kind: 'failed'; reason: Failure };

export function UnitsPage({ onSignedOut }: PageProps) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(DEFAULT_PERIOD);
  // The last answer and the period it is for: another period shows as loading until its own comes.
  const [answer, setAnswer] = useState<{ period: Period; report: ReportState } | null>(null);
  const report: ReportState =
    answer !== null && answer.period === period ? answer.report : { kind: 'loading' };

  useEffect(() => {
    document.title = t('app.unitsTitle');
  }, [t]);

  useEffect(() => {
    let live = true;
    const range = periodRange(period, new Date());
    void fetchUnitsReport(range, { weeks: TREND_WEEKS }).then((result) => {
      if (!live) {
        return;
      }
      if (result.ok) {
        setAnswer({ period, report: { kind: 'ready', rows: result.value } });
      } else if (result.reason === 'unauthorized') {
        onSignedOut();
      } else {
        setAnswer({ period, report: { kind: 'failed', reason: result.reason } });
      }
    });
    return () => {
      live = false;
    };
  }, [period, onSignedOut]);

  return (
    <>
      <h1>{t('units.heading')}</h1>
      <fieldset className="period">
        <legend>{t('period.legend')}</legend>
        {PERIODS.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="period"
              value={value}
              checked={period === value}
              onChange={() => setPeriod(value)}
            />
            {t(`period.${value}`)}
          </label>
        ))}
      </fieldset>
      <p className="note">{t('units.intervalNote')}</p>
      <div aria-live="polite" aria-busy={report.kind === 'loading'}>
        {report.kind === 'loading' && <p role="status">{t('units.loading')}</p>}
        {report.kind === 'failed' && <p role="alert">{t(errorKey(report.reason))}</p>}
        {report.kind === 'ready' && report.rows.length === 0 && <p>{t('units.empty')}</p>}
      </div>
      {report.kind === 'ready' && report.rows.length > 0 && (
        <UnitsTable
          rows={report.rows}
          caption={t('units.caption', { period: t(`period.${period}`) })}
        />
      )}
    </>
  );
}

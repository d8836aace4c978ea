import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchUnitsReport, fetchUnitsTrend, TREND_WEEKS } from '../api';
import { errorKey } from '../errors';
import { DEFAULT_PERIOD, periodRange, type Period } from '../period';
import { PeriodPicker } from '../PeriodPicker';
import type { PageProps } from '../shell/page';
import { useReport } from '../use-report';
import { UnitsTable } from './UnitsTable';

export function UnitsPage({ onSignedOut }: PageProps) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(DEFAULT_PERIOD);
  const { shown: report } = useReport(
    period,
    () => fetchUnitsReport(periodRange(period, new Date())),
    onSignedOut,
  );
  // Asked at once beside the figures, and not again when the period changes: it ends now.
  const { shown: trend } = useReport(
    'trend',
    () => fetchUnitsTrend(new Date(Date.now() + 1).toISOString(), TREND_WEEKS),
    onSignedOut,
  );
  const weeksOf = useMemo(
    () => new Map(trend.kind === 'ready' ? trend.value.map((row) => [row.unitId, row.weeks]) : []),
    [trend],
  );

  useEffect(() => {
    document.title = t('app.unitsTitle');
  }, [t]);

  return (
    <>
      <h1>{t('units.heading')}</h1>
      <PeriodPicker name="period" period={period} onChange={setPeriod} />
      <p className="note">{t('units.intervalNote')}</p>
      <div aria-live="polite" aria-busy={report.kind === 'loading'}>
        {report.kind === 'loading' && <p role="status">{t('units.loading')}</p>}
        {report.kind === 'failed' && <p role="alert">{t(errorKey(report.reason))}</p>}
        {report.kind === 'ready' && report.value.length === 0 && <p>{t('units.empty')}</p>}
      </div>
      {report.kind === 'ready' && report.value.length > 0 && (
        <UnitsTable
          rows={report.value.map((row) => ({ ...row, weeks: weeksOf.get(row.unitId) }))}
          caption={t('units.caption', { period: t(`period.${period}`) })}
        />
      )}
    </>
  );
}

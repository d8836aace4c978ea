import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitTarget } from '../../core/accounts-api';
import { fetchUnitsReport } from '../api';
import { errorKey } from '../errors';
import { formatters, targetValueText, unitName } from '../format';
import { DEFAULT_PERIOD, periodRange } from '../period';
import type { PageProps } from '../shell/page';
import { useReport } from '../use-report';
import '../accounts/admin.css';
import { TargetsTable } from './TargetsTable';

/** The last target saved, said politely; kept as its parts so a language switch re-says it. */
type Status = { unitId: string; target: UnitTarget | null } | null;

/**
 * Targets (county only): every unit with its current figures and target, and whether its
 * interval lies above, below or across it; a county sets, changes or removes a unit's target.
 * The Units page reads the same report, so a target saved here shows there too.
 */
export function TargetsPage({ onSignedOut }: PageProps) {
  const { t, i18n } = useTranslation();
  const { shown: report, update: updateReport } = useReport(
    DEFAULT_PERIOD,
    () => fetchUnitsReport(periodRange(DEFAULT_PERIOD, new Date())),
    onSignedOut,
  );
  const [status, setStatus] = useState<Status>(null);
  const period = t(`period.${DEFAULT_PERIOD}`);

  useEffect(() => {
    document.title = t('targets.title');
  }, [t]);

  const saved = (unitId: string, target: UnitTarget | null) => {
    updateReport((rows) => rows.map((row) => (row.unitId === unitId ? { ...row, target } : row)));
    setStatus({ unitId, target });
  };

  const statusText = () => {
    if (status === null || report.kind !== 'ready') {
      return null;
    }
    const row = report.value.find((r) => r.unitId === status.unitId);
    const unit = row === undefined ? status.unitId : unitName(row.name, i18n.language, row.unitId);
    if (status.target === null) {
      return t('targets.status.removed', { unit });
    }
    const target = t(`target.${status.target.measure}`, {
      value: targetValueText(formatters(i18n.language), status.target),
    });
    return t('targets.status.saved', { unit, target });
  };
  const said = statusText();

  return (
    <>
      <h1>{t('targets.heading')}</h1>
      <p className="note">{t('targets.intro')}</p>
      <div role="status" className="admin-status-region">
        {said !== null && <p className="admin-status">{said}</p>}
      </div>
      <div aria-live="polite" aria-busy={report.kind === 'loading'}>
        {report.kind === 'loading' && <p>{t('units.loading')}</p>}
        {report.kind === 'failed' && <p role="alert">{t(errorKey(report.reason))}</p>}
        {report.kind === 'ready' && report.value.length === 0 && <p>{t('units.empty')}</p>}
      </div>
      {report.kind === 'ready' && report.value.length > 0 && (
        <TargetsTable
          rows={report.value}
          caption={t('targets.caption', { period })}
          period={period}
          onSaved={(row, target) => saved(row.unitId, target)}
          onSignedOut={onSignedOut}
        />
      )}
    </>
  );
}

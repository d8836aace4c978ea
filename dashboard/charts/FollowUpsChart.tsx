import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatters } from '../format';
import { ChartFigure } from './ChartFigure';
import {
  followUpsHeight,
  followUpsOption,
  followUpsSummary,
  followUpsTable,
  type FollowUp,
} from './follow-ups';

/** The follow-up reasons chosen, most chosen first; a sentence instead when none were. */
export function FollowUpsChart({ reasons }: { reasons: readonly FollowUp[] }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const headingId = useId();
  const option = useMemo(() => followUpsOption(reasons, f), [reasons, f]);
  if (reasons.length === 0) {
    return (
      <section className="chart" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('charts.followUps.title')}</h2>
        <p>{t('charts.followUps.none')}</p>
      </section>
    );
  }
  return (
    <ChartFigure
      title={t('charts.followUps.title')}
      summary={followUpsSummary(t, reasons, f)}
      option={option}
      height={followUpsHeight(reasons)}
      table={followUpsTable(t, reasons, f)}
    />
  );
}

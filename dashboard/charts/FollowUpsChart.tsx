import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../core/localized';
import { formatters, unitName } from '../format';
import { ChartFigure } from './ChartFigure';
import {
  followUpsHeight,
  followUpsOption,
  followUpsSummary,
  followUpsTable,
  type FollowUp,
} from './follow-ups';

/** A reason as the unit report gives it: ids, and the survey's words when it has them. */
type Reason = Omit<FollowUp, 'label'> & { text?: LocalizedText | null | undefined };

/** The follow-up reasons chosen, most chosen first; a sentence instead when none were. */
export function FollowUpsChart({ reasons: given }: { reasons: readonly Reason[] }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  // Each reason in the survey's words in the page's language, where the unit's survey has them.
  const reasons = useMemo(
    () =>
      given.map(({ text, ...reason }) => ({
        ...reason,
        label: text ? unitName(text, i18n.language, reason.value) : undefined,
      })),
    [given, i18n.language],
  );
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

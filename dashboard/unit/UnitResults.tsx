import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitReport } from '../../core/reports-api';
import { unitVersusTarget } from '../../core/targets';
import { DataTable } from '../charts/DataTable';
import { DistributionChart } from '../charts/DistributionChart';
import { FollowUpsChart } from '../charts/FollowUpsChart';
import { HeatmapChart } from '../charts/HeatmapChart';
import type { TableModel } from '../charts/table';
import { TrendChart } from '../charts/TrendChart';
import type { TrendWeek } from '../charts/trend';
import { formatters, targetValueText } from '../format';
import { CautionNote } from './CautionNote';
import { cautions } from './cautions';
import { HeadlineFigures } from './HeadlineFigures';

const RESPONDENT_KINDS = ['patient', 'relative', 'other', 'unknown'] as const;

/** The report's answer drawn: its figures, who answered, and the charts. */
/** `questionName`: the question in the survey's words, when the unit's survey has them. */
export function UnitResults({
  report,
  questionName,
}: {
  report: UnitReport;
  questionName?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const headingId = useId();
  const respondentsId = useId();
  const target = report.target ?? null;
  const shareWeeks = useMemo<TrendWeek[]>(
    () => report.weeks.map((w) => ({ start: w.start, n: w.n, figure: w.positiveShare })),
    [report.weeks],
  );
  const npsWeeks = useMemo<TrendWeek[]>(
    () => report.weeks.map((w) => ({ start: w.start, n: w.n, figure: w.nps ?? null })),
    [report.weeks],
  );
  const distribution = useMemo(
    () =>
      report.scale === null
        ? null
        : {
            scale: report.scale,
            byValue: report.byValue,
            n: report.n,
            positiveShare: report.positiveShare,
            negativeShare: report.negativeShare,
          },
    [report],
  );

  if (report.scale === null || distribution === null) {
    return <p>{t('unit.noQuestions')}</p>;
  }
  const targetText = target === null ? undefined : targetValueText(f, target);
  const respondents: TableModel = {
    caption: t('unit.who.caption'),
    columns: [{ label: t('unit.who.respondent') }, { label: t('charts.answers'), numeric: true }],
    rows: RESPONDENT_KINDS.map((kind) => ({
      key: kind,
      cells: [t(`unit.respondent.${kind}`), f.count(report.respondents[kind])],
    })),
  };

  return (
    <>
      <section className="unit-figures" aria-labelledby={headingId}>
        <h2 id={headingId}>
          {t('unit.figuresHeading', { question: questionName ?? report.questionId ?? '' })}
        </h2>
        {report.n === 0 ? (
          <p>{t('unit.noAnswers')}</p>
        ) : (
          <>
            <CautionNote cautions={cautions(report)} />
            <HeadlineFigures
              report={report}
              target={target}
              standing={unitVersusTarget(report, target)}
            />
            <p className="note">{t('unit.intervalNote')}</p>
          </>
        )}
        <p className="note">
          {t('unit.excluded', {
            repeat: f.count(report.excluded.repeat),
            test: f.count(report.excluded.test),
          })}
        </p>
      </section>
      <section className="unit-who" aria-labelledby={respondentsId}>
        <h2 id={respondentsId}>{t('unit.who.heading')}</h2>
        <DataTable model={respondents} />
      </section>
      {report.n > 0 && (
        <div className="unit-charts">
          <TrendChart
            weeks={shareWeeks}
            measure="positiveShare"
            target={target?.measure === 'positiveShare' ? target.value : undefined}
            targetText={targetText}
          />
          {report.scale === 'nps11' && (
            <TrendChart
              weeks={npsWeeks}
              measure="nps"
              target={target?.measure === 'nps' ? target.value : undefined}
              targetText={targetText}
            />
          )}
          <DistributionChart distribution={distribution} />
          <HeatmapChart cells={report.heatmap} timeZone={report.timeZone} />
          <FollowUpsChart reasons={report.followUps} />
        </div>
      )}
    </>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatters } from '../format';
import { ChartFigure } from './ChartFigure';
import { labels } from './labels';
import { trendOption, trendSummary, trendTable, type TrendMeasure, type TrendWeek } from './trend';

type Props = {
  weeks: readonly TrendWeek[];
  measure: TrendMeasure;
  /** The unit's target on the same measure, drawn as a dashed line. */
  target?: number | undefined;
  /** The target as words ("70 % positive"), said in the reading key. */
  targetText?: string | undefined;
};

/** The weekly trend of a positive share or an NPS, with its interval band. */
export function TrendChart({ weeks, measure, target, targetText }: Props) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const l = labels(i18n.language);
  const option = useMemo(
    () => trendOption(weeks, measure, l, f, target),
    [weeks, measure, l, f, target],
  );
  const key = t('charts.trend.key');
  return (
    <ChartFigure
      title={t(`charts.trend.${measure}.title`)}
      summary={trendSummary(t, weeks, measure, l, f)}
      readingKey={
        target === undefined || targetText === undefined
          ? key
          : `${key} ${t('charts.trend.keyTarget', { target: targetText })}`
      }
      option={option}
      height={280}
      table={trendTable(t, weeks, measure, l, f)}
    />
  );
}

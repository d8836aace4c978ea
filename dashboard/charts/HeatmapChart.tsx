import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatters } from '../format';
import { ChartFigure } from './ChartFigure';
import { heatmapOption, heatmapSummary, heatmapTable, type HeatCell } from './heatmap';
import { labels } from './labels';

type Props = {
  cells: readonly HeatCell[];
  /** The unit's time zone, which the hours are in. */
  timeZone: string;
};

/** When people answered: hour × weekday in the unit's local time. */
export function HeatmapChart({ cells, timeZone }: Props) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const l = labels(i18n.language);
  const option = useMemo(() => heatmapOption(cells, l, f), [cells, l, f]);
  return (
    <ChartFigure
      title={t('charts.heatmap.title')}
      summary={heatmapSummary(t, cells, l, f)}
      readingKey={t('charts.heatmap.key', { timeZone })}
      option={option}
      height={560}
      table={heatmapTable(t, cells, l, f)}
    />
  );
}

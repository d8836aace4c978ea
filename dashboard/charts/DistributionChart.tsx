import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatters } from '../format';
import { ChartFigure } from './ChartFigure';
import {
  distributionKey,
  distributionOption,
  distributionSummary,
  distributionTable,
  type Distribution,
} from './distribution';

/** How many answers had each value of the scale. */
export function DistributionChart({ distribution }: { distribution: Distribution }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const option = useMemo(() => distributionOption(distribution, f), [distribution, f]);
  return (
    <ChartFigure
      title={t('charts.distribution.title')}
      summary={distributionSummary(t, distribution, f)}
      readingKey={distributionKey(t, distribution)}
      option={option}
      height={260}
      table={distributionTable(t, distribution, f)}
    />
  );
}

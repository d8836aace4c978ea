import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCanvas } from './ChartCanvas';
import { DataTable } from './DataTable';
import type { ChartOption } from './option';
import type { TableModel } from './table';
import './charts.css';

type Props = {
  title: string;
  /** One plain sentence: what the chart shows. */
  summary: string;
  /** How to read the drawing (what the line, band or shade mean), when it needs saying. */
  readingKey?: string | undefined;
  option: ChartOption;
  height: number;
  /** The numbers the chart draws. */
  table: TableModel;
};

/**
 * A chart as a figure: its title, a sentence saying what it shows, the drawing (an image named by
 * the title and described by the sentence), and the table of what it draws one click away. The
 * words and the table carry everything the drawing does; nothing is told by colour alone.
 */
export function ChartFigure({ title, summary, readingKey, option, height, table }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption>
        <h2 id={titleId}>{title}</h2>
        <p id={summaryId} className="chart-summary">
          {summary}
        </p>
      </figcaption>
      <ChartCanvas option={option} label={title} describedBy={summaryId} height={height} />
      {readingKey !== undefined && <p className="chart-key">{readingKey}</p>}
      <details className="chart-table">
        <summary>{t('charts.showTable')}</summary>
        <DataTable model={table} />
      </details>
    </figure>
  );
}

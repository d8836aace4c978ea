import type { UnitReport } from '../../core/reports-api';
import { renderSvg } from '../charts/svg';
import { ACCENT, FONT_FAMILY } from '../pdf/html';
import { monthName, percent, weekdayName, type ReportLanguage } from '../pdf/report-words';
import type { MonthTrendRow } from './month-report-data';

/**
 * The monthly report's two charts, drawn on the server as SVG (server/charts/svg.ts): each is a
 * picture of the table printed under it.
 */

const TEXT = { fontFamily: FONT_FAMILY, color: '#000' };

/** The positive share by month with its 95 % interval as a band; months without answers empty. */
export function trendChart(rows: readonly MonthTrendRow[], lang: ReportLanguage): string {
  const pct = (pick: (row: MonthTrendRow) => number | undefined) =>
    rows.map((row) => {
      const value = pick(row);
      return value === undefined ? null : Math.round(value * 1000) / 10;
    });
  const low = pct((row) => row.positiveShare?.low);
  const high = pct((row) => row.positiveShare?.high);
  const width = high.map((h, i) => (h === null || low[i] === null ? null : h - low[i]!));
  const labels = rows.map((row) =>
    row.positiveShare === null ? '' : percent(row.positiveShare.value, lang),
  );
  return renderSvg(
    {
      textStyle: TEXT,
      grid: { left: 52, right: 16, top: 26, bottom: 30 },
      xAxis: {
        type: 'category',
        data: rows.map((row) => monthName(row.month, lang, 'short')),
        boundaryGap: false,
        axisLabel: { color: '#000', fontSize: 12 },
        axisLine: { lineStyle: { color: '#000' } },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        interval: 25,
        axisLabel: { formatter: '{value} %', color: '#333', fontSize: 11 },
        splitLine: { lineStyle: { color: '#ccc', type: 'dashed' } },
      },
      series: [
        {
          type: 'line',
          data: low,
          stack: 'interval',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          connectNulls: false,
        },
        {
          type: 'line',
          data: width,
          stack: 'interval',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color: ACCENT, opacity: 0.15 },
          connectNulls: false,
        },
        {
          type: 'line',
          data: pct((row) => row.positiveShare?.value),
          symbol: 'circle',
          symbolSize: 7,
          lineStyle: { color: ACCENT, width: 2.5 },
          itemStyle: { color: ACCENT },
          connectNulls: false,
          label: {
            show: true,
            position: 'top',
            color: '#000',
            fontSize: 11,
            formatter: (params: { dataIndex: number }) => labels[params.dataIndex] ?? '',
          },
        },
      ],
    },
    { width: 680, height: 240 },
    'month-trend',
  );
}

/** Answers by local hour (columns) and weekday (rows, Monday on top), darker for more. */
export function heatmapChart(cells: UnitReport['heatmap'], lang: ReportLanguage): string {
  const most = Math.max(1, ...cells.map((cell) => cell.n));
  const byCell = new Map(cells.map((cell) => [cell.weekday * 100 + cell.hour, cell.n]));
  return renderSvg(
    {
      textStyle: TEXT,
      grid: { left: 44, right: 8, top: 8, bottom: 26 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0')),
        splitArea: { show: false },
        axisLabel: { color: '#000', fontSize: 10 },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: Array.from({ length: 7 }, (_, i) => weekdayName(i + 1, lang)),
        axisLabel: { color: '#000', fontSize: 11 },
        axisTick: { show: false },
      },
      visualMap: {
        type: 'continuous',
        show: false,
        min: 0,
        max: most,
        inRange: { color: ['#ffffff', ACCENT] },
      },
      series: [
        {
          type: 'heatmap',
          // Every hour of the week, so the empty ones show as empty squares of the grid.
          data: Array.from({ length: 7 * 24 }, (_, i) => {
            const weekday = Math.floor(i / 24) + 1;
            const hour = i % 24;
            const n = byCell.get(weekday * 100 + hour) ?? 0;
            return {
              value: [hour, weekday - 1, n],
              label: n === 0 ? { show: false } : { color: n > most / 2 ? '#fff' : '#000' },
            };
          }),
          itemStyle: { borderColor: '#999', borderWidth: 0.5 },
          label: { show: true, fontSize: 9 },
        },
      ],
    },
    { width: 680, height: 200 },
    'month-heat',
  );
}

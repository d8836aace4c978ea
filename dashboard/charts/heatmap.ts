import type { TFunction } from 'i18next';
import type { IntervalFigure } from '../../core/targets';
import { shareText, type Formatters } from '../format';
import type { Labels } from './labels';
import type { ChartOption } from './option';
import { AXIS_LABEL, BASE, PALETTE } from './palette';
import type { TableModel } from './table';

/**
 * When people answered: the week's hours in the unit's local time, a column a weekday (Monday
 * first) and a row an hour, each cell with its count written in it (the shade says the same).
 */

/** A cell of the report's heat map: only cells with answers are listed. */
export type HeatCell = {
  weekday: number;
  hour: number;
  n: number;
  positiveShare: IntervalFigure | null;
};

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
export const HOURS_IN_WEEK = WEEKDAYS.length * HOURS.length;

export function heatmapOption(cells: readonly HeatCell[], l: Labels, f: Formatters): ChartOption {
  const most = Math.max(1, ...cells.map((cell) => cell.n));
  return {
    ...BASE,
    grid: { left: 8, right: 8, top: 8, bottom: 8, outerBoundsMode: 'same' },
    xAxis: {
      type: 'category',
      position: 'top',
      data: WEEKDAYS.map((day) => l.weekdayShort(day)),
      axisLabel: AXIS_LABEL,
      axisTick: { show: false },
      splitArea: { show: true, areaStyle: { color: ['#ffffff', '#f7f8fa'] } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: HOURS.map((hour) => l.hourShort(hour)),
      axisLabel: AXIS_LABEL,
      axisTick: { show: false },
    },
    visualMap: {
      type: 'continuous',
      show: false,
      min: 0,
      max: most,
      dimension: 2,
      inRange: { color: [...PALETTE.heat] },
    },
    series: [
      {
        type: 'heatmap',
        silent: true,
        data: cells.map((cell) => [cell.weekday - 1, cell.hour, cell.n]),
        label: {
          show: true,
          color: PALETTE.text,
          fontSize: 11,
          formatter: ({ value }: { value: unknown }) =>
            f.count(Array.isArray(value) ? Number(value[2]) : Number(value)),
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      },
    ],
  };
}

export function heatmapSummary(
  t: TFunction,
  cells: readonly HeatCell[],
  l: Labels,
  f: Formatters,
): string {
  const [first] = cells;
  if (first === undefined) {
    return t('charts.heatmap.none');
  }
  // The earliest in the week of equally busy hours.
  const busiest = cells.reduce((a, b) => (b.n > a.n ? b : a), first);
  return t('charts.heatmap.summary', {
    weekday: l.weekdayLong(busiest.weekday),
    hour: l.hourRange(busiest.hour),
    n: f.count(busiest.n),
    cells: f.count(cells.length),
    hours: f.count(HOURS_IN_WEEK),
  });
}

export function heatmapTable(
  t: TFunction,
  cells: readonly HeatCell[],
  l: Labels,
  f: Formatters,
): TableModel {
  return {
    caption: t('charts.heatmap.title'),
    columns: [
      { label: t('charts.heatmap.weekday') },
      { label: t('charts.heatmap.hour') },
      { label: t('charts.answers'), numeric: true },
      { label: t('charts.heatmap.positive'), numeric: true },
    ],
    rows: [...cells]
      .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour)
      .map((cell) => ({
        key: `${cell.weekday}-${cell.hour}`,
        cells: [
          l.weekdayLong(cell.weekday),
          l.hourRange(cell.hour),
          f.count(cell.n),
          cell.positiveShare === null ? t('figures.none') : shareText(f, cell.positiveShare),
        ],
      })),
  };
}

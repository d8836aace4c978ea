import type { TFunction } from 'i18next';
import type { IntervalFigure } from '../../core/targets';
import type { Formatters } from '../format';
import type { Labels } from './labels';
import type { ChartOption } from './option';
import { AXIS_LABEL, BASE, PALETTE } from './palette';
import type { TableModel } from './table';

/**
 * The weekly trend: each week's figure as a line over its 95 % interval as a band, a week
 * without answers a gap in both. Positive share (0…1) or NPS (−100…100).
 */

export type TrendMeasure = 'positiveShare' | 'nps';
/** A week of the report; `figure` null when it had no answers. */
export type TrendWeek = { start: string; n: number; figure: IntervalFigure | null };

const RANGE = {
  positiveShare: { min: 0, max: 1 },
  nps: { min: -100, max: 100 },
} as const;

function valueText(f: Formatters, measure: TrendMeasure, value: number): string {
  return measure === 'nps' ? f.nps(value) : f.percent(value);
}

function rangeText(f: Formatters, measure: TrendMeasure, figure: IntervalFigure): string {
  return measure === 'nps'
    ? f.npsRange(figure.low, figure.high)
    : f.percentRange(figure.low, figure.high);
}

export function trendOption(
  weeks: readonly TrendWeek[],
  measure: TrendMeasure,
  l: Labels,
  f: Formatters,
  target?: number,
): ChartOption {
  const lows = weeks.map((w) => w.figure?.low ?? null);
  // Stacked on the low end: the band's thickness is the interval's width.
  const widths = weeks.map((w) => (w.figure === null ? null : w.figure.high - w.figure.low));
  const values = weeks.map((w) => w.figure?.value ?? null);
  const quiet = { symbol: 'none', silent: true, lineStyle: { opacity: 0 } } as const;
  return {
    ...BASE,
    grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: weeks.map((w) => l.weekShort(w.start)),
      axisLabel: { ...AXIS_LABEL, hideOverlap: true },
      axisLine: { lineStyle: { color: PALETTE.muted } },
    },
    yAxis: {
      type: 'value',
      ...RANGE[measure],
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => valueText(f, measure, v) },
      splitLine: { lineStyle: { color: PALETTE.line } },
    },
    series: [
      { type: 'line', stack: 'interval', data: lows, ...quiet },
      {
        type: 'line',
        stack: 'interval',
        data: widths,
        ...quiet,
        areaStyle: { color: PALETTE.band, opacity: 1 },
      },
      {
        type: 'line',
        data: values,
        symbol: 'circle',
        symbolSize: 6,
        connectNulls: false,
        silent: true,
        lineStyle: { color: PALETTE.accent, width: 2 },
        itemStyle: { color: PALETTE.accent },
      },
      ...(target === undefined
        ? []
        : [
            {
              type: 'line' as const,
              data: weeks.map(() => target),
              ...quiet,
              lineStyle: { color: PALETTE.target, width: 2, type: 'dashed' as const },
            },
          ]),
    ],
  };
}

/** One sentence: where the figure began and ended, and its highest and lowest week. */
export function trendSummary(
  t: TFunction,
  weeks: readonly TrendWeek[],
  measure: TrendMeasure,
  l: Labels,
  f: Formatters,
): string {
  const answered = weeks.filter(
    (w): w is TrendWeek & { figure: IntervalFigure } => w.figure !== null,
  );
  const first = answered[0];
  const last = answered.at(-1);
  if (first === undefined || last === undefined) {
    return t('charts.trend.none');
  }
  if (answered.length === 1) {
    return t(`charts.trend.${measure}.one`, {
      week: l.weekLong(first.start),
      value: valueText(f, measure, first.figure.value),
    });
  }
  // The first of equal weeks: the earliest week a value was reached.
  const high = answered.reduce((a, b) => (b.figure.value > a.figure.value ? b : a));
  const low = answered.reduce((a, b) => (b.figure.value < a.figure.value ? b : a));
  return t(`charts.trend.${measure}.summary`, {
    firstWeek: l.weekLong(first.start),
    lastWeek: l.weekLong(last.start),
    first: valueText(f, measure, first.figure.value),
    last: valueText(f, measure, last.figure.value),
    high: valueText(f, measure, high.figure.value),
    highWeek: l.weekLong(high.start),
    low: valueText(f, measure, low.figure.value),
    lowWeek: l.weekLong(low.start),
  });
}

export function trendTable(
  t: TFunction,
  weeks: readonly TrendWeek[],
  measure: TrendMeasure,
  l: Labels,
  f: Formatters,
): TableModel {
  const none = t('figures.none');
  return {
    caption: t(`charts.trend.${measure}.title`),
    columns: [
      { label: t('charts.trend.week') },
      { label: t('charts.answers'), numeric: true },
      { label: t(`charts.trend.${measure}.value`), numeric: true },
      { label: t('charts.interval'), numeric: true },
    ],
    rows: weeks.map((w) => ({
      key: w.start,
      cells: [
        l.weekLong(w.start),
        f.count(w.n),
        w.figure === null ? none : valueText(f, measure, w.figure.value),
        w.figure === null ? none : rangeText(f, measure, w.figure),
      ],
    })),
  };
}

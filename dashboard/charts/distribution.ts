import type { TFunction } from 'i18next';
import { isNegative, isPositive, scaleValues, type Scale } from '../../core/scales';
import type { IntervalFigure } from '../../core/targets';
import type { Formatters } from '../format';
import type { ChartOption } from './option';
import { AXIS_LABEL, BASE, countAxis, countLabel, PALETTE } from './palette';
import type { TableModel } from './table';

/** How many answers had each value of the scale: one bar a value, its count written on it. */

export type Distribution = {
  scale: Scale;
  /** Every value of the scale, zeros included, as the report gives it. */
  byValue: Readonly<Record<string, number>>;
  n: number;
  positiveShare: IntervalFigure | null;
  negativeShare: IntervalFigure | null;
};

export type ValueClass = 'positive' | 'negative' | 'neither';

export function valueClass(scale: Scale, value: number): ValueClass {
  return isPositive(scale, value) ? 'positive' : isNegative(scale, value) ? 'negative' : 'neither';
}

/** The scale's values in order, each with its count (0 for one the report left out). */
function bars(d: Distribution): { value: number; count: number; kind: ValueClass }[] {
  return scaleValues(d.scale).map((value) => ({
    value,
    count: d.byValue[String(value)] ?? 0,
    kind: valueClass(d.scale, value),
  }));
}

export function distributionOption(d: Distribution, f: Formatters): ChartOption {
  const shown = bars(d);
  return {
    ...BASE,
    grid: { left: 8, right: 16, top: 24, bottom: 8, outerBoundsMode: 'same' },
    xAxis: {
      type: 'category',
      data: shown.map((bar) => String(bar.value)),
      axisLabel: AXIS_LABEL,
      axisLine: { lineStyle: { color: PALETTE.muted } },
    },
    yAxis: countAxis(f),
    series: [
      {
        type: 'bar',
        silent: true,
        barMaxWidth: 48,
        data: shown.map((bar) => ({ value: bar.count, itemStyle: { color: PALETTE[bar.kind] } })),
        label: countLabel(f, 'top'),
      },
    ],
  };
}

/** The values that count as positive and negative, as a reader names them: "3–4", "1–2". */
function valuesOf(d: Distribution, kind: ValueClass): string {
  const values = bars(d)
    .filter((bar) => bar.kind === kind)
    .map((bar) => bar.value);
  const first = values[0];
  const last = values.at(-1);
  return first === undefined || last === undefined
    ? ''
    : first === last
      ? String(first)
      : `${first}–${last}`;
}

/** How to read the bars: which values count as positive and which as negative. */
export function distributionKey(t: TFunction, d: Distribution): string {
  return t('charts.distribution.key', {
    positive: valuesOf(d, 'positive'),
    negative: valuesOf(d, 'negative'),
  });
}

export function distributionSummary(t: TFunction, d: Distribution, f: Formatters): string {
  const shown = bars(d);
  const [firstBar] = shown;
  if (d.n === 0 || d.positiveShare === null || d.negativeShare === null || !firstBar) {
    return t('charts.distribution.none');
  }
  // The lowest of equally common values.
  const top = shown.reduce((a, b) => (b.count > a.count ? b : a), firstBar);
  return t('charts.distribution.summary', {
    value: String(top.value),
    share: f.percent(top.count / d.n),
    positive: f.percent(d.positiveShare.value),
    negative: f.percent(d.negativeShare.value),
  });
}

export function distributionTable(t: TFunction, d: Distribution, f: Formatters): TableModel {
  return {
    caption: t('charts.distribution.title'),
    columns: [
      { label: t('charts.distribution.value') },
      { label: t('charts.answers'), numeric: true },
      { label: t('charts.distribution.class') },
    ],
    rows: bars(d).map((bar) => ({
      key: String(bar.value),
      cells: [String(bar.value), f.count(bar.count), t(`charts.distribution.${bar.kind}`)],
    })),
  };
}

import type { EChartsCoreOption } from 'echarts/core';
import { isSuppressed, type PublicWeek } from '../../core/public-api';
import { renderSvg, type SvgSize } from '../charts/svg';
import type { PageFormat } from './page-format';

/**
 * The public page's one chart: each week's positive share as a line over its 95 % interval as
 * a band, a suppressed week a gap in both. Drawn on the server as SVG, a picture of the table
 * beside it (hidden from screen readers), so the page needs no script.
 */

export const CHART_SIZE: SvgSize = { width: 560, height: 240 };

/** The page's colours (page-style.ts), written out: ECharts paints attributes, not CSS. */
const COLOURS = {
  text: '#1a1a1a',
  muted: '#4d4d4d',
  line: '#c4c4c4',
  accent: '#1f4e99',
  band: 'rgba(31, 78, 153, 0.2)',
} as const;
const FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
const AXIS_LABEL = { color: COLOURS.muted, fontSize: 13 } as const;

export function weeklyShareOption(weeks: readonly PublicWeek[], f: PageFormat): EChartsCoreOption {
  // A week without its count is hidden whole, as the table hides it.
  const shown = weeks.map((w) =>
    w.n === null || isSuppressed(w.positiveShare) ? null : w.positiveShare,
  );
  const quiet = { symbol: 'none', silent: true, lineStyle: { opacity: 0 } } as const;
  return {
    textStyle: { fontFamily: FONT, color: COLOURS.text, fontSize: 13 },
    grid: { left: 8, right: 16, top: 12, bottom: 8, outerBoundsMode: 'same' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: weeks.map((w) => f.weekShort(w.start)),
      axisLabel: { ...AXIS_LABEL, hideOverlap: true },
      axisLine: { lineStyle: { color: COLOURS.muted } },
      axisTick: { lineStyle: { color: COLOURS.muted } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      interval: 0.25,
      axisLabel: { ...AXIS_LABEL, formatter: (v: number) => f.percent(v) },
      splitLine: { lineStyle: { color: COLOURS.line } },
    },
    series: [
      // Stacked on the low end: the band's thickness is the interval's width.
      { type: 'line', stack: 'interval', data: shown.map((s) => s?.low ?? null), ...quiet },
      {
        type: 'line',
        stack: 'interval',
        data: shown.map((s) => (s === null ? null : s.high - s.low)),
        ...quiet,
        areaStyle: { color: COLOURS.band, opacity: 1 },
      },
      {
        type: 'line',
        data: shown.map((s) => s?.value ?? null),
        symbol: 'circle',
        symbolSize: 7,
        showAllSymbol: true,
        connectNulls: false,
        silent: true,
        lineStyle: { color: COLOURS.accent, width: 2 },
        itemStyle: { color: COLOURS.accent },
      },
    ],
  };
}

/** The weekly share drawn as an SVG string, ready to put in the page. */
export function weeklyShareSvg(weeks: readonly PublicWeek[], f: PageFormat, id: string): string {
  return renderSvg(weeklyShareOption(weeks, f), CHART_SIZE, id);
}

import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, VisualMapContinuousComponent } from 'echarts/components';
import { init, use as install } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './option';

/**
 * The part of ECharts the dashboard draws with, and nothing more: three chart types, the grid,
 * the heat map's colour scale and the SVG renderer. Loaded on demand (`load.ts`), so the first
 * paint of a page never waits for it. ECharts' own aria is left out: each chart's container
 * carries the accessible name, and the page gives the summary and the table.
 */
install([
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  VisualMapContinuousComponent,
  SVGRenderer,
]);

/** A drawn chart: what its container needs to keep it in step and to let it go. */
export type Chart = {
  update(option: ChartOption): void;
  resize(): void;
  dispose(): void;
};

/**
 * A chart drawn as SVG into `element`, sized to it. zrender writes the SVG's styles through
 * CSSOM (`element.style`), which the page's CSP (style-src 'self') allows.
 */
export function drawChart(element: HTMLElement, option: ChartOption): Chart {
  const chart = init(element, null, { renderer: 'svg' });
  chart.setOption(option);
  return {
    update: (next) => chart.setOption(next, { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}

import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, VisualMapContinuousComponent } from 'echarts/components';
import { init, use as install, type EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Charts drawn on the server: ECharts' server-side SVG (`ssr: true`), no DOM and no browser.
 * The public page, the wall poster and the monthly report put the string into their HTML, so
 * they read without JavaScript and print as vectors. Each is drawn with its data's table and
 * a sentence beside it: the SVG is a picture of them, hidden from screen readers.
 */
install([
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  MarkLineComponent,
  VisualMapContinuousComponent,
  SVGRenderer,
]);

export type SvgSize = { width: number; height: number };

/** The option drawn once, without animation, as one SVG element (no XML declaration). */
export function renderSvg(option: EChartsCoreOption, size: SvgSize): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({ animation: false, aria: { enabled: false }, ...option });
    const svg = chart.renderToSVGString();
    // A picture of the table beside it: screen readers read the table, not the drawing.
    return svg.replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
  } finally {
    chart.dispose();
  }
}

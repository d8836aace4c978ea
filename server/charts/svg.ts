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

/** SVG presentation attributes that ECharts writes as a `style` attribute on its text. */
const PRESENTATION = new Set(['font-size', 'font-weight', 'font-style']);

/**
 * ECharts' SVG made fit for a page under a strict CSP, and stable: its `<style>` (hover rules,
 * of no use without script) and the classes it names go, its text's `style` attributes become
 * presentation attributes (no `style-src 'unsafe-inline'` needed), its per-render ids
 * (`zr7-c0`) take `idPrefix` (two charts on a page never share an id, and the same figures give
 * the same bytes, so the page's ETag holds), and its hydration metadata goes.
 */
export function tidySvg(svg: string, idPrefix: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ class="[^"]*"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/\bzr\d+-/g, `${idPrefix}-`)
    .replace(/ style="([^"]*)"/g, (_whole, declarations: string) =>
      declarations
        .split(';')
        .map((declaration) => {
          const colon = declaration.indexOf(':');
          const name = declaration.slice(0, colon).trim();
          const value = declaration.slice(colon + 1).trim();
          return colon > 0 && PRESENTATION.has(name) ? ` ${name}="${value}"` : '';
        })
        .join(''),
    )
    .replace(/\n+/g, '');
}

/**
 * The option drawn once, without animation, as one SVG element (no XML declaration), tidied:
 * its ids start with `idPrefix`, which must differ between the charts of one page.
 */
export function renderSvg(option: EChartsCoreOption, size: SvgSize, idPrefix: string): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({ animation: false, aria: { enabled: false }, ...option });
    const svg = tidySvg(chart.renderToSVGString(), idPrefix);
    // A picture of the table beside it: screen readers read the table, not the drawing.
    return svg.replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
  } finally {
    chart.dispose();
  }
}

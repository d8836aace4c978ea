import type * as Charts from './echarts';

/**
 * ECharts arrives in its own file, fetched the first time a chart is wanted: a page paints its
 * figures and tables first. A page that knows it will draw may call this early to start the fetch.
 * A failed fetch is forgotten, so the next chart tries again.
 */
let loading: Promise<typeof Charts> | undefined;

export function loadCharts(): Promise<typeof Charts> {
  loading ??= import('./echarts').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

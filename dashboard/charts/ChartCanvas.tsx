import { useEffect, useRef } from 'react';
import type { Chart } from './echarts';
import { loadCharts } from './load';
import type { ChartOption } from './option';

type Props = {
  option: ChartOption;
  /** The chart's accessible name. */
  label: string;
  /** The id of the sentence that says what the chart shows. */
  describedBy: string;
  /** In CSS pixels; the width is the container's. */
  height: number;
};

/**
 * Where ECharts draws: an image to assistive technology, named and described by the figure's
 * words. ECharts is fetched when the first chart mounts; the chart is drawn once its box has a
 * width (not while hidden or before layout), follows the box's size (a window resize, a phone
 * turned), and is disposed of when the component goes.
 */
export function ChartCanvas({ option, label, describedBy, height }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const latest = useRef(option);

  useEffect(() => {
    // Through CSSOM, which the CSP allows, never a style attribute.
    box.current?.style.setProperty('height', `${height}px`);
    chart.current?.resize();
  }, [height]);

  useEffect(() => {
    const element = box.current;
    if (element === null) {
      return;
    }
    let gone = false;
    let draw: ((element: HTMLElement, option: ChartOption) => Chart) | undefined;
    const fit = () => {
      if (gone || draw === undefined) {
        return;
      }
      if (chart.current !== null) {
        chart.current.resize();
      } else if (element.clientWidth > 0) {
        chart.current = draw(element, latest.current);
      }
    };
    loadCharts().then(
      (module) => {
        draw = module.drawChart;
        fit();
      },
      () => {
        // Not fetched (the network went): the summary and the table still tell it all.
      },
    );
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : undefined;
    observer?.observe(element);
    window.addEventListener('resize', fit);
    return () => {
      gone = true;
      observer?.disconnect();
      window.removeEventListener('resize', fit);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    latest.current = option;
    chart.current?.update(option);
  }, [option]);

  return (
    <div
      ref={box}
      className="chart-canvas"
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
    />
  );
}

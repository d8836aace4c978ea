import { describe, expect, it } from 'vitest';
import { formatters } from '../format';
import { SAMPLE_REPORT } from '../unit/sample-report';
import { distributionOption } from './distribution';
import { followUpsHeight, followUpsOption, reasonLabel } from './follow-ups';
import { heatmapOption } from './heatmap';
import { labels } from './labels';
import { PALETTE } from './palette';
import { trendOption, type TrendWeek } from './trend';

/** What the charts are asked to draw: the report's numbers, nothing made up, nothing left out. */

const f = formatters('en');
const l = labels('en');
const r = SAMPLE_REPORT;
const WEEKS: TrendWeek[] = r.weeks.map((w) => ({
  start: w.start,
  n: w.n,
  figure: w.positiveShare,
}));

type Series = { type: string; data: unknown[]; stack?: string; areaStyle?: unknown };
const seriesOf = (option: { series?: unknown }) => option.series as Series[];

describe('the charts’ options', () => {
  it('draw the trend as a band from low to high under the value line, an empty week a gap in both', () => {
    const option = trendOption(WEEKS, 'positiveShare', l, f, 0.7);
    expect((option.xAxis as { data: string[] }).data).toEqual(['28/09', '05/10', '12/10']);
    expect(option.yAxis).toMatchObject({ min: 0, max: 1 });
    const [low, width, value, target] = seriesOf(option);
    expect(low?.data).toEqual([0.4902, null, 0.5241]);
    expect(low?.stack).toBe(width?.stack);
    expect(width?.areaStyle).toBeDefined();
    const widths = width?.data as (number | null)[];
    expect(widths[0]).toBeCloseTo(0.9433 - 0.4902, 10);
    expect(widths[1]).toBeNull();
    expect(value?.data).toEqual([0.8, null, 0.7857]);
    expect(target?.data).toEqual([0.7, 0.7, 0.7]);
    // No target, no dashed line; NPS on its own scale.
    const nps = trendOption(WEEKS, 'nps', l, f);
    expect(seriesOf(nps)).toHaveLength(3);
    expect(nps.yAxis).toMatchObject({ min: -100, max: 100 });
  });

  it('draw a bar for every value of the scale, coloured by what it counts as and its count written on it', () => {
    const option = distributionOption(
      {
        scale: 'smiley3',
        byValue: { '1': 4, '3': 9 },
        n: 13,
        positiveShare: null,
        negativeShare: null,
      },
      f,
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['1', '2', '3']);
    const [bars] = seriesOf(option);
    expect(bars?.data).toEqual([
      { value: 4, itemStyle: { color: PALETTE.negative } },
      { value: 0, itemStyle: { color: PALETTE.neither } },
      { value: 9, itemStyle: { color: PALETTE.positive } },
    ]);
    expect((bars as unknown as { label: { show: boolean } }).label.show).toBe(true);
  });

  it('put each heat-map cell at its weekday (Monday first) and hour, with its count written in it', () => {
    const option = heatmapOption(r.heatmap, l, f);
    expect((option.xAxis as { data: string[] }).data).toEqual([
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
      'Sun',
    ]);
    expect((option.yAxis as { data: string[] }).data).toHaveLength(24);
    expect((option.yAxis as { data: string[] }).data[8]).toBe('08');
    const [cells] = seriesOf(option);
    expect(cells?.data).toEqual([
      [0, 8, 5],
      [0, 9, 10],
      [2, 14, 9],
    ]);
    expect(option.visualMap).toMatchObject({ min: 0, max: 10, show: false });
    const label = (
      cells as unknown as { label: { show: boolean; formatter: (p: unknown) => string } }
    ).label;
    expect(label.show).toBe(true);
    expect(label.formatter({ value: [0, 9, 1234] })).toBe('1,234');
  });

  it('list follow-up reasons most chosen first, named after their question only when there are several', () => {
    const reasons = [
      { questionId: 'reason', value: 'staff', n: 2 },
      { questionId: 'reason', value: 'waiting-time', n: 3 },
    ];
    const option = followUpsOption(reasons, f);
    expect((option.yAxis as { data: string[] }).data).toEqual(['waiting-time', 'staff']);
    expect(seriesOf(option)[0]?.data).toEqual([3, 2]);
    const mixed = [...reasons, { questionId: 'why', value: 'staff', n: 1 }];
    expect(mixed.map((reason) => reasonLabel(reason, mixed))).toEqual([
      'reason: staff',
      'reason: waiting-time',
      'why: staff',
    ]);
    expect(followUpsHeight(mixed)).toBeGreaterThan(followUpsHeight(reasons));
  });
});

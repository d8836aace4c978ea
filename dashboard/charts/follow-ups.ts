import type { TFunction } from 'i18next';
import type { Formatters } from '../format';
import type { ChartOption } from './option';
import { AXIS_LABEL, BASE, countAxis, countLabel, PALETTE } from './palette';
import type { TableModel } from './table';

/**
 * The reasons people chose in a follow-up question, most chosen first. A reason is named in the
 * survey's own words in the page's language (`label`) when the unit's configs have them, else by
 * its option's id, as the report keys it.
 */

export type FollowUp = {
  questionId: string;
  value: string;
  n: number;
  /** The option's words in the page's language, when the survey has them. */
  label?: string | undefined;
};

/** A reason's name: its words (or id), after its question's id when the unit asks more than one. */
export function reasonLabel(reason: FollowUp, all: readonly FollowUp[]): string {
  const several = all.some((other) => other.questionId !== reason.questionId);
  const name = reason.label ?? reason.value;
  return several ? `${reason.questionId}: ${name}` : name;
}

/** Most chosen first, as the report sends them; ties by name so the order never jumps. */
function ordered(reasons: readonly FollowUp[]): FollowUp[] {
  return [...reasons].sort(
    (a, b) =>
      b.n - a.n || a.questionId.localeCompare(b.questionId) || a.value.localeCompare(b.value),
  );
}

/** Room for each bar and its name: the chart grows with the number of reasons. */
export function followUpsHeight(reasons: readonly FollowUp[]): number {
  return 48 + 36 * Math.max(1, reasons.length);
}

export function followUpsOption(reasons: readonly FollowUp[], f: Formatters): ChartOption {
  const shown = ordered(reasons);
  return {
    ...BASE,
    grid: { left: 8, right: 40, top: 8, bottom: 8, outerBoundsMode: 'same' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((reason) => reasonLabel(reason, reasons)),
      axisLabel: { ...AXIS_LABEL, width: 160, overflow: 'break' },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: PALETTE.muted } },
    },
    xAxis: countAxis(f),
    series: [
      {
        type: 'bar',
        silent: true,
        barMaxWidth: 24,
        data: shown.map((reason) => reason.n),
        itemStyle: { color: PALETTE.accent },
        label: countLabel(f, 'right'),
      },
    ],
  };
}

export function followUpsSummary(
  t: TFunction,
  reasons: readonly FollowUp[],
  f: Formatters,
): string {
  const [top] = ordered(reasons);
  if (top === undefined) {
    return t('charts.followUps.none');
  }
  const total = reasons.reduce((sum, reason) => sum + reason.n, 0);
  return t('charts.followUps.summary', {
    count: total,
    reason: reasonLabel(top, reasons),
    n: f.count(top.n),
    total: f.count(total),
  });
}

export function followUpsTable(
  t: TFunction,
  reasons: readonly FollowUp[],
  f: Formatters,
): TableModel {
  return {
    caption: t('charts.followUps.title'),
    columns: [
      { label: t('charts.followUps.reason') },
      { label: t('charts.followUps.question') },
      { label: t('charts.answers'), numeric: true },
    ],
    rows: ordered(reasons).map((reason) => ({
      key: `${reason.questionId}\u0000${reason.value}`,
      cells: [reason.label ?? reason.value, reason.questionId, f.count(reason.n)],
    })),
  };
}

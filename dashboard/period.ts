/** The periods the units page offers; `from` and `to` go to the report as RFC 3339. */
export const PERIODS = ['last30Days', 'last90Days', 'last12Months'] as const;
export type Period = (typeof PERIODS)[number];

export const DEFAULT_PERIOD: Period = 'last90Days';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The range of a period ending now: `to` is exclusive, so the last answer counts. */
export function periodRange(period: Period, now: Date): { from: string; to: string } {
  const to = new Date(now.getTime() + 1);
  let from: Date;
  if (period === 'last12Months') {
    from = new Date(now);
    from.setUTCFullYear(from.getUTCFullYear() - 1);
  } else {
    from = new Date(now.getTime() - (period === 'last30Days' ? 30 : 90) * DAY_MS);
  }
  return { from: from.toISOString(), to: to.toISOString() };
}

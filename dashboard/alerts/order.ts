import type { Alert } from '../../core/feedback-api';

/** The newest first by `at`; ties by id, so the order never shifts between loads. */
const newestFirst = (at: (alert: Alert) => string) => (a: Alert, b: Alert) =>
  at(b).localeCompare(at(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Open alerts, newest first; then acknowledged ones, the latest acknowledged first. */
export function orderAlerts(alerts: readonly Alert[]): { open: Alert[]; acknowledged: Alert[] } {
  return {
    open: alerts.filter((a) => a.state === 'open').sort(newestFirst((a) => a.openedAt)),
    acknowledged: alerts
      .filter((a) => a.state === 'acknowledged')
      .sort(newestFirst((a) => a.acknowledgedAt ?? a.openedAt)),
  };
}

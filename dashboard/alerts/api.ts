import { AlertListSchema, AlertSchema, type Alert, type AlertState } from '../../core/feedback-api';
import { getJson, sendJson, type Failure, type Result } from '../api';

/** The refusals of acknowledging beyond the shared ones, by the server's error code. */
const ACKNOWLEDGE_REFUSALS = ['alert_acknowledged', 'alert_unknown', 'forbidden'] as const;
export type AcknowledgeFailure = Failure | (typeof ACKNOWLEDGE_REFUSALS)[number];

/** `GET /v1/alerts?state=`: the alerts of the account's units (every state when left out). */
export function fetchAlerts(state?: AlertState): Promise<Result<Alert[]>> {
  const query = state === undefined ? '' : `?${new URLSearchParams({ state }).toString()}`;
  return getJson(`/v1/alerts${query}`, AlertListSchema);
}

/** `POST /v1/alerts/{id}/acknowledge` `{comment}` → the alert. */
export function acknowledgeAlert(
  id: string,
  comment: string,
): Promise<{ ok: true; value: Alert } | { ok: false; reason: AcknowledgeFailure }> {
  return sendJson(
    'POST',
    `/v1/alerts/${encodeURIComponent(id)}/acknowledge`,
    { comment },
    AlertSchema,
    ACKNOWLEDGE_REFUSALS,
  );
}

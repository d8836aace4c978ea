import {
  FeedbackItemSchema,
  FeedbackListSchema,
  OpenedContactSchema,
  type FeedbackItem,
  type OpenedContact,
} from '../../core/feedback-api';
import { UnitQuestionsSchema, type UnitQuestions } from '../../core/reports-api';
import { getJson, sendJson, type Failure, type Result } from '../api';

/**
 * The inbox's calls (central-reports.md, "Feedback handling"). A refusal the page has words of
 * its own for comes back as the server's code; the server's message never reaches a person.
 */

const CHANGE_REFUSALS = ['note_required', 'feedback_unknown', 'forbidden'] as const;
export type ChangeFailure = Failure | (typeof CHANGE_REFUSALS)[number];

const CONTACT_REFUSALS = [
  'contact_deleted',
  'contact_key_missing',
  'contact_unreadable',
  'contact_unknown',
  'feedback_unknown',
  'forbidden',
] as const;
export type ContactFailure = Failure | (typeof CONTACT_REFUSALS)[number];

const itemPath = (id: string) => `/v1/feedback/${encodeURIComponent(id)}`;

/** `GET /v1/feedback?…`: one page of items, newest first. */
export function fetchFeedback(query: URLSearchParams): Promise<Result<FeedbackItem[]>> {
  return getJson(`/v1/feedback?${query.toString()}`, FeedbackListSchema);
}

/** `PATCH /v1/feedback/{id}` → the item as it now is. */
export function changeFeedback(
  id: string,
  change: { state: 'read' } | { state: 'handled'; note?: string },
): Promise<{ ok: true; value: FeedbackItem } | { ok: false; reason: ChangeFailure }> {
  return sendJson('PATCH', itemPath(id), change, FeedbackItemSchema, CHANGE_REFUSALS);
}

/** `POST /v1/feedback/{id}/contact`: the contact details, opened (the server audits it). */
export function openContact(
  id: string,
): Promise<{ ok: true; value: OpenedContact } | { ok: false; reason: ContactFailure }> {
  return sendJson(
    'POST',
    `${itemPath(id)}/contact`,
    undefined,
    OpenedContactSchema,
    CONTACT_REFUSALS,
  );
}

/** `GET /v1/reports/units/{unitId}/questions`: the unit's questions, with their words. */
export function fetchQuestions(
  unitId: string,
  range: { from: string; to: string },
): Promise<Result<UnitQuestions>> {
  const query = new URLSearchParams(range);
  return getJson(
    `/v1/reports/units/${encodeURIComponent(unitId)}/questions?${query.toString()}`,
    UnitQuestionsSchema,
  );
}

import type { FeedbackState } from '../../core/feedback-api';
import type { Period } from '../period';

/** The inbox's states to choose from: one of the items' states, or every one. */
export const STATE_CHOICES = ['all', 'new', 'read', 'handled'] as const;
export type StateChoice = 'all' | FeedbackState;

/** What the inbox shows: every filter a person can set, as the page holds it. */
export type InboxFilters = {
  /** Null: every unit the account may see. */
  unitId: string | null;
  state: StateChoice;
  period: Period;
  /** The period's range, worked out when the period was chosen. */
  range: { from: string; to: string };
  /** One question of the chosen unit, and of its answers one value; null: all. */
  questionId: string | null;
  value: number | null;
  contactOnly: boolean;
};

/**
 * `GET /v1/feedback`'s query for the filters: a page of `limit` items, older than the item
 * `before` (the last of the page before) when given. Filters left open are left out.
 */
export function feedbackQuery(
  filters: InboxFilters,
  limit: number,
  before?: string,
): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.unitId !== null) {
    query.set('unitId', filters.unitId);
  }
  if (filters.state !== 'all') {
    query.set('state', filters.state);
  }
  query.set('from', filters.range.from);
  query.set('to', filters.range.to);
  if (filters.unitId !== null && filters.questionId !== null) {
    query.set('questionId', filters.questionId);
    if (filters.value !== null) {
      query.set('value', String(filters.value));
    }
  }
  if (filters.contactOnly) {
    query.set('contact', 'true');
  }
  query.set('limit', String(limit));
  if (before !== undefined) {
    query.set('before', before);
  }
  return query;
}

/** The key of the filters' first page: another key is another list. */
export function filtersKey(filters: InboxFilters): string {
  return feedbackQuery(filters, 0).toString();
}

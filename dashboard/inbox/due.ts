import type { FeedbackItem } from '../../core/feedback-api';

/** A contact request due within this long is "due soon" (the morning digest's 2 days). */
export const DUE_SOON_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Where a contact request stands against its due date: `overdue` once the date has passed
 * without it being handled, `soon` within 2 days of it, `later` before; `none` for an item
 * without a due date, and `done` for one handled (its date no longer matters).
 */
export type DueStatus = 'none' | 'done' | 'overdue' | 'soon' | 'later';

export function dueStatus(item: FeedbackItem, nowMs: number): DueStatus {
  if (!item.hasContact || item.dueAt === undefined) {
    return 'none';
  }
  if (item.state === 'handled') {
    return 'done';
  }
  const dueMs = Date.parse(item.dueAt);
  if (Number.isNaN(dueMs)) {
    return 'none';
  }
  if (dueMs <= nowMs) {
    return 'overdue';
  }
  return dueMs - nowMs <= DUE_SOON_MS ? 'soon' : 'later';
}

import { describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../core/feedback-api';
import { dueStatus, type DueStatus } from './due';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;

function item(overrides: Partial<FeedbackItem>): FeedbackItem {
  return {
    id: 'r1',
    unitId: 'u',
    answeredAt: '2026-03-03T12:00:00Z',
    questionId: 'q',
    scale: 'smiley5',
    value: 1,
    comment: null,
    followUp: null,
    hasContact: true,
    state: 'new',
    dueAt: '2026-03-10T12:00:00Z',
    ...overrides,
  };
}

describe('where a contact request stands against its due date', () => {
  it.each<[string, Partial<FeedbackItem>, DueStatus]>([
    ['an answer without a contact request has no due date', { hasContact: false }, 'none'],
    ['a contact request without a due date has none', { dueAt: undefined }, 'none'],
    [
      'a handled one is done, however late',
      { state: 'handled', dueAt: '2026-01-01T00:00:00Z' },
      'done',
    ],
    ['due this very moment is overdue', {}, 'overdue'],
    [
      'a read one past its date is overdue',
      { state: 'read', dueAt: new Date(NOW - HOUR).toISOString() },
      'overdue',
    ],
    ['due in 2 days is due soon', { dueAt: new Date(NOW + 48 * HOUR).toISOString() }, 'soon'],
    ['due in 3 days is later', { dueAt: new Date(NOW + 72 * HOUR).toISOString() }, 'later'],
  ])('%s', (_, overrides, status) => {
    expect(dueStatus(item(overrides), NOW)).toBe(status);
  });
});

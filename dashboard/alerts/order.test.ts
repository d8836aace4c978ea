import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/feedback-api';
import { orderAlerts } from './order';

function alert(id: string, overrides: Partial<Alert>): Alert {
  return {
    id,
    unitId: 'u',
    questionId: 'q',
    openedAt: '2026-03-01T10:00:00.000Z',
    negativeInWindow: 5,
    answersInWindow: 12,
    state: 'open',
    baselineNegativeShare: 0.15,
    ...overrides,
  };
}

describe('the order of the alerts', () => {
  it('puts the open ones first, newest first, then the acknowledged, latest acknowledged first', () => {
    const ordered = orderAlerts([
      alert('a', { state: 'acknowledged', acknowledgedAt: '2026-03-05T00:00:00.000Z' }),
      alert('b', { openedAt: '2026-03-02T10:00:00.000Z' }),
      alert('c', { state: 'acknowledged', acknowledgedAt: '2026-03-06T00:00:00.000Z' }),
      alert('d', { openedAt: '2026-03-03T10:00:00.000Z' }),
    ]);
    expect(ordered.open.map((a) => a.id)).toEqual(['d', 'b']);
    expect(ordered.acknowledged.map((a) => a.id)).toEqual(['c', 'a']);
  });
});

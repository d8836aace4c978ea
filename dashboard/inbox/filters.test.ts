import { describe, expect, it } from 'vitest';
import { feedbackQuery, filtersKey, type InboxFilters } from './filters';

const RANGE = { from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.001Z' };
const ALL: InboxFilters = {
  unitId: null,
  state: 'all',
  period: 'last90Days',
  range: RANGE,
  questionId: null,
  value: null,
  contactOnly: false,
};

describe("the inbox's query", () => {
  it('leaves out every filter left open, and always names the period and the page size', () => {
    expect(Object.fromEntries(feedbackQuery(ALL, 200))).toEqual({ ...RANGE, limit: '200' });
  });

  it('sends every filter chosen, and the next page after the last item', () => {
    const query = feedbackQuery(
      { ...ALL, unitId: 'ward-7', state: 'new', questionId: 'visit', value: 2, contactOnly: true },
      200,
      'r_99',
    );
    expect(Object.fromEntries(query)).toEqual({
      unitId: 'ward-7',
      state: 'new',
      ...RANGE,
      questionId: 'visit',
      value: '2',
      contact: 'true',
      limit: '200',
      before: 'r_99',
    });
  });

  it('sends a question only with its unit, and a value only with its question', () => {
    expect(feedbackQuery({ ...ALL, questionId: 'visit', value: 2 }, 10).has('questionId')).toBe(
      false,
    );
    expect(feedbackQuery({ ...ALL, unitId: 'u', value: 2 }, 10).has('value')).toBe(false);
  });

  it('keys two choices of the same filters alike, and another period apart', () => {
    expect(filtersKey({ ...ALL })).toBe(filtersKey(ALL));
    expect(filtersKey({ ...ALL, range: { ...RANGE, from: RANGE.to } })).not.toBe(filtersKey(ALL));
  });
});

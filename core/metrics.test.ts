import { describe, expect, it } from 'vitest';
import { netPromoterScore, summarize } from './metrics';

describe('report figures', () => {
  it('counts every value of the scale, zeros included', () => {
    const summary = summarize('smiley4', [4, 4, 3, 1]);
    expect(summary.byValue).toEqual({ '1': 1, '2': 0, '3': 1, '4': 2 });
    expect(summary.total).toBe(4);
    expect(summary.mean).toBe(3);
  });

  it('takes the top two values as positive on four- and five-step scales', () => {
    expect(summarize('smiley4', [4, 3, 2, 1]).positiveShare).toBe(0.5);
    expect(summarize('agree5', [5, 4, 3, 3]).positiveShare).toBe(0.5);
  });

  it('takes only the top value as positive on three faces', () => {
    expect(summarize('smiley3', [3, 2, 2, 1]).positiveShare).toBe(0.25);
  });

  it('computes NPS as promoters minus detractors, rounded', () => {
    // 3 promoters, 2 passives, 2 detractors of 7: (3 - 2) / 7 = 14.28 % → 14
    expect(netPromoterScore([10, 9, 9, 8, 7, 6, 0])).toBe(14);
    expect(netPromoterScore([0, 0])).toBe(-100);
    expect(netPromoterScore([10])).toBe(100);
    expect(summarize('nps11', [10, 0]).nps).toBe(0);
    expect(Object.is(netPromoterScore([9, 8, 0, 0, 9, 10, 1, 7]), -0)).toBe(false);
  });

  it('gives no mean or shares for no answers', () => {
    expect(summarize('nps11', [])).toMatchObject({
      total: 0,
      mean: null,
      positiveShare: null,
      nps: null,
    });
  });

  it('reports NPS only for the NPS scale', () => {
    expect(summarize('smiley5', [5]).nps).toBeUndefined();
  });
});

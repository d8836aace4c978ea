import { describe, expect, it } from 'vitest';
import { cautions } from './cautions';

const narrow = { value: 0.8, low: 0.75, high: 0.85 };

describe('the small-n warning', () => {
  it('warns under 30 answers, and not from 30 on', () => {
    expect(cautions({ n: 29, positiveShare: narrow })).toEqual([{ kind: 'fewAnswers', n: 29 }]);
    expect(cautions({ n: 30, positiveShare: narrow })).toEqual([]);
  });

  it('warns when the positive share’s interval is wider than ±15 points, not at exactly 15', () => {
    expect(cautions({ n: 40, positiveShare: { value: 0.5, low: 0.35, high: 0.65 } })).toEqual([]);
    expect(cautions({ n: 40, positiveShare: { value: 0.5, low: 0.34, high: 0.66 } })).toEqual([
      { kind: 'wideShare', halfWidth: expect.closeTo(0.16, 10) as number, value: 0.5 },
    ]);
  });

  it('warns when the NPS interval is wider than ±15 NPS points', () => {
    expect(
      cautions({ n: 200, positiveShare: narrow, nps: { value: 30, low: 7.1, high: 50.2 } }),
    ).toEqual([{ kind: 'wideNps', halfWidth: expect.closeTo(21.55, 10) as number, value: 30 }]);
    expect(
      cautions({ n: 200, positiveShare: narrow, nps: { value: 30, low: 16, high: 44 } }),
    ).toEqual([]);
  });

  it('says nothing over no answers: the page says there are none', () => {
    expect(cautions({ n: 0, positiveShare: null, nps: null })).toEqual([]);
  });
});

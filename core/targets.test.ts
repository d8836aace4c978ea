import { describe, expect, it } from 'vitest';
import { intervalVersusTarget, unitVersusTarget } from './targets';

describe('an interval against a target', () => {
  it.each([
    [{ value: 0.84, low: 0.78, high: 0.89 }, 0.7, 'above'],
    [{ value: 0.6, low: 0.52, high: 0.68 }, 0.7, 'below'],
    [{ value: 0.72, low: 0.65, high: 0.79 }, 0.7, 'across'],
    // An end on the target: the data cannot tell, so it lies across.
    [{ value: 0.75, low: 0.7, high: 0.8 }, 0.7, 'across'],
    [{ value: 0.65, low: 0.6, high: 0.7 }, 0.7, 'across'],
    [{ value: 62, low: 51.2, high: 70.4 }, 50, 'above'],
    [{ value: -10, low: -25.5, high: 4.1 }, 0, 'across'],
  ] as const)('%o against %d lies %s', (interval, target, standing) => {
    expect(intervalVersusTarget(interval, target)).toBe(standing);
  });

  it('judges a unit on the measure its target names, and says nothing without one', () => {
    const share = { value: 0.84, low: 0.78, high: 0.89 };
    const nps = { value: 40, low: 30.1, high: 48.9 };
    expect(unitVersusTarget({ positiveShare: share, nps }, null)).toBeNull();
    expect(
      unitVersusTarget({ positiveShare: share, nps }, { measure: 'positiveShare', value: 0.7 }),
    ).toBe('above');
    expect(unitVersusTarget({ positiveShare: share, nps }, { measure: 'nps', value: 50 })).toBe(
      'below',
    );
    expect(unitVersusTarget({ positiveShare: share }, { measure: 'nps', value: 50 })).toBeNull();
    expect(
      unitVersusTarget(
        { positiveShare: null, nps: null },
        { measure: 'positiveShare', value: 0.7 },
      ),
    ).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { npsInterval, roundHalfAwayFromZero, shrunkShare, wilson } from './intervals';
import { netPromoterScore } from './metrics';

const width = (i: { low: number; high: number }): number => i.high - i.low;

describe('the Wilson interval of a share', () => {
  // Wilson: centre = (p + z²/2n) / (1 + z²/n), spread = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n),
  // z = 1.96, z² = 3.8416.
  it.each([
    // 0/10: p = 0, so low = 0 and high = z²/(n + z²) = 3.8416 / 13.8416 = 0.27754 → 0.2775
    { k: 0, n: 10, value: 0, low: 0, high: 0.2775 },
    // 10/10 mirrors 0/10: low = 1 − 0.27754 = 0.72246 → 0.7225
    { k: 10, n: 10, value: 1, low: 0.7225, high: 1 },
    // 5/10: centre = 0.69208 / 1.38416 = 0.5; spread = 1.96·√(0.025 + 0.009604) / 1.38416
    //   = 1.96 · 0.186021 / 1.38416 = 0.263410 → 0.236590 … 0.763410
    { k: 5, n: 10, value: 0.5, low: 0.2366, high: 0.7634 },
    // 12/20: centre num. = 0.6 + 0.09604 = 0.69604, denominator 1.19208;
    //   spread num. = 1.96·√(0.012 + 0.002401) = 1.96 · 0.120004 = 0.235208
    //   low = 0.460832 / 1.19208 = 0.38658, high = 0.931248 / 1.19208 = 0.78120
    { k: 12, n: 20, value: 0.6, low: 0.3866, high: 0.7812 },
  ])('gives $k of $n as $low … $high', ({ k, n, value, low, high }) => {
    expect(wilson(k, n)).toEqual({ value, low, high });
  });

  it('rounds an exact half so that the interval still mirrors', () => {
    // 49/175: the root is rational here and the lower bound is exactly 0.21875, so 126/175 has
    // an upper bound of exactly 0.78125: 0.2188 on one side and 1 − 0.2188 on the other.
    expect(wilson(49, 175)).toEqual({ value: 0.28, low: 0.2188, high: 0.3507 });
    expect(wilson(126, 175)).toEqual({ value: 0.72, low: 0.6493, high: 0.7812 });
  });

  it('gives no interval for no answers', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  /** [successes, n] with n in 1…max. */
  const sharesUpTo = (max: number): fc.Arbitrary<[number, number]> =>
    fc
      .integer({ min: 1, max })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
  const shares = sharesUpTo(5000);

  const smallShares = sharesUpTo(1000);

  it('holds its own share and stays inside 0…1', () => {
    fc.assert(
      fc.property(shares, ([k, n]) => {
        const i = wilson(k, n)!;
        expect(i.low).toBeLessThanOrEqual(i.value);
        expect(i.value).toBeLessThanOrEqual(i.high);
        expect(i.low).toBeGreaterThanOrEqual(0);
        expect(i.high).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('mirrors: k of n is the complement of n − k of n', () => {
    fc.assert(
      fc.property(shares, ([k, n]) => {
        const i = wilson(k, n)!;
        const mirror = wilson(n - k, n)!;
        expect(i.low).toBe(roundHalfAwayFromZero(1 - mirror.high, 4));
        expect(i.high).toBe(roundHalfAwayFromZero(1 - mirror.low, 4));
      }),
    );
  });

  it('narrows as the same share is seen over more answers', () => {
    // Up to 1000 answers, so the narrowing still shows at four decimals.
    fc.assert(
      fc.property(smallShares, ([k, n]) => {
        const [one, two, four] = [1, 2, 4].map((m) => width(wilson(k * m, n * m)!));
        expect(two).toBeLessThan(one!);
        expect(four).toBeLessThan(two!);
      }),
    );
  });
});

describe('the NPS and its adjusted Wald interval', () => {
  it('gives 12 promoters and 3 detractors of 20 as 45, 8.4 … 69.8', () => {
    // p = 12.75/23 = 0.554348, d = 3.75/23 = 0.163043, centre = 0.391304
    // p + d − (p − d)² = 0.717391 − 0.153119 = 0.564272; /23 = 0.024534; √ = 0.156633
    // half-width = 1.96 · 0.156633 = 0.307000 → 0.084304 … 0.698304 → 8.4 … 69.8
    expect(npsInterval(12, 3, 20)).toEqual({ value: 45, low: 8.4, high: 69.8 });
  });

  it('gives all promoters 100 with an interval clipped at the top', () => {
    // p = 20.75/23 = 0.902174, d = 0.75/23 = 0.032609, centre = 0.869565
    // 0.934783 − 0.756144 = 0.178639; /23 = 0.007767; √ = 0.088131; × 1.96 = 0.172737
    // → 0.696828 … 1.042302, clipped to 1 → 69.7 … 100
    expect(npsInterval(20, 0, 20)).toEqual({ value: 100, low: 69.7, high: 100 });
  });

  it('gives all detractors −100, the mirror of all promoters', () => {
    expect(npsInterval(0, 20, 20)).toEqual({ value: -100, low: -100, high: -69.7 });
  });

  it('leaves a single answer just outside its own interval, as the adjusted Wald centre does', () => {
    // p = 1.75/4, d = 0.75/4, centre 0.25, half-width 1.96·√(0.140625/4)… = 0.735 → 98.5
    expect(npsInterval(1, 0, 1)).toEqual({ value: 100, low: -48.5, high: 98.5 });
  });

  it('gives no figure for no answers', () => {
    expect(npsInterval(0, 0, 0)).toBeNull();
  });

  /** [promoters, detractors, n] with n in min…max. */
  const countsOf = (min: number, max: number): fc.Arbitrary<[number, number, number]> =>
    fc
      .integer({ min, max })
      .chain((n) =>
        fc
          .integer({ min: 0, max: n })
          .chain((p) =>
            fc.tuple(fc.constant(p), fc.integer({ min: 0, max: n - p }), fc.constant(n)),
          ),
      );
  const counts = countsOf(1, 2000);

  // Few enough answers that a halving of the width still shows at one decimal.
  const smallCounts = countsOf(2, 300);

  it('prints the same whole number as the summary does', () => {
    fc.assert(
      fc.property(counts, ([p, d, n]) => {
        const values = [
          ...Array<number>(p).fill(10),
          ...Array<number>(d).fill(0),
          ...Array<number>(n - p - d).fill(8),
        ];
        expect(npsInterval(p, d, n)!.value).toBe(netPromoterScore(values));
      }),
    );
  });

  it('holds its point from two answers up and stays inside −100…100', () => {
    fc.assert(
      fc.property(counts, ([p, d, n]) => {
        const i = npsInterval(p, d, n)!;
        expect(i.low).toBeGreaterThanOrEqual(-100);
        expect(i.high).toBeLessThanOrEqual(100);
        if (n >= 2) {
          // The unrounded NPS, against bounds rounded to one decimal. The whole-number `value`
          // may stick out by its own rounding: 2 promoters and 1983 detractors of 1990 are
          // −99.55 → −100 against a low of −99.8.
          const exact = ((p - d) * 100) / n;
          expect(i.low - 0.05).toBeLessThanOrEqual(exact);
          expect(exact).toBeLessThanOrEqual(i.high + 0.05);
        }
      }),
    );
  });

  it('holds its whole-number point for a few hundred answers', () => {
    fc.assert(
      fc.property(smallCounts, ([p, d, n]) => {
        const i = npsInterval(p, d, n)!;
        expect(i.low).toBeLessThanOrEqual(i.value);
        expect(i.value).toBeLessThanOrEqual(i.high);
      }),
    );
  });

  it('mirrors when promoters and detractors swap', () => {
    fc.assert(
      fc.property(counts, ([p, d, n]) => {
        const i = npsInterval(p, d, n)!;
        const mirror = npsInterval(d, p, n)!;
        expect(i.low).toBe(-mirror.high + 0);
        expect(i.high).toBe(-mirror.low + 0);
      }),
    );
  });

  it('narrows as the same mix is seen over more answers', () => {
    fc.assert(
      fc.property(smallCounts, ([p, d, n]) => {
        const [one, two, four] = [1, 2, 4].map((m) => width(npsInterval(p * m, d * m, n * m)!));
        expect(two).toBeLessThan(one!);
        expect(four).toBeLessThan(two!);
      }),
    );
  });
});

describe('shrinking a unit share toward the overall share', () => {
  it('weighs the overall share as 30 answers', () => {
    // (30 · 0.8 + 2) / (30 + 2) = 26 / 32 = 0.8125
    expect(shrunkShare(2, 2, 0.8)).toBe(0.8125);
    // (30 · 0.5 + 0) / 30 = 0.5: a unit with no answers ranks at the overall share
    expect(shrunkShare(0, 0, 0.5)).toBe(0.5);
    // (10 · 0.5 + 1) / (10 + 2) = 0.5
    expect(shrunkShare(1, 2, 0.5, 10)).toBe(0.5);
  });

  const unit = fc
    .integer({ min: 1, max: 100_000 })
    .chain((n) =>
      fc.tuple(
        fc.integer({ min: 0, max: n }),
        fc.constant(n),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
    );

  it('lies between the overall share and the unit own share', () => {
    fc.assert(
      fc.property(unit, ([k, n, overall]) => {
        const shrunk = shrunkShare(k, n, overall);
        const own = k / n;
        expect(shrunk).toBeGreaterThanOrEqual(roundHalfAwayFromZero(Math.min(own, overall), 4));
        expect(shrunk).toBeLessThanOrEqual(roundHalfAwayFromZero(Math.max(own, overall), 4));
      }),
    );
  });

  it('tends to the unit own share as its answers grow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, overall) => {
          const own = a / (a + b);
          const gaps = [1, 10, 100, 10_000].map((m) =>
            Math.abs(shrunkShare(a * m, (a + b) * m, overall) - own),
          );
          for (let i = 1; i < gaps.length; i += 1) {
            expect(gaps[i]).toBeLessThanOrEqual(gaps[i - 1]! + 1e-4);
          }
          expect(gaps.at(-1)).toBeLessThanOrEqual(0.0031);
        },
      ),
    );
  });
});

describe('rounding', () => {
  it('rounds halves away from zero, even when binary puts them a hair below', () => {
    expect(roundHalfAwayFromZero(0.03125, 4)).toBe(0.0313);
    expect(roundHalfAwayFromZero(-0.03125, 4)).toBe(-0.0313);
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    expect(Object.is(roundHalfAwayFromZero(-0.01, 1), -0)).toBe(false);
  });
});

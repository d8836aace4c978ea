import { describe, expect, it } from 'vitest';
import {
  alternativeShare,
  baselineNegativeShare,
  CUSUM_START,
  cusumStep,
  cusumSteps,
  type CusumState,
} from './cusum';
import { isNegative } from './scales';

/** Counts answers in order; the alarms' windows, and the state after the last. */
function run(answers: readonly boolean[], p0: number, from: CusumState = CUSUM_START) {
  const steps = cusumSteps(p0);
  let state = from;
  const alarms: { at: number; negativeInWindow: number; answersInWindow: number }[] = [];
  answers.forEach((negative, at) => {
    const step = cusumStep(state, negative, steps);
    state = step.state;
    if (step.alarm) {
      alarms.push({ at, ...step.alarm });
    }
  });
  return { alarms, state };
}

/** `count` answers at `share` negative, the negatives spread as evenly as they go. */
function steady(count: number, share: number): boolean[] {
  return Array.from(
    { length: count },
    (_, i) => Math.floor((i + 1) * share) > Math.floor(i * share),
  );
}

describe('the baseline p0', () => {
  it.each([
    ['a unit with history is shrunk toward the county with 50 answers', 25, 100, 0.1, 0.2],
    ['a unit with fewer than 50 answers takes the county share', 40, 49, 0.1, 0.1],
    ['exactly 50 answers is history enough', 25, 50, 0.1, 0.3],
    ['a county without answers gives 0.15', 0, 0, undefined, 0.15],
    ['a very good unit is kept at 0.02', 0, 5000, 0.01, 0.02],
    ['a very bad unit is kept at 0.5', 4000, 5000, 0.6, 0.5],
  ])('%s', (_name, negative, n, countyShare, expected) => {
    const county =
      countyShare === undefined ? { negative: 0, n: 0 } : { negative: countyShare * 1000, n: 1000 };
    expect(baselineNegativeShare({ negative, n }, county)).toBeCloseTo(expected, 10);
  });

  it('p1 doubles the odds of a negative answer', () => {
    const p0 = 0.15;
    const p1 = alternativeShare(p0);
    expect(p1 / (1 - p1)).toBeCloseTo((2 * p0) / (1 - p0), 12);
  });
});

describe('the CUSUM', () => {
  it('adds ln(p1/p0) for a negative answer and ln((1−p1)/(1−p0)) for another', () => {
    const p0 = 0.2;
    const p1 = alternativeShare(p0);
    const up = cusumStep(CUSUM_START, true, cusumSteps(p0));
    expect(up.state.sum).toBeCloseTo(Math.log(p1 / p0), 12);
    const down = cusumStep(up.state, false, cusumSteps(p0));
    expect(down.state.sum).toBeCloseTo(Math.log(p1 / p0) + Math.log((1 - p1) / (1 - p0)), 12);
    expect(down.state).toMatchObject({ runNegative: 1, runAnswers: 2 });
  });

  it('never goes below 0, and forgets the window when it stands at 0', () => {
    const { state } = run([true, false, false, false, false, false], 0.15);
    expect(state).toEqual(CUSUM_START);
  });

  it('300 answers at the usual 15 % raise no alert', () => {
    const answers = steady(300, 0.15);
    expect(answers.filter(Boolean)).toHaveLength(45);
    expect(run(answers, 0.15).alarms).toEqual([]);
  });

  it('after them a run of 8 negative answers raises one, and the sum restarts', () => {
    const { alarms, state } = run([...steady(300, 0.15), ...Array<boolean>(8).fill(true)], 0.15);
    expect(alarms).toHaveLength(1);
    // The steady answers may leave a little on the sum: the alarm comes within the run.
    expect(alarms[0]!.at).toBeGreaterThanOrEqual(300);
    expect(alarms[0]!.negativeInWindow).toBeGreaterThanOrEqual(7);
    // The sum restarted at 0 after the alarm: what is on it is the run's later answers alone.
    expect(state.runAnswers).toBe(307 - alarms[0]!.at);
    expect(state.sum).toBeCloseTo(state.runAnswers * cusumSteps(0.15).negative, 12);
  });

  it('from 0, 7 negative answers raise none and the 8th raises one', () => {
    expect(run(Array<boolean>(7).fill(true), 0.15).alarms).toEqual([]);
    expect(run(Array<boolean>(8).fill(true), 0.15).alarms).toEqual([
      { at: 7, negativeInWindow: 8, answersInWindow: 8 },
    ]);
  });

  it('counts the reports’ negative values', () => {
    expect([1, 2, 3, 4].map((v) => isNegative('smiley4', v))).toEqual([true, true, false, false]);
    expect([1, 2, 3].map((v) => isNegative('smiley3', v))).toEqual([true, false, false]);
    expect([6, 7].map((v) => isNegative('nps11', v))).toEqual([true, false]);
  });
});

import { describe, expect, it } from 'vitest';
import { BOUNCE_MS, createBounceFilter } from './bounce-filter';

describe('the bounce filter', () => {
  it('drops the same button within 150 ms and lets it through after', () => {
    const filter = createBounceFilter();
    expect(filter.accept(2, 1000)).toBe(true);
    expect(filter.accept(2, 1000 + BOUNCE_MS - 1)).toBe(false);
    expect(filter.accept(2, 1000 + BOUNCE_MS)).toBe(true);
  });

  it('never drops another button: two faces pressed at once both count', () => {
    const filter = createBounceFilter();
    expect(filter.accept(1, 1000)).toBe(true);
    expect(filter.accept(2, 1001)).toBe(true);
    expect(filter.accept(1, 1002)).toBe(false);
  });

  it('gives a long chatter one press per window, not one for ever', () => {
    const filter = createBounceFilter();
    const accepted = [0, 40, 80, 120, 160, 200, 240].filter((at) => filter.accept(4, at));
    expect(accepted).toEqual([0, 160]);
  });

  it('takes a press after a release as a new press, however soon it is read', () => {
    const filter = createBounceFilter();
    expect(filter.accept(3, 1000)).toBe(true);
    filter.released(3);
    expect(filter.accept(3, 1001)).toBe(true);
    expect(filter.accept(3, 1002)).toBe(false);
  });
});

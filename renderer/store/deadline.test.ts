import { describe, expect, it } from 'vitest';
import { manualClock } from '../../core/timers';
import { byDeadline } from './deadline';

describe('a write with a deadline', () => {
  it('a write that settles in time gives its value and leaves no timer behind', async () => {
    const clock = manualClock();
    await expect(byDeadline(Promise.resolve(7), 5_000, clock.timers)).resolves.toEqual({
      late: false,
      value: 7,
    });
    expect(clock.pending()).toEqual([]);
  });

  it('a write that never settles is late at the deadline, not a moment before', async () => {
    const clock = manualClock();
    let outcome: unknown = 'waiting';
    void byDeadline(new Promise<never>(() => undefined), 5_000, clock.timers).then((result) => {
      outcome = result;
    });
    await clock.advance(4_999);
    expect(outcome).toBe('waiting');
    await clock.advance(1);
    expect(outcome).toEqual({ late: true });
  });

  it('a write that fails in time fails the wait too', async () => {
    const clock = manualClock();
    await expect(
      byDeadline(Promise.reject(new Error('boom')), 5_000, clock.timers),
    ).rejects.toThrow('boom');
    expect(clock.pending()).toEqual([]);
  });
});

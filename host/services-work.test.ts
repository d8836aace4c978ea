import { describe, expect, it } from 'vitest';
import { createWork } from './services-work';

/** The host's order of work: one step at a time, and nothing left running after close(). */

const later = <T>(value: T): Promise<T> =>
  new Promise((resolve) => setImmediate(() => resolve(value)));

describe('work in order', () => {
  it('runs steps one after another, and a failed step does not stop the next', async () => {
    const work = createWork();
    const log: string[] = [];
    const first = work.inOrder(async () => {
      log.push('first starts');
      await later(null);
      log.push('first ends');
      throw new Error('first failed');
    });
    const second = work.inOrder(async () => {
      log.push('second starts');
      return later('second');
    });
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe('second');
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
  });

  it('settle() waits for tracked work, also for work tracked while it waits', async () => {
    const work = createWork();
    const done: string[] = [];
    work.track(
      later(null).then(() => {
        done.push('tracked');
        // Work that starts more (an old link stopping as a new enrollment lands).
        work.track(later(null).then(() => done.push('tracked later')));
      }),
    );
    void work.inOrder(async () => {
      await later(null);
      done.push('step');
    });
    await work.settle();
    expect(done.sort()).toEqual(['step', 'tracked', 'tracked later']);
  });

  it('a tracked failure does not make settle() fail', async () => {
    const work = createWork();
    work.track(Promise.reject(new Error('stopping failed')));
    await expect(work.settle()).resolves.toBeUndefined();
  });
});

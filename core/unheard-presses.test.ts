import { describe, expect, it } from 'vitest';
import { UNHEARD_PRESS_MS, createUnheardPresses } from './unheard-presses';

describe('unheard presses', () => {
  it('keeps presses for the first listener, oldest first, and only once', () => {
    const unheard = createUnheardPresses(() => 1000);
    unheard.hold('a');
    unheard.hold('b');
    expect(unheard.take()).toEqual(['a', 'b']);
    expect(unheard.take()).toEqual([]);
  });

  it('drops presses older than the hold time: their patient has gone', () => {
    let clock = 0;
    const unheard = createUnheardPresses(() => clock);
    unheard.hold('old');
    clock = UNHEARD_PRESS_MS / 2;
    unheard.hold('new');
    clock = UNHEARD_PRESS_MS + 1;
    expect(unheard.take()).toEqual(['new']);
  });

  it('keeps at most the latest twenty', () => {
    const unheard = createUnheardPresses(() => 0);
    for (let i = 0; i < 25; i += 1) {
      unheard.hold(i);
    }
    expect(unheard.take()).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
  });
});

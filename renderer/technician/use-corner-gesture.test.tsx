import { fireEvent, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { manualClock, type ManualClock } from '../../core/timers';
import { TimersContext } from '../app/timers';
import { useCornerGesture, type CornerGestureOptions } from './use-corner-gesture';

function Corner({ onOpen, options }: { onOpen: () => void; options: CornerGestureOptions }) {
  useCornerGesture(onOpen, options);
  return null;
}

/** The gesture on a clock that moves only when the test says. */
function onClock(clock: ManualClock, ui: ReactElement): ReactElement {
  return <TimersContext.Provider value={clock.timers}>{ui}</TimersContext.Provider>;
}

function setup(options: CornerGestureOptions = {}) {
  const clock = manualClock();
  const onOpen = vi.fn<() => void>();
  const view = render(onClock(clock, <Corner onOpen={onOpen} options={options} />));
  /** A tap at (x, y) after `afterMs`. */
  const tap = async (afterMs: number, x = 10, y = 10): Promise<void> => {
    await clock.advance(afterMs);
    fireEvent.pointerDown(document.body, { clientX: x, clientY: y });
  };
  return { ...view, clock, onOpen, tap };
}

describe('the hidden corner gesture', () => {
  it('opens after five taps in the top-left corner within three seconds', async () => {
    const { onOpen, tap } = setup();
    for (const gap of [0, 700, 700, 700]) {
      await tap(gap);
    }
    expect(onOpen).not.toHaveBeenCalled();
    await tap(900);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('starts counting again after it has opened', async () => {
    const { onOpen, tap } = setup();
    for (let i = 0; i < 9; i += 1) {
      await tap(100);
    }
    expect(onOpen).toHaveBeenCalledTimes(1);
    await tap(100);
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('does not open when the five taps take longer than three seconds', async () => {
    const { onOpen, tap } = setup();
    for (const gap of [0, 800, 800, 800, 801]) {
      await tap(gap);
    }
    expect(onOpen).not.toHaveBeenCalled();
    // The oldest tap has fallen out; one more within the window completes five.
    await tap(100);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('starts again from nothing after a tap outside the corner', async () => {
    const { onOpen, tap } = setup();
    for (let i = 0; i < 4; i += 1) {
      await tap(100);
    }
    await tap(100, 400, 300);
    for (let i = 0; i < 4; i += 1) {
      await tap(100);
    }
    expect(onOpen).not.toHaveBeenCalled();
    await tap(100);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('counts only the 96-pixel square: its far edge is already outside', async () => {
    const { onOpen, tap } = setup();
    for (let i = 0; i < 5; i += 1) {
      await tap(100, 95, 95);
    }
    expect(onOpen).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5; i += 1) {
      await tap(100, i % 2 === 0 ? 96 : 10, i % 2 === 0 ? 10 : 96);
    }
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('follows its options: taps, window and size', async () => {
    const { onOpen, tap } = setup({ taps: 3, withinMs: 1000, sizePx: 40 });
    await tap(0, 30, 30);
    await tap(400, 30, 30);
    await tap(400, 50, 10);
    expect(onOpen).not.toHaveBeenCalled();
    await tap(100, 30, 30);
    await tap(100, 30, 30);
    await tap(100, 30, 30);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('counts nothing while it is not enabled', () => {
    const clock = manualClock();
    const onOpen = vi.fn<() => void>();
    const { rerender } = render(
      onClock(clock, <Corner onOpen={onOpen} options={{ enabled: false }} />),
    );
    for (let i = 0; i < 5; i += 1) {
      fireEvent.pointerDown(document.body, { clientX: 5, clientY: 5 });
    }
    expect(onOpen).not.toHaveBeenCalled();
    rerender(onClock(clock, <Corner onOpen={onOpen} options={{ enabled: true }} />));
    for (let i = 0; i < 5; i += 1) {
      fireEvent.pointerDown(document.body, { clientX: 5, clientY: 5 });
    }
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('counts taps that land on other elements, and adds nothing to the page', () => {
    const { onOpen, container } = setup();
    const other = document.createElement('button');
    document.body.append(other);
    for (let i = 0; i < 5; i += 1) {
      fireEvent.pointerDown(other, { clientX: 20, clientY: 20 });
    }
    other.remove();
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(container).toBeEmptyDOMElement();
    expect(document.body.querySelectorAll('button, [tabindex], a, input')).toHaveLength(0);
  });

  it('stops listening when the screen goes', () => {
    const { onOpen, unmount } = setup();
    unmount();
    for (let i = 0; i < 5; i += 1) {
      fireEvent.pointerDown(document.body, { clientX: 5, clientY: 5 });
    }
    expect(onOpen).not.toHaveBeenCalled();
  });
});

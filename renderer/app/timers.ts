import { createContext, useContext } from 'react';
import type { Timers } from '../../core/timers';
import { pageTimers } from '../real-timers';

/**
 * The timers the screens wait with, the page's real ones (renderer/real-timers.ts) unless a test
 * provides a `manualClock()`'s, so no test has to patch the page's globals.
 */
export { pageTimers };

export const TimersContext = createContext<Timers>(pageTimers);

/** The timers a component waits with (the page's real ones by default). */
export function useTimers(): Timers {
  return useContext(TimersContext);
}

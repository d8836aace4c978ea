import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Time in tests is driven one way: code takes a `Timers` (core/timers.ts) and the test hands it
 * a `manualClock()`. Patching the globals (vitest's fake timers) or writing another hand-moved
 * clock brings back the second and third ways this suite once had, so both fail here.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const ROOMS = ['core', 'host', 'hardware', 'electron', 'server', 'renderer', 'dashboard', 'test'];
const SELF = relative(ROOT, import.meta.filename)
  .split(sep)
  .join('/');

/** vitest's fake timers, in any of their spellings. */
const FAKE_TIMERS =
  /\bvi\.(useFakeTimers|advanceTimersBy\w*|advanceTimersToNextTimer|setSystemTime|runAllTimers\w*|runOnlyPendingTimers\w*)\b/;
/** A clock of a test's own, beside core's manualClock. */
const OWN_CLOCK = /\b(function\s+manual\w*(Timers|Clock)|class\s+\w*Clock)\b/;

/** Files still to move onto manualClock: none. A file added here needs a reason beside it. */
const STILL_TO_CONVERT = new Set<string>([]);

function sources(): string[] {
  const files: string[] = [];
  for (const room of ROOMS) {
    let entries: string[];
    try {
      entries = readdirSync(join(ROOT, room), { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = `${room}/${entry.split(sep).join('/')}`;
      if (/\.tsx?$/.test(path) && !path.includes('node_modules/') && path !== SELF) {
        files.push(path);
      }
    }
  }
  return files;
}

describe('one clock for every test that drives time', () => {
  const files = sources();

  it('finds the sources it guards', () => {
    expect(files).toContain('core/timers.ts');
    expect(files.length).toBeGreaterThan(100);
  });

  it("no test patches the globals' timers: they take a manualClock", () => {
    const patching = files.filter(
      (path) =>
        !STILL_TO_CONVERT.has(path) && FAKE_TIMERS.test(readFileSync(join(ROOT, path), 'utf8')),
    );
    expect(patching).toEqual([]);
  });

  it('core/timers.ts holds the only hand-moved clock', () => {
    const ownClocks = files.filter(
      (path) =>
        path !== 'core/timers.ts' &&
        !STILL_TO_CONVERT.has(path) &&
        OWN_CLOCK.test(readFileSync(join(ROOT, path), 'utf8')),
    );
    expect(ownClocks).toEqual([]);
  });
});

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ShellStatus } from '../core';
import { createLogger } from '../host/log';
import { manualClock } from '../core/timers';
import {
  createSelfHeal,
  healBackoff,
  type HealableWindow,
  HEAL_CALM_MS,
  UNRESPONSIVE_GRACE_MS,
} from './self-heal';

/** A kiosk window as self-heal sees it, driven by the test. */
class FakeWindow extends EventEmitter implements HealableWindow {
  gone = false;
  loads = 0;
  crashes = 0;
  loadResult: () => Promise<void> = () => Promise.resolve();
  load(): Promise<void> {
    this.loads += 1;
    return this.loadResult();
  }
  crashRenderer(): void {
    this.crashes += 1;
  }
  isGone(): boolean {
    return this.gone;
  }
  destroy(): void {
    this.gone = true;
  }
  onRendererGone(listener: (reason: string) => void): void {
    this.on('gone', listener);
  }
  onUnresponsive(listener: () => void): void {
    this.on('unresponsive', listener);
  }
  onResponsive(listener: () => void): void {
    this.on('responsive', listener);
  }
  onClosed(listener: () => void): void {
    this.on('closed', listener);
  }
  close(): void {
    this.gone = true;
    this.emit('closed');
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function heal(options: { quitting?: boolean } = {}) {
  const clock = { at: Date.parse('2026-11-23T10:00:00.000Z') };
  const timers = manualClock();
  const windows: FakeWindow[] = [];
  const reports: ShellStatus[] = [];
  const lines: string[] = [];
  let failCreate = 0;
  const healer = createSelfHeal({
    createWindow: () => {
      if (failCreate > 0) {
        failCreate -= 1;
        throw Object.assign(new Error('GPU process for /home/anna'), { code: 'EGPU' });
      }
      const window = new FakeWindow();
      windows.push(window);
      return window;
    },
    report: (shell) => reports.push(shell),
    isQuitting: () => options.quitting ?? false,
    logger: createLogger({ write: (line) => lines.push(line) }),
    timers: timers.timers,
    now: () => clock.at,
  });
  const last = (): FakeWindow => {
    const window = windows.at(-1);
    if (window === undefined) {
      throw new Error('no window');
    }
    return window;
  };
  /** Moves the clock by the next pending timer's delay and runs it. */
  const wait = (): number => {
    const ms = timers.pending()[0] ?? 0;
    clock.at += ms;
    timers.fire();
    return ms;
  };
  return {
    healer,
    timers,
    windows,
    reports,
    lines,
    clock,
    last,
    wait,
    failCreateNext: (times: number) => {
      failCreate = times;
    },
  };
}

describe('the heal backoff', () => {
  it('waits 1 s, then doubles, capped at five minutes', () => {
    const backoff = healBackoff();
    const waits = Array.from({ length: 12 }, () => backoff.delay(0));
    expect(waits).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000,
    ]);
  });

  it('starts over at 1 s once the renderer has run ten minutes without trouble', () => {
    const backoff = healBackoff();
    backoff.delay(0);
    backoff.delay(0);
    backoff.healed(5_000);
    expect(backoff.delay(5_000 + HEAL_CALM_MS - 1)).toBe(4000);
    backoff.healed(20_000);
    expect(backoff.delay(20_000 + HEAL_CALM_MS)).toBe(1000);
  });
});

describe('the kiosk heals itself', () => {
  it('reports a clean shell at start and loads the first window', () => {
    const kiosk = heal();
    kiosk.healer.start();
    expect(kiosk.reports).toEqual([
      { rendererRestarts: 0, lastRestartAt: null, lastRestartReason: null, windowRecreations: 0 },
    ]);
    expect(kiosk.last().loads).toBe(1);
  });

  it('reloads a crashed renderer after a second, and counts it', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().emit('gone', 'crashed');
    expect(kiosk.timers.pending()).toEqual([1000]);
    expect(kiosk.last().loads).toBe(1);
    kiosk.wait();
    expect(kiosk.last().loads).toBe(2);
    expect(kiosk.windows).toHaveLength(1);
    expect(kiosk.reports.at(-1)).toEqual({
      rendererRestarts: 1,
      lastRestartAt: '2026-11-23T10:00:01.000Z',
      lastRestartReason: 'crashed',
      windowRecreations: 0,
    });
  });

  it('leaves a renderer that exited cleanly alone', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().emit('gone', 'clean-exit');
    expect(kiosk.timers.pending()).toEqual([]);
  });

  it('waits longer after each crash that follows at once, up to five minutes', () => {
    const kiosk = heal();
    kiosk.healer.start();
    const waits: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      kiosk.last().emit('gone', 'oom');
      waits.push(kiosk.wait());
    }
    expect(waits).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000,
    ]);
    expect(kiosk.healer.status().rendererRestarts).toBe(11);
  });

  it('counts a burst of trouble while a reload waits as one', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().emit('gone', 'crashed');
    kiosk.last().emit('gone', 'crashed');
    expect(kiosk.timers.pending()).toEqual([1000]);
  });

  it('reloads a renderer that stays unresponsive for ten seconds, killing it first', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().emit('unresponsive');
    expect(kiosk.timers.pending()).toEqual([UNRESPONSIVE_GRACE_MS]);
    kiosk.wait();
    kiosk.wait();
    expect(kiosk.last().crashes).toBe(1);
    expect(kiosk.last().loads).toBe(2);
    // The renderer we killed ourselves is not a second crash.
    kiosk.last().emit('gone', 'killed');
    expect(kiosk.timers.pending()).toEqual([]);
    expect(kiosk.healer.status()).toMatchObject({
      rendererRestarts: 1,
      lastRestartReason: 'unresponsive',
    });
  });

  it('leaves a renderer that answers again within the grace alone', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().emit('unresponsive');
    kiosk.last().emit('responsive');
    expect(kiosk.timers.pending()).toEqual([]);
    expect(kiosk.healer.status().rendererRestarts).toBe(0);
  });

  it('makes a window closed while the app runs again, and counts it', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().close();
    expect(kiosk.timers.pending()).toEqual([1000]);
    kiosk.wait();
    expect(kiosk.windows).toHaveLength(2);
    expect(kiosk.last().loads).toBe(1);
    expect(kiosk.reports.at(-1)).toMatchObject({ windowRecreations: 1, rendererRestarts: 0 });
  });

  it('does not bring back a window closed because the app quits', () => {
    const kiosk = heal({ quitting: true });
    kiosk.healer.start();
    kiosk.last().close();
    expect(kiosk.timers.pending()).toEqual([]);
  });

  it('tries again, with the backoff, when making or loading the window fails', async () => {
    const kiosk = heal();
    kiosk.failCreateNext(1);
    kiosk.healer.start();
    expect(kiosk.windows).toHaveLength(0);
    expect(kiosk.wait()).toBe(1000);
    expect(kiosk.windows).toHaveLength(1);

    const first = kiosk.last();
    first.loadResult = () => Promise.reject(new Error('ERR_FAILED'));
    first.emit('gone', 'crashed');
    kiosk.wait();
    await settle();
    expect(first.gone).toBe(true);
    expect(kiosk.wait()).toBe(4000);
    expect(kiosk.windows).toHaveLength(2);
    expect(kiosk.healer.status()).toMatchObject({ windowRecreations: 2, rendererRestarts: 1 });
  });

  it('logs a main-process error by its code only, and keeps a living window', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.healer.mainProcessError(
      'uncaughtException',
      Object.assign(new Error('cannot read /home/anna/secret'), { code: 'EACCES' }),
    );
    expect(kiosk.timers.pending()).toEqual([]);
    const line = kiosk.lines.find((l) => l.includes('main_process_error')) ?? '';
    expect(JSON.parse(line)).toMatchObject({ kind: 'uncaughtException', code: 'EACCES' });
    expect(kiosk.lines.join('')).not.toContain('anna');
  });

  it('makes the window again after a main-process error left none', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().gone = true;
    kiosk.healer.mainProcessError('unhandledRejection', new TypeError('x'));
    kiosk.wait();
    expect(kiosk.windows).toHaveLength(2);
    expect(kiosk.healer.status().windowRecreations).toBe(1);
  });

  it('stops every pending heal when the app quits', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().emit('gone', 'crashed');
    kiosk.healer.stop();
    expect(kiosk.timers.pending()).toEqual([]);
  });

  it('logs each heal as a stable event with flat fields', () => {
    const kiosk = heal();
    kiosk.healer.start();
    kiosk.last().emit('gone', 'crashed');
    kiosk.wait();
    expect(kiosk.lines.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual([
      'renderer_gone',
      'kiosk_heal_scheduled',
      'renderer_reload',
    ]);
  });
});

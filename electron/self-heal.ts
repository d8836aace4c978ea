import type { BrowserWindow } from 'electron';
import type { ShellStatus } from '../core';
import type { Timers } from '../core/timers';
import { realTimers } from '../node/real-timers';
import { errorCode, type Logger } from '../host/log';

/**
 * The kiosk heals itself: a crashed or hung renderer is reloaded, a lost window is made again,
 * each after a backoff so a page that crashes at once cannot spin the machine, and every heal is
 * counted for the technician's status screen. Electron stays outside: the window comes in as a
 * small handle, the timers and the clock as arguments, so all of it runs in unit tests.
 */

export const HEAL_FIRST_DELAY_MS = 1_000;
export const HEAL_MAX_DELAY_MS = 5 * 60_000;
/** A renderer that has run this long since its last heal has earned a fresh backoff. */
export const HEAL_CALM_MS = 10 * 60_000;
/** A renderer that answers again within this after 'unresponsive' is left alone. */
export const UNRESPONSIVE_GRACE_MS = 10_000;

export type BackoffSettings = { firstMs: number; maxMs: number; calmMs: number };

export type Backoff = {
  /** The wait before the next heal, for trouble seen at `now`. */
  delay(now: number): number;
  /** A heal was done at `now`: the calm period counts from here. */
  healed(now: number): void;
};

/** 1 s, doubling, capped at 5 min; back to 1 s after 10 min without trouble. Pure. */
export function healBackoff({
  firstMs = HEAL_FIRST_DELAY_MS,
  maxMs = HEAL_MAX_DELAY_MS,
  calmMs = HEAL_CALM_MS,
}: Partial<BackoffSettings> = {}): Backoff {
  let attempts = 0;
  let lastHealAt: number | null = null;
  return {
    delay(now) {
      if (lastHealAt !== null && now - lastHealAt >= calmMs) {
        attempts = 0;
      }
      const wait = Math.min(maxMs, firstMs * 2 ** Math.min(attempts, 30));
      attempts += 1;
      return wait;
    },
    healed(now) {
      lastHealAt = now;
    },
  };
}

/** What healing needs of one kiosk window. */
export type HealableWindow = {
  /** Loads the kiosk page (the first time, and again after trouble). */
  load(): Promise<void>;
  /** Kills a hung renderer so the next load starts a fresh one. */
  crashRenderer(): void;
  isGone(): boolean;
  destroy(): void;
  onRendererGone(listener: (reason: string) => void): void;
  onUnresponsive(listener: () => void): void;
  onResponsive(listener: () => void): void;
  onClosed(listener: () => void): void;
};

/** The handle over a real BrowserWindow (type-only Electron: this runs only inside Electron). */
export function healableWindow(window: BrowserWindow, url: string): HealableWindow {
  return {
    load: () => window.loadURL(url),
    crashRenderer: () => {
      if (!window.isDestroyed()) {
        window.webContents.forcefullyCrashRenderer();
      }
    },
    isGone: () => window.isDestroyed(),
    destroy: () => {
      if (!window.isDestroyed()) {
        window.destroy();
      }
    },
    onRendererGone: (listener) => {
      window.webContents.on('render-process-gone', (_event, details) => listener(details.reason));
    },
    onUnresponsive: (listener) => {
      window.on('unresponsive', listener);
    },
    onResponsive: (listener) => {
      window.on('responsive', listener);
    },
    onClosed: (listener) => {
      window.on('closed', listener);
    },
  };
}

export type SelfHealOptions = {
  /** Makes and wires a new kiosk window, not yet loaded. Throwing counts as a lost window. */
  createWindow: () => HealableWindow;
  /** Where the counters go (HostServices.setShell). */
  report: (shell: ShellStatus) => void;
  /** True once the app is quitting: a window closed then is not healed. */
  isQuitting: () => boolean;
  logger: Logger;
  timers?: Timers;
  /** Epoch ms. */
  now?: () => number;
  backoff?: Partial<BackoffSettings>;
  unresponsiveGraceMs?: number;
};

export type MainProcessFault = 'uncaughtException' | 'unhandledRejection';

export type SelfHeal = {
  /** Opens the first window; from here on, trouble is healed. */
  start(): void;
  /** A main-process error: logged by code only, and a lost window is made again. */
  mainProcessError(kind: MainProcessFault, error: unknown): void;
  /** Stops every pending heal (the app is quitting). */
  stop(): void;
  status(): ShellStatus;
};

type Heal = { kind: 'reload'; reason: string } | { kind: 'recreate'; reason: string };

export function createSelfHeal({
  createWindow,
  report,
  isQuitting,
  logger,
  timers = realTimers,
  now = Date.now,
  backoff: backoffSettings = {},
  unresponsiveGraceMs = UNRESPONSIVE_GRACE_MS,
}: SelfHealOptions): SelfHeal {
  const backoff = healBackoff(backoffSettings);
  let shell: ShellStatus = {
    rendererRestarts: 0,
    lastRestartAt: null,
    lastRestartReason: null,
    windowRecreations: 0,
  };
  let current: HealableWindow | null = null;
  /** One heal at a time: trouble seen while one waits is part of the same trouble. */
  let pending: unknown = null;
  /** Set while we kill a hung renderer ourselves, so its 'gone' is not a new crash. */
  let selfCrash = false;
  let graceTimer: unknown = null;
  let stopped = false;

  const publish = (next: ShellStatus): void => {
    shell = next;
    report(shell);
  };

  const clearGrace = (): void => {
    if (graceTimer !== null) {
      timers.clearTimeout(graceTimer);
      graceTimer = null;
    }
  };

  const schedule = (heal: Heal): void => {
    if (stopped || isQuitting() || pending !== null) {
      return;
    }
    clearGrace();
    const wait = backoff.delay(now());
    logger.warn('kiosk_heal_scheduled', { heal: heal.kind, reason: heal.reason, waitMs: wait });
    pending = timers.setTimeout(() => {
      pending = null;
      if (stopped || isQuitting()) {
        return;
      }
      if (heal.kind === 'reload' && current !== null && !current.isGone()) {
        reload(current, heal.reason);
      } else {
        open(true);
      }
    }, wait);
  };

  const reload = (window: HealableWindow, reason: string): void => {
    backoff.healed(now());
    publish({
      ...shell,
      rendererRestarts: shell.rendererRestarts + 1,
      lastRestartAt: new Date(now()).toISOString(),
      lastRestartReason: reason,
    });
    logger.warn('renderer_reload', { reason, restarts: shell.rendererRestarts });
    // A hung renderer would keep the old page; Electron's advice is to kill it, then load.
    if (reason === 'unresponsive') {
      selfCrash = true;
      window.crashRenderer();
    }
    load(window);
  };

  const load = (window: HealableWindow): void => {
    window.load().then(
      () => {
        selfCrash = false;
      },
      (error: unknown) => {
        selfCrash = false;
        if (current === window) {
          lose(window, 'load_failed', error);
        }
      },
    );
  };

  /** A window that failed is put away quietly and a new one is scheduled. */
  const lose = (window: HealableWindow, reason: string, error: unknown): void => {
    logger.error('kiosk_window_lost', { reason, code: errorCode(error) });
    if (current === window) {
      current = null;
    }
    try {
      window.destroy();
    } catch {
      // Already gone: nothing to put away.
    }
    schedule({ kind: 'recreate', reason });
  };

  const watch = (window: HealableWindow): void => {
    window.onRendererGone((reason) => {
      if (current !== window || reason === 'clean-exit') {
        return;
      }
      if (selfCrash) {
        selfCrash = false;
        return;
      }
      logger.error('renderer_gone', { reason });
      schedule({ kind: 'reload', reason });
    });
    window.onUnresponsive(() => {
      if (current !== window || graceTimer !== null) {
        return;
      }
      logger.warn('renderer_unresponsive', { graceMs: unresponsiveGraceMs });
      graceTimer = timers.setTimeout(() => {
        graceTimer = null;
        if (current === window) {
          schedule({ kind: 'reload', reason: 'unresponsive' });
        }
      }, unresponsiveGraceMs);
    });
    window.onResponsive(() => {
      if (current === window && graceTimer !== null) {
        logger.info('renderer_responsive_again');
        clearGrace();
      }
    });
    window.onClosed(() => {
      if (current !== window) {
        return;
      }
      current = null;
      clearGrace();
      if (isQuitting() || stopped) {
        return;
      }
      logger.error('kiosk_window_closed');
      schedule({ kind: 'recreate', reason: 'window_closed' });
    });
  };

  const open = (again: boolean): void => {
    let window: HealableWindow;
    try {
      window = createWindow();
    } catch (error) {
      logger.error('kiosk_window_lost', { reason: 'create_failed', code: errorCode(error) });
      schedule({ kind: 'recreate', reason: 'create_failed' });
      return;
    }
    current = window;
    watch(window);
    if (again) {
      backoff.healed(now());
      publish({ ...shell, windowRecreations: shell.windowRecreations + 1 });
      logger.warn('kiosk_window_recreated', { recreations: shell.windowRecreations });
    }
    load(window);
  };

  return {
    start() {
      publish(shell);
      open(false);
    },
    mainProcessError(kind, error) {
      // The code only: an error's message can carry whatever the failing call was holding.
      logger.error('main_process_error', { kind, code: errorCode(error) });
      if (current === null || current.isGone()) {
        current = null;
        schedule({ kind: 'recreate', reason: 'main_process_error' });
      }
    },
    stop() {
      stopped = true;
      clearGrace();
      if (pending !== null) {
        timers.clearTimeout(pending);
        pending = null;
      }
    },
    status: () => shell,
  };
}

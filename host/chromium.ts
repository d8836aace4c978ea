import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { errorCode, type Logger } from './log';
import { disableFeaturesSwitch } from './kiosk-chromium';
import type { Timers } from '../core/timers';
import { realTimers } from '../node/real-timers';

/**
 * The system Chromium as the kiosk's screen when Electron is not installed. It runs in kiosk/app
 * mode with its own profile in the data dir (that profile holds the IndexedDB store), and it is
 * brought back whenever it exits, because a kiosk without a screen loses every tap.
 */

export const CHROMIUM_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
];
const EXTRA_DIRS = ['/usr/bin', '/usr/local/bin', '/snap/bin'];

type Env = Record<string, string | undefined>;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first Chromium on PATH (or `HYMY_CHROMIUM`), or null when there is none. */
export function findChromium(env: Env = process.env, canRun = isExecutable): string | null {
  const override = env['HYMY_CHROMIUM'];
  if (override) {
    return canRun(override) ? override : null;
  }
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (canRun(candidate)) {
        return candidate;
      }
    }
  }
  return null;
}

/** On Linux (and other X11/Wayland systems) a browser window needs a display server. */
export function hasDisplay(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (platform === 'darwin' || platform === 'win32') {
    return true;
  }
  return Boolean(env['DISPLAY']) || Boolean(env['WAYLAND_DISPLAY']);
}

export function chromiumArgs(options: {
  url: string;
  profileDir: string;
  runningAsRoot: boolean;
}): string[] {
  return [
    '--kiosk',
    `--app=${options.url}`,
    `--user-data-dir=${options.profileDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-infobars',
    disableFeaturesSwitch(),
    // Chromium refuses to start as root with its sandbox on (it cannot drop privileges to build
    // it). Kiosk images that log in as root exist; there the sandbox has to go, nowhere else.
    ...(options.runningAsRoot ? ['--no-sandbox'] : []),
  ];
}

export type Backoff = {
  initialMs: number;
  maxMs: number;
  /** A run at least this long was a good run: the next crash starts the backoff over. */
  stableMs: number;
};

export const CHROMIUM_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000, stableMs: 60_000 };

export type ChromiumLaunch =
  | { ok: true; executable: string; stop(): Promise<void> }
  | { ok: false; reason: 'no_display' | 'not_found' };

export type LaunchChromiumOptions = {
  /**
   * The address to open, asked for at every start: a command line is readable by every local
   * user, so the browser host hands a one-time address, and a relaunch needs a fresh one.
   */
  url: () => string;
  profileDir: string;
  logger: Logger;
  env?: Env;
  platform?: NodeJS.Platform;
  /** A browser binary to use instead of looking one up. */
  executable?: string;
  backoff?: Backoff;
  /** The relaunch's wait and the stop's grace (tests drive them by hand); Node's by default. */
  timers?: Timers;
};

/** Launches Chromium at `url()` and keeps it running until `stop()`. */
export function launchChromium(options: LaunchChromiumOptions): ChromiumLaunch {
  const env = options.env ?? process.env;
  const { logger } = options;
  if (!hasDisplay(env, options.platform)) {
    return { ok: false, reason: 'no_display' };
  }
  const executable = options.executable ?? findChromium(env);
  if (executable === null) {
    return { ok: false, reason: 'not_found' };
  }
  const backoff = options.backoff ?? CHROMIUM_BACKOFF;
  const timers = options.timers ?? realTimers;
  const runningAsRoot = process.getuid?.() === 0;

  let child: ChildProcess | null = null;
  let stopping = false;
  let delayMs = backoff.initialMs;
  let retryTimer: unknown = null;

  const start = (): void => {
    retryTimer = null;
    const startedAt = timers.now();
    const args = chromiumArgs({
      url: options.url(),
      profileDir: options.profileDir,
      runningAsRoot,
    });
    // Its own process group, so stop() ends Chromium with all its helper processes, and a
    // Ctrl-C in the terminal reaches the host (which stops Chromium) rather than both at once.
    const launched = spawn(executable, args, { detached: true, stdio: 'ignore', env: { ...env } });
    child = launched;
    let ended = false;
    const onEnd = (code: number | null, signal: string | null, failure?: unknown): void => {
      if (ended) {
        return;
      }
      ended = true;
      child = null;
      if (stopping) {
        return;
      }
      // Helpers of a crashed browser (renderer, GPU, zygote) may outlive it in its group; they
      // would hold the profile the next launch needs.
      if (launched.pid !== undefined && process.platform !== 'win32') {
        try {
          process.kill(-launched.pid, 'SIGKILL');
        } catch {
          // None left.
        }
      }
      const ranMs = timers.now() - startedAt;
      if (ranMs >= backoff.stableMs) {
        delayMs = backoff.initialMs;
      }
      logger.warn('chromium_exited', {
        code,
        signal,
        failure: failure === undefined ? undefined : errorCode(failure),
        ranMs,
        retryInMs: delayMs,
      });
      retryTimer = timers.setTimeout(start, delayMs);
      delayMs = Math.min(delayMs * 2, backoff.maxMs);
    };
    launched.once('error', (error) => onEnd(null, null, error));
    launched.once('exit', (code, signal) => onEnd(code, signal));
    logger.info('chromium_launched', { pid: launched.pid ?? null });
  };

  start();

  return {
    ok: true,
    executable,
    async stop() {
      stopping = true;
      if (retryTimer !== null) {
        timers.clearTimeout(retryTimer);
        retryTimer = null;
      }
      const running = child;
      if (!running || running.pid === undefined || running.exitCode !== null) {
        return;
      }
      const pid = running.pid;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      const signalGroup = (signal: NodeJS.Signals): void => {
        try {
          // A negative pid signals the whole process group (POSIX; Windows has no groups).
          if (process.platform === 'win32') {
            running.kill(signal);
          } else {
            process.kill(-pid, signal);
          }
        } catch {
          // The group is already gone.
        }
      };
      signalGroup('SIGTERM');
      const killTimer = timers.setTimeout(() => signalGroup('SIGKILL'), 5000);
      await exited;
      timers.clearTimeout(killTimer);
    },
  };
}

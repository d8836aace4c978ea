import path from 'node:path';
import {
  app,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  type BrowserWindow,
  type WebContents,
} from 'electron';
import { DEFAULT_RESERVE_BYTES } from '../core/durability';
import type { Timers } from '../core/timers';
import { KIOSK_DISABLED_FEATURES } from '../host/kiosk-chromium';
import { createLogger, errorCode, type Logger } from '../host/log';
import { openLogFile, teeWriter, type LogFile } from '../host/log-file';
import type { HostServices, HostServicesOptions } from '../host/services-types';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { parseKioskArgs } from './args';
import { wireBridge } from './ipc';
import { createSafeStorageVault } from './safe-storage-vault';
import { hardenApp, hardenSession, KIOSK_ORIGIN, KIOSK_URL } from './security';
import { createSelfHeal, healableWindow, type SelfHeal } from './self-heal';
import { createKioskWindow } from './window';

/**
 * The Electron app from start to quit: one instance per data dir, the hardened window on
 * `app://kiosk`, the host services behind the bridge, and a clean close of those services.
 * The services factory comes in as an argument so tests run all of this with a fake host.
 */

/** Printed on stdout once the page has loaded: scripts wait for it (operator-interface.md). */
export const KIOSK_READY_LINE = `kiosk ready ${KIOSK_ORIGIN}/`;

/** Chromium's profile (IndexedDB with the unsent answers among it) inside the data dir. */
export const ELECTRON_PROFILE_DIR = 'electron-profile';

/** How long quitting waits for the services to close before it goes anyway. */
const CLOSE_TIMEOUT_MS = 5_000;

export type StartKioskOptions = {
  argv: readonly string[];
  /** The `dist/` folder holding `electron/preload.cjs` and the built `renderer/`. */
  distDir: string;
  createServices: (options: HostServicesOptions) => Promise<HostServices>;
  /** The log as it is (tests); by default stderr plus DATA_DIR/logs/hymy.log. */
  logger?: Logger;
  /** Where the operator contract line goes; stdout by default. */
  writeStdout?: (line: string) => void;
  /** Self-heal's backoff timers and clock (tests drive them by hand). */
  timers?: Timers;
  now?: () => number;
  /** Where main-process errors are heard; `process` by default (tests pass an emitter). */
  processEvents?: ProcessEvents;
};

export type ProcessEvents = {
  on(
    event: 'uncaughtException' | 'unhandledRejection',
    listener: (error: unknown) => void,
  ): unknown;
};

export function startKiosk({
  argv,
  distDir,
  createServices,
  logger: givenLogger,
  writeStdout = (line) => process.stdout.write(line),
  timers,
  now,
  processEvents = process,
}: StartKioskOptions): void {
  const args = parseKioskArgs(argv);
  if (!args.ok) {
    process.stderr.write(`Hymy: ${args.message}\n`);
    app.exit(2);
    return;
  }
  // Everything Chromium keeps follows the data dir, so `--data-dir` gives a terminal (or a
  // test) its own store and its own single-instance lock. Both paths are set before ready.
  if (args.dataDir !== null) {
    app.setPath('userData', args.dataDir);
  }
  const dataDir = app.getPath('userData');
  app.setPath('sessionData', path.join(dataDir, ELECTRON_PROFILE_DIR));

  registerAppScheme(protocol);
  hardenApp(app);
  // Chromium's switches are read at ready; the browser host's Chromium gets the same ones
  // (host/kiosk-chromium.ts says why: a tap's write is not put off behind input handling).
  // prettier-ignore (Electronegativity reads its annotation on the flagged line only)
  app.commandLine.appendSwitch('disable-features', KIOSK_DISABLED_FEATURES.join(',')); // eng-disable CUSTOM_ARGUMENTS_JS_CHECK

  // Two kiosks on one data dir would share one store and one button box: the second one goes.
  if (!app.requestSingleInstanceLock()) {
    (givenLogger ?? createLogger()).with({ room: 'electron' }).info('second_instance_quit');
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  let services: Promise<HostServices> | null = null;
  let live: HostServices | null = null;

  // The Electron app keeps its log in the data dir too: a kiosk has no console to read. Opened
  // only by the instance that holds the lock, so one process rotates the file. It leaves the
  // free space the config reserves for answers (the default until the services have measured).
  const logFile: LogFile | null =
    givenLogger === undefined
      ? openLogFile({
          dataDir,
          reserveBytes: () => live?.status().storage?.reserveBytes ?? DEFAULT_RESERVE_BYTES,
        })
      : null;
  const rootLogger =
    givenLogger ??
    createLogger({
      write: teeWriter(
        (line) => {
          process.stderr.write(line);
        },
        logFile?.write ?? (() => undefined),
      ),
    });
  const logger = rootLogger.with({ room: 'electron' });

  let disposeBridge: (() => void) | null = null;
  let heal: SelfHeal | null = null;
  let announced = false;
  let quitting = false;
  let closed = false;
  let closing = false;

  // The main process keeps running through its own errors; self-heal logs them by code and
  // brings back a window they took with them.
  for (const kind of ['uncaughtException', 'unhandledRejection'] as const) {
    processEvents.on(kind, (error) => {
      if (heal === null) {
        logger.error('main_process_error', { kind, code: errorCode(error) });
      } else {
        heal.mainProcessError(kind, error);
      }
    });
  }

  const liveWebContents = (): WebContents | null =>
    window !== null && !window.isDestroyed() ? window.webContents : null;

  app.on('second-instance', () => {
    if (window !== null && !window.isDestroyed()) {
      if (window.isMinimized()) {
        window.restore();
      }
      window.focus();
    }
  });

  // A window closed by anything but a quit (a visitor's Alt+F4, a crash of the window) comes
  // back through self-heal; only a quit ends the app.
  app.on('window-all-closed', () => {
    logger.warn('kiosk_all_windows_closed');
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  // Quitting waits for the services to close (the button box port, pending writes), bounded so
  // a stuck device cannot keep a dead kiosk on screen. SIGTERM and SIGINT arrive here too:
  // Electron's own POSIX signal handlers turn them into a quit.
  app.on('will-quit', (event) => {
    if (closed) {
      return;
    }
    event.preventDefault();
    if (closing) {
      return;
    }
    closing = true;
    heal?.stop();
    void closeServices(services, disposeBridge, logger).finally(() => {
      closed = true;
      logFile?.close();
      app.quit();
    });
  });

  const open = async (): Promise<void> => {
    hardenSession(session.defaultSession);
    serveAppProtocol(protocol, path.join(distDir, 'renderer'));
    Menu.setApplicationMenu(null);
    // A feedback terminal that blanks its screen looks switched off.
    powerSaveBlocker.start('prevent-display-sleep');

    services = createServices({
      dataDir,
      // Chromium's profile, where IndexedDB keeps the answers: its free space is watched too.
      profileDir: app.getPath('sessionData'),
      host: 'electron',
      appVersion: app.getVersion(),
      // The settings' `serial` decides; a terminal that has none looks for its box.
      serialFallback: { kind: 'auto' },
      demo: args.demo,
      logger: rootLogger,
      // The terminal token sealed by the OS keystore where there is one, else the 0600 file.
      tokenVault: createSafeStorageVault(safeStorage, rootLogger),
    });
    const ready = await services;
    live = ready;
    if (closing) {
      return;
    }
    disposeBridge = wireBridge(ipcMain, ready, liveWebContents, { logger });

    heal = createSelfHeal({
      createWindow: openWindow,
      report: (shell) => ready.setShell(shell),
      isQuitting: () => quitting || closing,
      logger,
      ...(timers === undefined ? {} : { timers }),
      ...(now === undefined ? {} : { now }),
    });
    heal.start();
  };

  /** One kiosk window, hardened and wired; self-heal loads it and makes it again when lost. */
  const openWindow = () => {
    const created = createKioskWindow({
      preloadPath: path.join(distDir, 'electron', 'preload.cjs'),
      devTools: !app.isPackaged,
    });
    window = created;
    created.on('closed', () => {
      if (window === created) {
        window = null;
      }
    });
    const contents = created.webContents;
    contents.on('did-finish-load', () => {
      // The operator contract line is printed once per app, not again after each heal.
      if (!announced) {
        announced = true;
        logger.info('kiosk_ready');
        writeStdout(`${KIOSK_READY_LINE}\n`);
      }
    });
    contents.on('did-fail-load', (_event, code, description) => {
      logger.error('kiosk_load_failed', { code, description });
    });
    return healableWindow(created, KIOSK_URL);
  };

  app
    .whenReady()
    .then(open)
    .catch((error: unknown) => {
      logger.error('kiosk_start_failed', { code: errorCode(error) });
      process.stderr.write('Hymy: the kiosk could not start; see the log line above.\n');
      closing = true;
      void closeServices(services, disposeBridge, logger).finally(() => {
        logFile?.close();
        app.exit(1);
      });
    });
}

async function closeServices(
  services: Promise<HostServices> | null,
  disposeBridge: (() => void) | null,
  logger: Logger,
): Promise<void> {
  disposeBridge?.();
  if (services === null) {
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([services.then((ready) => ready.close()), timeout]);
    if (outcome === 'timeout') {
      logger.warn('services_close_timeout', { ms: CLOSE_TIMEOUT_MS });
    }
  } catch (error) {
    logger.error('services_close_failed', { code: errorCode(error) });
  } finally {
    clearTimeout(timer);
  }
}

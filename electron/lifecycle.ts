import path from 'node:path';
import {
  app,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  session,
  type BrowserWindow,
  type WebContents,
} from 'electron';
import { KIOSK_DISABLED_FEATURES } from '../host/kiosk-chromium';
import { createLogger, errorCode, type Logger } from '../host/log';
import type { HostServices, HostServicesOptions } from '../host/services-types';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { parseKioskArgs } from './args';
import { wireBridge } from './ipc';
import { hardenApp, hardenSession, KIOSK_ORIGIN, KIOSK_URL } from './security';
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
  logger?: Logger;
  /** Where the operator contract line goes; stdout by default. */
  writeStdout?: (line: string) => void;
};

export function startKiosk({
  argv,
  distDir,
  createServices,
  logger = createLogger().with({ room: 'electron' }),
  writeStdout = (line) => process.stdout.write(line),
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
  // Chromium's switches are read at ready; the browser host's Chromium gets the same ones.
  app.commandLine.appendSwitch('disable-features', KIOSK_DISABLED_FEATURES.join(','));

  // Two kiosks on one data dir would share one store and one button box: the second one goes.
  if (!app.requestSingleInstanceLock()) {
    logger.info('second_instance_quit');
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  let services: Promise<HostServices> | null = null;
  let disposeBridge: (() => void) | null = null;
  let closed = false;
  let closing = false;

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

  app.on('window-all-closed', () => {
    app.quit();
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
    void closeServices(services, disposeBridge, logger).finally(() => {
      closed = true;
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
      host: 'electron',
      appVersion: app.getVersion(),
      // The settings' `serial` decides; a terminal that has none looks for its box.
      serialFallback: { kind: 'auto' },
      demo: args.demo,
    });
    const ready = await services;
    if (closing) {
      return;
    }
    disposeBridge = wireBridge(ipcMain, ready, liveWebContents, { logger });

    const created = createKioskWindow({
      preloadPath: path.join(distDir, 'electron', 'preload.cjs'),
      devTools: !app.isPackaged,
    });
    window = created;
    created.on('closed', () => {
      window = null;
    });
    const contents = created.webContents;
    contents.once('did-finish-load', () => {
      logger.info('kiosk_ready');
      writeStdout(`${KIOSK_READY_LINE}\n`);
    });
    contents.on('did-fail-load', (_event, code, description) => {
      logger.error('kiosk_load_failed', { code, description });
    });
    // Recovery from a crashed renderer is a later issue; until then it is at least on record.
    contents.on('render-process-gone', (_event, details) => {
      logger.error('renderer_gone', { reason: details.reason, exitCode: details.exitCode });
    });
    await created.loadURL(KIOSK_URL);
  };

  app
    .whenReady()
    .then(open)
    .catch((error: unknown) => {
      logger.error('kiosk_start_failed', { code: errorCode(error) });
      process.stderr.write('Hymy: the kiosk could not start; see the log line above.\n');
      closing = true;
      void closeServices(services, disposeBridge, logger).finally(() => {
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

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readAppVersion } from '../app-info';
import { BrowserHostListenError, startBrowserHost } from '../browser-host/server';
import { launchChromium, type ChromiumLaunch } from '../chromium';
import { ensureDataDir } from '../data-dir';
import { errorCode, type Logger } from '../log';
import type { HostServices, SerialChoice } from '../services-types';
export { parseSerial } from '../serial-choice';
import { say } from './say';

/**
 * The browser-host kiosk as both `kiosk:browser` and `npm start` (without Electron) run it:
 * services, server, the `kiosk ready <url>` contract line, Chromium if asked, and a graceful
 * stop on SIGINT/SIGTERM. Resolves with the exit code.
 */

export type RunBrowserKioskOptions = {
  dataDir: string;
  port: number;
  /** Left out: the settings' choice, else `serialFallback`. */
  serial: SerialChoice | undefined;
  serialFallback: SerialChoice;
  open: boolean;
  /** A data dir never set up runs the demo unit instead of the first-run screen. */
  demo?: boolean;
  /** How often an enrolled terminal polls its config and beats (default 60 s each). */
  configPollMs?: number | undefined;
  heartbeatMs?: number | undefined;
  rendererDir: string;
  logger: Logger;
};

export { parsePort } from '../../node/cli';

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A second signal while closing means "now": nothing more to wait for.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function runBrowserKiosk(options: RunBrowserKioskOptions): Promise<number> {
  const { logger } = options;
  // Listen for the stop signal from the first moment: a SIGTERM during start-up is a stop too.
  const stopSignal = waitForStopSignal();
  let paths;
  try {
    paths = await ensureDataDir(options.dataDir);
  } catch (error) {
    const code = errorCode(error);
    logger.error('data_dir_unusable', { code });
    say(`cannot use the data dir ${options.dataDir} (${code}).`);
    return 1;
  }

  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    logger.warn('renderer_missing');
    say(`the kiosk UI is not built (no ${options.rendererDir}/index.html): run npm run build.`);
  }

  // The services (and the schemas they validate with) load while the server starts listening:
  // `kiosk ready` does not wait for them, bridge connections do (startBrowserHost).
  const services: Promise<HostServices> = import('../services').then(({ createHostServices }) =>
    createHostServices({
      dataDir: paths.root,
      // The profile of the Chromium launched below; a page opened by someone else has its own.
      ...(options.open ? { profileDir: paths.chromiumProfile } : {}),
      host: 'browser',
      appVersion: readAppVersion(),
      serial: options.serial,
      serialFallback: options.serialFallback,
      demo: options.demo === true,
      ...(options.configPollMs !== undefined ? { configPollMs: options.configPollMs } : {}),
      ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
      logger,
      say,
    }),
  );
  // A bug, not a fault: without services the kiosk cannot work, so stop loudly.
  services.catch((error: unknown) => {
    logger.error('services_failed', { code: errorCode(error) });
    say('the host services failed to start; see the log above.');
    process.exit(1);
  });

  let host;
  try {
    host = await startBrowserHost({
      port: options.port,
      services,
      rendererDir: options.rendererDir,
      logger,
    });
  } catch (error) {
    await (await services).close();
    if (error instanceof BrowserHostListenError) {
      logger.error('browser_host_listen_failed', { code: error.code, port: error.port });
      say(
        error.code === 'port_in_use'
          ? `port ${error.port} on 127.0.0.1 is already in use (another kiosk?). The kiosk keeps ` +
              'its local store on this port, so it will not move to another one: stop the other ' +
              'program, or pass --port explicitly.'
          : `${error.message}.`,
      );
      return 1;
    }
    throw error;
  }

  // The contract line (operator-interface.md): scripts wait for it, so it goes out only now
  // that the server accepts connections, and alone on its line. It holds the bridge secret.
  process.stdout.write(`kiosk ready ${host.url}\n`);

  let chromium: ChromiumLaunch | null = null;
  if (options.open) {
    // A one-time address, never the secret: Chromium's command line is public to local users.
    chromium = launchChromium({ url: host.launchUrl, profileDir: paths.chromiumProfile, logger });
    if (!chromium.ok) {
      logger.warn('chromium_not_started', { reason: chromium.reason });
      // The secret is on the ready line already; these words name the origin only.
      say(
        chromium.reason === 'no_display'
          ? 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset), so no browser was ' +
              `opened; the kiosk stays served at ${host.origin} (open the kiosk ready URL)`
          : 'no Chromium or Chrome was found (set HYMY_CHROMIUM to its path); the kiosk stays ' +
              `served at ${host.origin} (open the kiosk ready URL)`,
      );
    }
  }

  const signal = await stopSignal;
  logger.info('stopping', { signal });
  if (chromium?.ok) {
    await chromium.stop();
  }
  await host.close();
  await (await services).close();
  return 0;
}

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, DEFAULT_RENDERER_DIR, REPO_ROOT } from '../app-info';
import { DEFAULT_KIOSK_PORT } from '../browser-host/server';
import { findElectronBinary } from '../electron-binary';
import { createLogger } from '../log';
import { runBrowserKiosk } from './run-browser-kiosk';
import { say } from './say';
import { runElectron } from './run-electron';

const USAGE = `Usage: npm start [-- --data-dir DIR]

Runs the whole terminal: Electron where its binary is installed, otherwise the system Chromium
in kiosk mode through the browser host (port ${DEFAULT_KIOSK_PORT}). Prints "kiosk ready <url>"
on stdout once the kiosk is up.

  --data-dir DIR   the terminal's data dir (default $XDG_DATA_HOME/hymy or ~/.local/share/hymy)
  --help           show this text
`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    say(error instanceof Error ? error.message : 'bad arguments');
    process.stderr.write(USAGE);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const logger = createLogger();
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());

  // Seam for a later issue: when the data dir holds no terminal settings, start the reference
  // central API on loopback as a child process (host/ does not import server/), print its
  // `central api ready <url>` line, and enroll this terminal as a demo terminal before the kiosk
  // opens. Until then the kiosk runs on the built-in demo config (host/services.ts).

  const electron = findElectronBinary(REPO_ROOT);
  if (electron.ok) {
    logger.info('start_electron');
    process.exit(
      await runElectron({ binary: electron.path, repoRoot: REPO_ROOT, dataDir, logger }),
    );
  }
  logger.info('start_browser_host', { electron: electron.reason });
  const code = await runBrowserKiosk({
    dataDir,
    port: DEFAULT_KIOSK_PORT,
    serial: undefined,
    // A newcomer's box on a USB port is found without flags; keys 1–9 work either way.
    serialFallback: { kind: 'auto' },
    open: true,
    rendererDir: resolve(process.env['HYMY_RENDERER_DIR'] ?? DEFAULT_RENDERER_DIR),
    logger,
  });
  process.exit(code);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `hymy: start failed unexpectedly\n${String(error instanceof Error ? error.stack : error)}\n`,
  );
  process.exit(1);
});

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, DEFAULT_RENDERER_DIR, readAppVersion, REPO_ROOT } from '../app-info';
import { DEFAULT_KIOSK_PORT } from '../browser-host/server';
import { findElectronBinary } from '../electron-binary';
import { EMBEDDED_API_PORT } from '../embedded-central';
import { createLogger } from '../log';
import { DEMO_ACCOUNT_EMAIL } from './demo-account';
import { prepareDemoCentral } from './demo-central';
import { runBrowserKiosk } from './run-browser-kiosk';
import { say } from './say';
import { runElectron } from './run-electron';
import { failedUnexpectedly } from '../../node/cli';

const USAGE = `Usage: npm start [-- --data-dir DIR]

Runs the whole terminal: Electron where its binary is installed, otherwise the system Chromium
in kiosk mode through the browser host (port ${DEFAULT_KIOSK_PORT}). Prints "kiosk ready <url>"
on stdout once the kiosk is up.

A data dir with no terminal settings gets the whole loop on an embedded default: the reference
central API starts on loopback (port ${EMBEDDED_API_PORT}, its database in DIR/central), prints
"central api ready <url>", and the terminal enrolls itself with it as a demo terminal of a demo
unit. The same server serves the county's dashboard: it prints "dashboard ready <url>", and on
standard error how to sign in, as ${DEMO_ACCOUNT_EMAIL} (an account made on the first start)
with the random password in DIR/central/demo-password (readable by you only; never printed).
Later starts of that demo terminal start its embedded server again and keep the account. If the
embedded server cannot be used, the kiosk runs the built-in demo unit and keeps its answers on
this machine.

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

  // With no settings: the reference central API on loopback, and this terminal enrolled with it.
  const central = await prepareDemoCentral({
    repoRoot: REPO_ROOT,
    dataDir,
    appVersion: readAppVersion(),
    logger,
    print: (line) => process.stdout.write(`${line}\n`),
  });
  const exit = async (code: number): Promise<never> => {
    await central?.stop();
    process.exit(code);
  };

  const electron = findElectronBinary(REPO_ROOT);
  if (electron.ok) {
    logger.info('start_electron');
    await exit(
      await runElectron({
        binary: electron.path,
        repoRoot: REPO_ROOT,
        dataDir,
        logger,
        demo: central === null,
      }),
    );
    return;
  }
  logger.info('start_browser_host', { electron: electron.reason });
  const code = await runBrowserKiosk({
    dataDir,
    port: DEFAULT_KIOSK_PORT,
    serial: undefined,
    // A newcomer's box on a USB port is found without flags; keys 1–9 work either way.
    serialFallback: { kind: 'auto' },
    open: true,
    // No embedded server (it failed, or the terminal has a real API, where the demo never
    // applies): a data dir never set up opens on the built-in demo unit, not the first-run screen.
    demo: central === null,
    rendererDir: resolve(process.env['HYMY_RENDERER_DIR'] ?? DEFAULT_RENDERER_DIR),
    logger,
  });
  await exit(code);
}

main().catch(failedUnexpectedly('start'));

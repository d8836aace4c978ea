import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RENDERER_DIR } from '../app-info';
import { DEFAULT_KIOSK_PORT } from '../browser-host/server';
import { createLogger } from '../log';
import { parsePort, parseSerial, runBrowserKiosk } from './run-browser-kiosk';
import { say } from './say';
import { failedUnexpectedly } from '../../node/cli';

const USAGE = `Usage: npm run kiosk:browser -- --data-dir DIR [--port P] [--serial PATH|auto|none] [--open] [--demo]

Serves the kiosk UI and its bridge on 127.0.0.1 and prints "kiosk ready <url>" on stdout once
it accepts connections.

  --data-dir DIR   the terminal's data dir: settings, last config, Chromium profile (required)
  --port P         the port on 127.0.0.1 (default ${DEFAULT_KIOSK_PORT}; 0 picks a free one). The
                   kiosk's local store belongs to the port: keep it the same across restarts.
  --serial S       the button box: a device path, auto, or none (default: the data dir's settings, else none)
  --open           also launch Chromium in kiosk mode at the URL (through a one-time address,
                   so the secret in the URL stays off Chromium's command line)
  --demo           a data dir that was never set up runs the built-in demo unit (its answers
                   stay on this machine) instead of the first-run screen
  --help           show this text

Environment: HYMY_RENDERER_DIR (the built UI, default dist/renderer), HYMY_CHROMIUM (the
browser to launch), HYMY_LOG_LEVEL (debug, info, warn or error; the log is JSON on stderr),
HYMY_CONFIG_POLL_MS and HYMY_HEARTBEAT_MS (how often an enrolled terminal asks for its config
and reports to the central API; default 60000, at least 200).
`;

/** A period from the environment, or undefined (the default) when it is not set. */
function periodFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') {
    return undefined;
  }
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 200) {
    usageError(`${name} must be a whole number of milliseconds, at least 200, not "${text}"`);
  }
  return ms;
}

function usageError(problem: string): never {
  say(problem);
  process.stderr.write(USAGE);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        serial: { type: 'string' },
        open: { type: 'boolean', default: false },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usageError(error instanceof Error ? error.message : 'bad arguments');
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const dataDir = values['data-dir'];
  if (dataDir === undefined || dataDir.length === 0) {
    usageError('--data-dir is required');
  }
  const port = values.port === undefined ? DEFAULT_KIOSK_PORT : parsePort(values.port);
  if (port === null) {
    usageError(`--port must be a number from 0 to 65535, not "${values.port ?? ''}"`);
  }
  const serial = values.serial === undefined ? undefined : parseSerial(values.serial);
  if (serial === null) {
    usageError('--serial must be a device path, auto or none');
  }

  const code = await runBrowserKiosk({
    dataDir: resolve(dataDir),
    port,
    serial,
    serialFallback: { kind: 'none' },
    open: values.open,
    demo: values.demo,
    configPollMs: periodFromEnv('HYMY_CONFIG_POLL_MS'),
    heartbeatMs: periodFromEnv('HYMY_HEARTBEAT_MS'),
    rendererDir: resolve(process.env['HYMY_RENDERER_DIR'] ?? DEFAULT_RENDERER_DIR),
    logger: createLogger(),
  });
  process.exit(code);
}

main().catch(failedUnexpectedly('kiosk:browser'));

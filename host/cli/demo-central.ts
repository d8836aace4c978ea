import { join } from 'node:path';
import { DEMO_CONFIG } from '../../core/demo';
import { ensureDataDir } from '../data-dir';
import {
  createDemoEnrollmentCode,
  EMBEDDED_CENTRAL_DIR,
  startEmbeddedCentral,
  usesEmbeddedCentral,
  type EmbeddedCentral,
} from '../embedded-central';
import { enrollTerminal } from '../enrollment';
import { errorCode, type Logger } from '../log';
import { readSettings } from '../terminal-files';
import {
  createDemoAccount,
  DEMO_ACCOUNT_EMAIL,
  demoPasswordFile,
  readDemoPassword,
  servesDashboard,
} from './demo-account';
import { say } from './say';

/** The demo terminal's technician PIN: printed on the console, as a demo has no secrets. */
export const DEMO_TECHNICIAN_PIN = '2580';

export type DemoCentralOptions = {
  repoRoot: string;
  dataDir: string;
  appVersion: string;
  logger: Logger;
  /** Where the `central api ready <url>` and `dashboard ready <url>` contract lines go (stdout). */
  print: (line: string) => void;
  port?: number;
};

/**
 * `npm start` on the embedded default (operator-interface.md): a terminal with no settings
 * starts the reference central API on loopback, has it make an enrollment code for the demo
 * unit, and enrolls itself with that code over HTTP, as a technician's terminal would. A demo
 * terminal enrolled so gets its server started again on every later start. The server serves
 * the county's dashboard too: a fresh data dir gets a demo county account for it
 * (demo-account.ts), and every start prints `dashboard ready <url>` and how to sign in. A
 * terminal enrolled with a real central API starts none. Whatever fails here, the kiosk still
 * opens: without settings it runs the built-in demo unit, and says that its answers stay on this
 * machine.
 */
export async function prepareDemoCentral(
  options: DemoCentralOptions,
): Promise<EmbeddedCentral | null> {
  const { dataDir, logger } = options;
  const settings = await readSettings(dataDir);
  if (settings.ok && !usesEmbeddedCentral(dataDir, settings.value.apiUrl)) {
    return null;
  }
  if (!settings.ok && settings.reason !== 'missing') {
    // Unreadable or invalid settings: the services say what is wrong; enrolling over them
    // could throw away a real terminal's token.
    return null;
  }
  let central: EmbeddedCentral | null = null;
  try {
    await ensureDataDir(dataDir);
    central = await startEmbeddedCentral({
      repoRoot: options.repoRoot,
      dataDir,
      logger,
      ...(options.port !== undefined ? { port: options.port } : {}),
      onLine: (line) => {
        if (line.startsWith('central api ready ')) {
          options.print(line);
        }
      },
    });
    if (settings.ok) {
      await announceDashboard(central, dataDir, options.print);
      return central;
    }
    const code = await createDemoEnrollmentCode(central, {
      unit: DEMO_CONFIG.unit,
      survey: DEMO_CONFIG.survey,
    });
    const enrolled = await enrollTerminal({
      dataDir,
      apiUrl: central.url,
      code,
      pin: DEMO_TECHNICIAN_PIN,
      appVersion: options.appVersion,
    });
    if (!enrolled.ok) {
      throw new Error(`enrollment failed: ${enrolled.reason}`);
    }
    logger.info('demo_enrolled', { terminalId: enrolled.terminalId });
    say(
      `this terminal is enrolled as ${enrolled.terminalId} of the demo unit with the embedded ` +
        `central API at ${central.url}; answers reach it within seconds. Technician screens: ` +
        `five taps in the top-left corner, PIN ${DEMO_TECHNICIAN_PIN}.`,
    );
    try {
      await createDemoAccount(central, dataDir);
      logger.info('demo_account_created');
    } catch (error) {
      // The kiosk's loop does not need it: said, and the kiosk goes on.
      logger.error('demo_account_failed', { code: errorCode(error) });
      const reason = error instanceof Error ? error.message : 'unknown error';
      say(`the demo account for the dashboard could not be made (${reason}).`);
    }
    await announceDashboard(central, dataDir, options.print);
    return central;
  } catch (error) {
    logger.error('demo_central_failed', { code: errorCode(error) });
    say(
      `the embedded central API could not be used (${error instanceof Error ? error.message : 'unknown error'}); ` +
        'the kiosk runs on its built-in demo unit and keeps answers on this machine.',
    );
    await central?.stop();
    return null;
  }
}

/**
 * `dashboard ready <url>` once the embedded server serves the built dashboard, and how to sign
 * in: the demo account and where its password is (never the password itself), or how to make an
 * account where there is none.
 */
async function announceDashboard(
  central: EmbeddedCentral,
  dataDir: string,
  print: (line: string) => void,
): Promise<void> {
  const url = `${central.url}/`;
  if (!(await servesDashboard(central))) {
    say(`the dashboard is not built, so ${url} has no page yet: run npm run build.`);
    return;
  }
  const file = demoPasswordFile(dataDir);
  if ((await readDemoPassword(file).catch(() => undefined)) !== undefined) {
    say(
      `sign in to the dashboard at ${url} as ${DEMO_ACCOUNT_EMAIL} with the password in ${file} ` +
        `(show it with: cat '${file}').`,
    );
  } else {
    const centralDir = join(dataDir, EMBEDDED_CENTRAL_DIR);
    say(
      `the dashboard at ${url} has no demo account on this data dir; make an account with ` +
        `npm run users -- add --data-dir '${centralDir}' --email E --role county`,
    );
  }
  print(`dashboard ready ${url}`);
}

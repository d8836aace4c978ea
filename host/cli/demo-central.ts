import { DEMO_CONFIG } from '../../core/demo';
import { ensureDataDir } from '../data-dir';
import {
  createDemoEnrollmentCode,
  startEmbeddedCentral,
  usesEmbeddedCentral,
  type EmbeddedCentral,
} from '../embedded-central';
import { enrollTerminal } from '../enrollment';
import { errorCode, type Logger } from '../log';
import { readSettings } from '../terminal-files';
import { say } from './say';

/** The demo terminal's technician PIN: printed on the console, as a demo has no secrets. */
export const DEMO_TECHNICIAN_PIN = '2580';

export type DemoCentralOptions = {
  repoRoot: string;
  dataDir: string;
  appVersion: string;
  logger: Logger;
  /** Where the `central api ready <url>` contract line goes (stdout). */
  print: (line: string) => void;
  port?: number;
};

/**
 * `npm start` on the embedded default (operator-interface.md): a terminal with no settings
 * starts the reference central API on loopback, has it make an enrollment code for the demo
 * unit, and enrolls itself with that code over HTTP, as a technician's terminal would. A demo
 * terminal enrolled so gets its server started again on every later start. A terminal enrolled
 * with a real central API starts none. Whatever fails here, the kiosk still opens: without
 * settings it runs the built-in demo unit, and says that its answers stay on this machine.
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

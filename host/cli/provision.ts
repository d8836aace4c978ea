import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readAppVersion } from '../app-info';
import { printable } from '../central-client';
import { enrollTerminal, type EnrollTerminalOutcome } from '../enrollment';
import { parseSerial } from '../serial-choice';
import { say } from './say';
import { failedUnexpectedly } from '../../node/cli';

const USAGE = `Usage: npm run provision -- --data-dir DIR --api URL --code CODE [--pin PIN] [--serial PATH|auto|none]

Enrolls this terminal with the central API using a single-use enrollment code, then writes its
settings (API URL, terminal id, token, button box, PIN hash; readable by the owner only) and its
first config into DIR. Prints "provisioned <terminalId> unit <unitId>" on stdout. Nothing is
written when it fails.

  --data-dir DIR   the terminal's data dir (required)
  --api URL        the central API's base URL, the part before /v1 (required)
  --code CODE      the enrollment code, e.g. K7QD-M3XP (case, spaces and dashes do not matter;
                   required)
  --pin PIN        the technician PIN, 4 to 8 digits, kept only as a hash (default: keep the
                   current one)
  --serial S       the button box: a device path, auto, or none (default: keep the current one)
  --help           show this text

Exit status: 0 enrolled; 2 the code is malformed, unknown, already used or expired; 3 the API
cannot be reached; 1 anything else (bad arguments, the API refused or failed, DIR not writable).
`;

const EXIT_BAD_CODE = 2;
const EXIT_UNREACHABLE = 3;
const EXIT_OTHER = 1;

function fail(exit: number, problem: string): never {
  say(problem);
  process.exit(exit);
}

function usageError(problem: string): never {
  say(problem);
  process.stderr.write(USAGE);
  process.exit(EXIT_OTHER);
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : ` in ${Math.ceil(ms / 1000)} s`;
}

/** One line for each way it can fail, and the exit status that goes with it. */
function failure(
  outcome: Exclude<EnrollTerminalOutcome, { ok: true }>,
  api: string,
  dataDir: string,
): [number, string] {
  switch (outcome.reason) {
    case 'code_malformed':
      return [
        EXIT_BAD_CODE,
        'that is not an enrollment code: 8 letters and digits, like K7QD-M3XP',
      ];
    case 'code_unknown':
      return [EXIT_BAD_CODE, 'the central API does not know this enrollment code; check it'];
    case 'code_used':
      return [EXIT_BAD_CODE, 'this enrollment code has already been used; ask for a new one'];
    case 'code_expired':
      return [EXIT_BAD_CODE, 'this enrollment code has expired; ask for a new one'];
    case 'unreachable':
      return [
        EXIT_UNREACHABLE,
        `the central API at ${api} cannot be reached; check the URL and the network`,
      ];
    case 'pin_malformed':
      return [EXIT_OTHER, 'the PIN must be 4 to 8 digits'];
    case 'api_url_invalid':
      return [EXIT_OTHER, `--api must be an http:// or https:// URL, not "${printable(api)}"`];
    case 'data_dir_unusable':
      return [EXIT_OTHER, `the data dir ${dataDir} cannot be written (${outcome.code})`];
    case 'rate_limited':
      return [
        EXIT_OTHER,
        `the central API asks to wait before trying again${seconds(outcome.retryAfterMs)}`,
      ];
    case 'server_error':
      return [
        EXIT_OTHER,
        'the central API failed or gave an answer that cannot be used; try again later',
      ];
    case 'rejected':
      return [EXIT_OTHER, `the central API refused the enrollment: ${outcome.message}`];
    case 'not_saved':
      return [
        EXIT_OTHER,
        `enrolled, but the settings could not be written to ${dataDir} (${outcome.code}); ` +
          'the code is used up: fix the data dir and ask for a new code',
      ];
  }
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        api: { type: 'string' },
        code: { type: 'string' },
        pin: { type: 'string' },
        serial: { type: 'string' },
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
  const dataDirArg = values['data-dir'];
  const api = values.api;
  const code = values.code;
  if (!dataDirArg) {
    usageError('--data-dir is required');
  }
  if (!api) {
    usageError('--api is required');
  }
  if (code === undefined) {
    usageError('--code is required');
  }
  const serial = values.serial === undefined ? undefined : parseSerial(values.serial);
  if (serial === null) {
    usageError('--serial must be a device path, auto or none');
  }
  const dataDir = resolve(dataDirArg);

  const outcome = await enrollTerminal({
    dataDir,
    apiUrl: api,
    code,
    pin: values.pin,
    serial,
    appVersion: readAppVersion(),
  });
  if (!outcome.ok) {
    const [exit, line] = failure(outcome, api, dataDir);
    fail(exit, line);
  }
  if (outcome.replacedInvalidSettings) {
    say(`the old settings in ${dataDir} could not be read and were replaced`);
  }
  const url = new URL(api);
  if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    say('warning: the API URL is plain http, so the terminal token travels unencrypted');
  }
  // The ids come from the server: one line on stdout, whatever they hold.
  process.stdout.write(
    `provisioned ${printable(outcome.terminalId)} unit ${printable(outcome.config.unit.id)}\n`,
  );
}

main().catch(failedUnexpectedly('provision'));

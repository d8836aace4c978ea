import { parseArgs } from 'node:util';
import type { BoxProtocol } from './virtual-box-types';

export type CliOptions = { protocol: BoxProtocol; buttons: number; path: string | undefined };

export type ParsedCli =
  { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const usage = `Usage: npm run buttonbox:sim -- [--protocol line|char] [--buttons N] [--path P]

A virtual smiley button box on a pseudo-terminal. Prints "buttonbox ready <path>" on stdout;
start the kiosk with --serial <path>.

  --protocol line|char  line: protocol 1 (HELLO, P/R, PONG, L acks); char: a legacy box that
                        sends one digit per press and ignores everything. Default line.
  --buttons N           1-9 buttons. Default 4.
  --path P              where to put the kiosk-side link (must not exist).
                        Default a fresh path under the temp dir, e.g. /tmp/hymy-box-XXXXXX/tty.
  --help                this text.

Keys: 1-N press a button, u unplug, p plug back in, q or Ctrl-C quit.
With piped stdin, one command per line (e.g. printf '1\\n2\\nu\\np\\n'); end of input quits.
Status lines go to stderr.
`;

export function parseCliArgs(argv: readonly string[]): ParsedCli {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        protocol: { type: 'string' },
        buttons: { type: 'string' },
        path: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) {
    return { kind: 'help' };
  }
  const protocol = values.protocol ?? 'line';
  if (protocol !== 'line' && protocol !== 'char') {
    return { kind: 'error', message: `--protocol is line or char, not "${protocol}"` };
  }
  const buttons = values.buttons ?? '4';
  if (!/^[1-9]$/.test(buttons)) {
    return { kind: 'error', message: `--buttons is a number from 1 to 9, not "${buttons}"` };
  }
  if (values.path === '') {
    return { kind: 'error', message: '--path needs a file path' };
  }
  return { kind: 'run', options: { protocol, buttons: Number(buttons), path: values.path } };
}

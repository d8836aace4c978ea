import { codeCommand, setSurveyCommand, templatesCommand } from './commands';
import { contactCommand } from './contact-command';
import {
  createPrinter,
  EXIT,
  quoted,
  secretsOf,
  type AdminIo,
  type ExitCode,
  type Printer,
} from './output';
import { CODE_USAGE, CONTACT_USAGE, SET_SURVEY_USAGE, TEMPLATES_USAGE, TOOL_USAGE } from './usage';

export type { AdminIo } from './output';
export { EXIT } from './output';

type Command = {
  usage: string;
  run(args: readonly string[], io: AdminIo, printer: Printer): Promise<ExitCode>;
};

const COMMANDS: Readonly<Record<string, Command>> = {
  templates: { usage: TEMPLATES_USAGE, run: templatesCommand },
  code: { usage: CODE_USAGE, run: codeCommand },
  'set-survey': { usage: SET_SURVEY_USAGE, run: setSurveyCommand },
  contact: { usage: CONTACT_USAGE, run: contactCommand },
};

/**
 * `npm run admin -- <command> [flags]`, in-process: writes to `io` and returns the exit status
 * instead of exiting, so tests run it against a real server without a child process.
 */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<ExitCode> {
  const printer = createPrinter(io, secretsOf(argv, io.env));
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h') {
    io.stdout.write(TOOL_USAGE);
    return EXIT.ok;
  }
  if (name === undefined || name.startsWith('-')) {
    printer.say(
      name === undefined
        ? 'a command is required: templates, code, set-survey or contact'
        : 'the command comes first: npm run admin -- templates|code|set-survey|contact [flags]',
    );
    io.stderr.write(TOOL_USAGE);
    return EXIT.refused;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    printer.say(
      `unknown command ${quoted(name)}; the commands are templates, code, set-survey and contact`,
    );
    return EXIT.refused;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io, printer);
  } catch (error) {
    // A bug, not an operator's fault: said in a line, the token blanked like everything else.
    printer.say(
      `admin ${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.other;
  }
}

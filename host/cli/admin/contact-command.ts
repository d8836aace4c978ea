import { z } from 'zod';
import { TerminalPatchBodySchema, type TerminalPatchBody } from '../../../core/central-api';
import { TerminalConfigSchema } from '../../../core/terminal-config';
import { parseWith } from '../../../core/validation';
import { adminCall } from './admin-api';
import {
  adminTarget,
  COMMON_FLAGS,
  parseFlags,
  refused,
  schemaCheck,
  type Parsed,
} from './commands';
import { EXIT, quoted, reportFailure, type AdminIo, type ExitCode, type Printer } from './output';

/** `contact`: contact requests on or off for one terminal or all, one PATCH each. */

const CONTACT_FLAGS = {
  ...COMMON_FLAGS,
  terminal: { type: 'string' },
  all: { type: 'boolean' },
  'public-key': { type: 'string' },
  'reply-within-days': { type: 'string' },
  off: { type: 'boolean' },
} as const;

const TerminalIdsSchema = z.array(z.object({ terminalId: z.string(), revoked: z.boolean() }));

function contactBody(values: {
  'public-key'?: string | undefined;
  'reply-within-days'?: string | undefined;
  off?: boolean | undefined;
}): Parsed<TerminalPatchBody> {
  const days = values['reply-within-days'];
  if (days !== undefined && !/^\d{1,2}$/.test(days)) {
    return {
      ok: false,
      problem: `--reply-within-days must be a whole number of days, not ${quoted(days)}`,
    };
  }
  const body: TerminalPatchBody = {
    contact: {
      enabled: values.off !== true,
      ...(values['public-key'] === undefined ? {} : { publicKey: values['public-key'] }),
      ...(days === undefined ? {} : { replyWithinDays: Number(days) }),
    },
  };
  const checked = schemaCheck(parseWith(TerminalPatchBodySchema, body));
  return checked.ok ? { ok: true, value: body } : checked;
}

export async function contactCommand(
  args: readonly string[],
  io: AdminIo,
  printer: Printer,
): Promise<ExitCode> {
  const flags = parseFlags(args, CONTACT_FLAGS);
  if (!flags.ok) {
    return refused(printer, flags.problem);
  }
  const target = adminTarget(flags.value, io, printer);
  if (!target.ok) {
    return refused(printer, target.problem);
  }
  const one = flags.value.terminal;
  if ((one === undefined || one === '') === (flags.value.all !== true)) {
    return refused(printer, 'give exactly one of --terminal ID and --all');
  }
  const body = contactBody(flags.value);
  if (!body.ok) {
    return refused(printer, body.problem);
  }
  let ids: string[];
  if (one !== undefined && one !== '') {
    ids = [one];
  } else {
    const answer = await adminCall(target.value, 'GET', '/admin/terminals');
    if (!answer.ok) {
      return reportFailure(printer, answer, target.value.api, 'to list the terminals');
    }
    const listed = TerminalIdsSchema.safeParse(answer.body);
    if (!listed.success) {
      printer.say(
        `the central API at ${target.value.api} sent a terminal list that cannot be used`,
      );
      return EXIT.other;
    }
    ids = listed.data.filter((terminal) => !terminal.revoked).map((t) => t.terminalId);
  }
  for (const terminalId of ids) {
    const path = `/admin/terminals/${encodeURIComponent(terminalId)}`;
    const answer = await adminCall(target.value, 'PATCH', path, body.value);
    if (!answer.ok) {
      return reportFailure(
        printer,
        answer,
        target.value.api,
        `to change contact requests of ${terminalId}`,
      );
    }
    const config = parseWith(TerminalConfigSchema, answer.body);
    if (!config.ok || config.value.terminalId !== terminalId) {
      printer.say(
        `the central API at ${target.value.api} answered with a config that cannot be used`,
      );
      return EXIT.other;
    }
    const contact = config.value.contact;
    printer.out(
      contact?.enabled === true
        ? `contact on for ${terminalId} (reply within ${contact.replyWithinDays} days)`
        : `contact off for ${terminalId}`,
    );
  }
  return EXIT.ok;
}

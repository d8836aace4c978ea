import { parseArgs } from 'node:util';
import {
  EnrollmentCodeAnswerSchema,
  EnrollmentCodeBodySchema,
  SurveyTemplateListSchema,
  TerminalPatchBodySchema,
  type EnrollmentCodeBody,
  type TerminalPatchBody,
} from '../../../core/central-api';
import { TEMPLATE_LANGUAGES } from '../../../core/templates';
import { TerminalConfigSchema } from '../../../core/terminal-config';
import { parseWith, type Parsed as SchemaParsed } from '../../../core/validation';
import { ADMIN_TIMEOUT_MS, adminCall, type AdminTarget } from './admin-api';
import {
  aboutFlag,
  EXIT,
  quoted,
  reportFailure,
  type AdminIo,
  type ExitCode,
  type Printer,
} from './output';
import { templateFromFlags, TEMPLATE_FLAGS } from './template-flags';
import { templateListLines } from './template-list';

/** The three commands: flags in, one call, one result line out (or the list of templates). */

type FlagConfig = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;
type Flags<Config extends FlagConfig> = {
  [Flag in keyof Config]?: Config[Flag] extends { multiple: true }
    ? string[]
    : Config[Flag]['type'] extends 'string'
      ? string
      : boolean;
};
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export const COMMON_FLAGS = {
  api: { type: 'string' },
  'admin-token': { type: 'string' },
  help: { type: 'boolean' },
} as const;

export function parseFlags<Config extends FlagConfig>(
  args: readonly string[],
  options: Config,
): Parsed<Flags<Config>> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: false,
    });
    return { ok: true, value: values };
  } catch (error) {
    // parseArgs names the flag; its first line is the sentence, the rest is advice on dashes.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'bad arguments';
    return { ok: false, problem: `${message} (see --help)` };
  }
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** Where the calls go and with which token; checked before any of them is made. */
export function adminTarget(
  values: Flags<typeof COMMON_FLAGS>,
  io: AdminIo,
  printer: Printer,
): Parsed<AdminTarget> {
  const api = values.api;
  if (api === undefined || api === '') {
    return { ok: false, problem: "--api is required: the central API's base URL" };
  }
  let url: URL;
  try {
    url = new URL(api);
  } catch {
    return { ok: false, problem: `--api must be an http:// or https:// URL, not ${quoted(api)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: `--api must be an http:// or https:// URL, not ${quoted(api)}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: '--api must not hold a user name or password' };
  }
  const token = values['admin-token'] || io.env.HYMY_ADMIN_TOKEN || '';
  printer.keepSecret(token);
  if (token === '') {
    return {
      ok: false,
      problem: 'an admin token is required: --admin-token T or HYMY_ADMIN_TOKEN',
    };
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    return { ok: false, problem: 'the admin token may hold only printable ASCII without spaces' };
  }
  if (url.protocol === 'http:' && !LOOPBACK.includes(url.hostname)) {
    printer.say('warning: --api is plain http, so the admin token travels unencrypted');
  }
  return { ok: true, value: { api, token, timeoutMs: io.timeoutMs ?? ADMIN_TIMEOUT_MS } };
}

export function refused(printer: Printer, problem: string): ExitCode {
  printer.say(problem);
  return EXIT.refused;
}

/** A body this tool made, checked with the schema the server checks it with. */
export function schemaCheck<T>(result: SchemaParsed<T>): Parsed<T> {
  return result.ok ? result : { ok: false, problem: aboutFlag(result.field, result.message) };
}

const TEMPLATES_FLAGS = { ...COMMON_FLAGS, language: { type: 'string' } } as const;

export async function templatesCommand(
  args: readonly string[],
  io: AdminIo,
  printer: Printer,
): Promise<ExitCode> {
  const flags = parseFlags(args, TEMPLATES_FLAGS);
  if (!flags.ok) {
    return refused(printer, flags.problem);
  }
  const language = TEMPLATE_LANGUAGES.find((code) => code === (flags.value.language ?? 'en'));
  if (language === undefined) {
    return refused(
      printer,
      `--language must be fi, sv or en, not ${quoted(flags.value.language ?? '')}`,
    );
  }
  const target = adminTarget(flags.value, io, printer);
  if (!target.ok) {
    return refused(printer, target.problem);
  }
  const answer = await adminCall(target.value, 'GET', '/admin/survey-templates');
  if (!answer.ok) {
    return reportFailure(printer, answer, target.value.api, 'to list the templates');
  }
  const list = parseWith(SurveyTemplateListSchema, answer.body);
  if (!list.ok) {
    printer.say(
      `the central API at ${target.value.api} sent a template list that cannot be used ` +
        `(${list.field}: ${list.message})`,
    );
    return EXIT.other;
  }
  for (const line of templateListLines(list.value, language)) {
    printer.out(line);
  }
  return EXIT.ok;
}

const CODE_FLAGS = {
  ...COMMON_FLAGS,
  ...TEMPLATE_FLAGS,
  unit: { type: 'string' },
  'unit-name-fi': { type: 'string' },
  'unit-name-sv': { type: 'string' },
  'unit-name-en': { type: 'string' },
  languages: { type: 'string' },
  'default-language': { type: 'string' },
  'ttl-hours': { type: 'string' },
} as const;

function codeBody(values: Flags<typeof CODE_FLAGS>): Parsed<EnrollmentCodeBody> {
  if (values.unit === undefined) {
    return { ok: false, problem: "--unit is required: the unit's id" };
  }
  if (values['unit-name-fi'] === undefined) {
    return { ok: false, problem: "--unit-name-fi is required: the unit's name in Finnish" };
  }
  const template = templateFromFlags(values);
  if (!template.ok) {
    return template;
  }
  let ttlHours: number | undefined;
  if (values['ttl-hours'] !== undefined) {
    if (!/^\d{1,6}(\.\d{1,6})?$/.test(values['ttl-hours'])) {
      return {
        ok: false,
        problem: `--ttl-hours must be a number of hours, not ${quoted(values['ttl-hours'])}`,
      };
    }
    ttlHours = Number(values['ttl-hours']);
  }
  const name: Record<string, string> = { fi: values['unit-name-fi'] };
  for (const language of ['sv', 'en'] as const) {
    const given = values[`unit-name-${language}`];
    if (given !== undefined) {
      name[language] = given;
    }
  }
  const languages = values.languages?.split(',').map((code) => code.trim());
  const body = {
    unit: { id: values.unit, name },
    surveyTemplate: template.template,
    ...(languages === undefined ? {} : { languages }),
    ...(values['default-language'] === undefined
      ? {}
      : { defaultLanguage: values['default-language'] }),
    ...(ttlHours === undefined ? {} : { ttlHours }),
  };
  const checked = schemaCheck(parseWith(EnrollmentCodeBodySchema, body));
  // What was sent is the body as made: parsing would fill in the schema's defaults.
  return checked.ok ? { ok: true, value: body } : checked;
}

export async function codeCommand(
  args: readonly string[],
  io: AdminIo,
  printer: Printer,
): Promise<ExitCode> {
  const flags = parseFlags(args, CODE_FLAGS);
  if (!flags.ok) {
    return refused(printer, flags.problem);
  }
  const target = adminTarget(flags.value, io, printer);
  if (!target.ok) {
    return refused(printer, target.problem);
  }
  const body = codeBody(flags.value);
  if (!body.ok) {
    return refused(printer, body.problem);
  }
  const answer = await adminCall(target.value, 'POST', '/admin/enrollment-codes', body.value);
  if (!answer.ok) {
    return reportFailure(printer, answer, target.value.api, 'to make the enrollment code');
  }
  const made = EnrollmentCodeAnswerSchema.safeParse(answer.body);
  if (!made.success) {
    printer.say(`the central API at ${target.value.api} answered with no usable code`);
    return EXIT.other;
  }
  printer.out(`code ${made.data.code} expires ${made.data.expiresAt}`);
  return EXIT.ok;
}

const SET_SURVEY_FLAGS = {
  ...COMMON_FLAGS,
  ...TEMPLATE_FLAGS,
  terminal: { type: 'string' },
} as const;

export async function setSurveyCommand(
  args: readonly string[],
  io: AdminIo,
  printer: Printer,
): Promise<ExitCode> {
  const flags = parseFlags(args, SET_SURVEY_FLAGS);
  if (!flags.ok) {
    return refused(printer, flags.problem);
  }
  const target = adminTarget(flags.value, io, printer);
  if (!target.ok) {
    return refused(printer, target.problem);
  }
  const terminalId = flags.value.terminal;
  if (terminalId === undefined || terminalId === '') {
    return refused(printer, "--terminal is required: the terminal's id");
  }
  const template = templateFromFlags(flags.value);
  if (!template.ok) {
    return refused(printer, template.problem);
  }
  const body: TerminalPatchBody = { surveyTemplate: template.template };
  const checked = schemaCheck(parseWith(TerminalPatchBodySchema, body));
  if (!checked.ok) {
    return refused(printer, checked.problem);
  }
  const path = `/admin/terminals/${encodeURIComponent(terminalId)}`;
  const answer = await adminCall(target.value, 'PATCH', path, body);
  if (!answer.ok) {
    return reportFailure(printer, answer, target.value.api, "to change the terminal's survey");
  }
  const config = parseWith(TerminalConfigSchema, answer.body);
  if (!config.ok || config.value.terminalId !== terminalId) {
    printer.say(
      `the central API at ${target.value.api} answered with a config that cannot be used` +
        (config.ok ? ' (another terminal’s)' : ` (${config.field}: ${config.message})`),
    );
    return EXIT.other;
  }
  const { survey } = config.value;
  printer.out(`survey ${survey.id} version ${survey.version} for ${config.value.terminalId}`);
  return EXIT.ok;
}

import type { AdminOutcome } from './admin-api';

/**
 * What the admin tool prints, and the exit status that goes with it. Every line passes through
 * one printer that flattens control characters (a server's words cannot move the cursor) and
 * blanks the admin token: it is never printed, whoever echoes it.
 */

export const EXIT = { ok: 0, other: 1, refused: 2, unreachable: 3, unauthorized: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type AdminIo = {
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** How long one call may take (default 10 s). */
  timeoutMs?: number;
};

export type Printer = {
  /** One result line on stdout. */
  out(line: string): void;
  /** Plain words for the person at the console, on stderr. */
  say(line: string): void;
  /** A secret learnt late (the token of a flag) is blanked from then on. */
  keepSecret(secret: string): void;
};

const MAX_LINE_CHARS = 2000;
/** Shorter "tokens" would blank ordinary words; the server refuses them anyway. */
const MIN_SECRET_CHARS = 4;

export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trimEnd();
  return flat.length > MAX_LINE_CHARS ? `${flat.slice(0, MAX_LINE_CHARS - 1)}…` : flat;
}

export function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

export function createPrinter(io: AdminIo, secrets: readonly string[]): Printer {
  const kept = new Set(secrets.filter((secret) => secret.length >= MIN_SECRET_CHARS));
  const blank = (text: string): string =>
    [...kept].reduce((line, secret) => line.replaceAll(secret, '[admin token]'), text);
  const clean = (line: string): string => blank(printable(blank(line)));
  return {
    out: (line) => io.stdout.write(`${clean(line)}\n`),
    say: (line) => io.stderr.write(`hymy: ${clean(line)}\n`),
    keepSecret: (secret) => {
      if (secret.length >= MIN_SECRET_CHARS) {
        kept.add(secret);
      }
    },
  };
}

/** The tokens this run may hold before its flags are parsed: blanked from the first line on. */
export function secretsOf(argv: readonly string[], env: AdminIo['env']): string[] {
  const secrets: string[] = [];
  argv.forEach((arg, index) => {
    if (arg === '--admin-token') {
      secrets.push(argv[index + 1] ?? '');
    } else if (arg.startsWith('--admin-token=')) {
      secrets.push(arg.slice('--admin-token='.length));
    }
  });
  return [...secrets, env.HYMY_ADMIN_TOKEN ?? ''];
}

/** A field of an admin body, as the flag that set it. */
const FIELD_FLAGS: readonly (readonly [RegExp, string])[] = [
  [/^unit\.id\b/, '--unit'],
  [/^unit\.name\.(fi|sv|en)\b/, '--unit-name-$1'],
  [/^unit\b/, '--unit-name-fi'],
  [/^languages\b/, '--languages'],
  [/^defaultLanguage\b/, '--default-language'],
  [/^ttlHours\b/, '--ttl-hours'],
  [/^surveyTemplate\.version\b/, '--template-version'],
  [/^surveyTemplate\.options\.(scale|statements|questions)\b/, '--$1'],
  [/^surveyTemplate\.options\.followUp\b/, '--no-follow-up'],
  [/^surveyTemplate\.options\.cannotSay\b/, '--no-cannot-say'],
  [/^surveyTemplate\.options\.askRespondent\b/, '--ask-respondent'],
  [/^surveyTemplate\.options\.comment\b/, '--comment'],
  [/^surveyTemplate\.options\.childMode\b/, '--child-mode'],
  [/^surveyTemplate\b/, '--template'],
  // A question asked on another scale under the same version: a new version is the way out.
  [/^survey\.questions\.\d+\.scale\b/, '--template-version'],
];

export function flagOfField(field: string): string | undefined {
  for (const [pattern, flag] of FIELD_FLAGS) {
    const match = pattern.exec(field);
    if (match) {
      return flag.replace('$1', match[1] ?? '');
    }
  }
  return undefined;
}

/** `field: message` (how the server and parseWith name a problem) with the flag in front. */
export function aboutFlag(field: string, message: string): string {
  const flag = flagOfField(field);
  return flag === undefined ? `${field}: ${message}` : `${flag}: ${message} [${field}]`;
}

/** An admin call that went wrong, said in a line or two; the exit status that goes with it. */
export function reportFailure(
  printer: Printer,
  outcome: Exclude<AdminOutcome, { ok: true }>,
  api: string,
  what: string,
): ExitCode {
  switch (outcome.reason) {
    case 'unreachable':
      printer.say(
        `the central API at ${api} cannot be reached (${outcome.detail}); check --api and the network`,
      );
      return EXIT.unreachable;
    case 'unauthorized':
      printer.say(
        `the central API at ${api} refused the admin token (HTTP ${outcome.status}); ` +
          'check --admin-token or HYMY_ADMIN_TOKEN',
      );
      return EXIT.unauthorized;
    case 'refused': {
      printer.say(`the central API refused ${what} (${outcome.code}, HTTP ${outcome.status})`);
      const named = /^([A-Za-z0-9_.]+): (.+)$/s.exec(outcome.message);
      printer.say(
        named?.[1] !== undefined && named[2] !== undefined
          ? aboutFlag(named[1], named[2])
          : outcome.code === 'terminal_unknown'
            ? `--terminal: ${outcome.message}`
            : outcome.message,
      );
      return EXIT.refused;
    }
    case 'failed':
      printer.say(`the central API at ${api} did not do it: ${outcome.detail}`);
      return EXIT.other;
  }
}

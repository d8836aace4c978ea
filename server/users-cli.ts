import { resolve } from 'node:path';
import type { ReadStream } from 'node:tty';
import { parseArgs } from 'node:util';
import {
  MIN_PASSWORD_LENGTH,
  RoleSchema,
  SessionRequestSchema,
  type Role,
} from '../core/accounts-api';
import { UnitSchema } from '../core/terminal-config';
import { failedUnexpectedly, say } from '../node/cli';
import { hashPassword } from './accounts/password';
import { chosenDatabaseUrl, databaseUrlProblem, openExistingDatabase } from './cli-database';
import type { Database } from './database';
import { createStores } from './store';
import { COMMAND_LINE_ACTOR, normalEmail, type AccountRecord } from './store/accounts';

const USAGE = `Usage: npm run users -- add --data-dir DIR [--database URL] --email E --role county|unit
                              [--unit ID]…
       npm run users -- list --data-dir DIR [--database URL]
       npm run users -- remove --data-dir DIR [--database URL] --email E

People's accounts of the central server (central-reports.md, Accounts, sessions and roles).

"add" reads the password from standard input, one line of at least ${MIN_PASSWORD_LENGTH} characters (at a
terminal it asks, without echo), keeps only a slow hash of it and prints "user <email> <role>".
"list" prints "<email> <role> <units>" for each account, * for a county account's units.
"remove" ends the account and its sessions and prints "removed <email>".
Each change is written to the audit log.

  --data-dir DIR   where central.sqlite lives (the server makes it on its first start; required)
  --database URL   postgres://USER@HOST:PORT/DB: the accounts are in PostgreSQL instead; else
                   HYMY_DATABASE_URL. Keep a password out of the URL: PGPASSWORD or ~/.pgpass
  --email E        the account's e-mail address (compared without case)
  --role R         county (every unit, and the enrollment codes, terminals, surveys and accounts)
                   or unit (only the units given with --unit)
  --unit ID        a unit a unit account may see; repeat it for more
  --help           show this text

Exit status: 0 done; 2 refused (bad arguments, a short password, a unit account without --unit,
an e-mail already in use, no such account, no database in DIR); 1 anything else.

Example: printf '%s\\n' "$PASSWORD" | npm run users -- add --data-dir /var/lib/hymy \\
           --email maija.meikalainen@hyvinvointialue.fi --role unit --unit khks-lapset
`;

const COMMANDS = ['add', 'list', 'remove'] as const;
type Command = (typeof COMMANDS)[number];

/** What POST /v1/session reads: an account it could never sign in is refused here already. */
const LOGIN = SessionRequestSchema.shape;
/** Unit ids as the server takes them (an enrollment code's unit), so any unit can be given. */
const UNIT_ID = UnitSchema.shape.id;
/** One `@` with something on either side, no spaces: the shape of an address, not a proof. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/** Input the command refuses (exit 2); anything else thrown is a failure (exit 1). */
class Refusal extends Error {}

function usageError(problem: string): never {
  say(problem);
  process.stderr.write(USAGE);
  process.exit(2);
}

type Request =
  | { command: 'add'; email: string; role: Role; units: string[] }
  | { command: 'list' }
  | { command: 'remove'; email: string };

type Parsed = { dataDir: string; databaseUrl: string | undefined; request: Request };

/** The arguments, checked before the database is opened or a password asked for. */
function parseArguments(args: string[]): Parsed {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        'data-dir': { type: 'string' },
        database: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    usageError(error instanceof Error ? error.message : 'bad arguments');
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const command = positionals.join(' ');
  if (!isCommand(command)) {
    usageError(
      command === ''
        ? 'a command is required: add, list or remove'
        : `unknown command "${command}" (the commands are add, list and remove)`,
    );
  }
  const dataDir = values['data-dir'];
  if (dataDir === undefined || dataDir === '') {
    usageError('--data-dir is required');
  }
  const databaseUrl = chosenDatabaseUrl(values.database);
  const urlProblem = databaseUrlProblem(databaseUrl);
  if (urlProblem !== undefined) {
    usageError(urlProblem);
  }
  const units = values.unit ?? [];
  const flagsOf: Record<Command, string[]> = {
    add: ['email', 'role', 'unit'],
    list: [],
    remove: ['email'],
  };
  for (const flag of ['email', 'role', 'unit'] as const) {
    if (values[flag] !== undefined && !flagsOf[command].includes(flag)) {
      usageError(`${command} takes no --${flag}`);
    }
  }
  const request: Request =
    command === 'list'
      ? { command }
      : command === 'remove'
        ? { command, email: checkedEmail(values.email) }
        : {
            command,
            email: checkedEmail(values.email),
            ...checkedRole(values.role, units),
          };
  return { dataDir: resolve(dataDir), databaseUrl, request };
}

function isCommand(text: string): text is Command {
  return (COMMANDS as readonly string[]).includes(text);
}

/** `--email`, normalised as the login normalises it, or a usage error. */
function checkedEmail(given: string | undefined): string {
  if (given === undefined || given.trim() === '') {
    usageError('--email is required');
  }
  const email = normalEmail(given);
  if (!EMAIL_SHAPE.test(email)) {
    refuse(`--email must be an e-mail address, not "${given}"`);
  }
  if (!LOGIN.email.safeParse(email).success) {
    refuse(`--email must be at most ${LOGIN.email.maxLength} characters`);
  }
  return email;
}

/**
 * `--role` and its `--unit`s: a unit account needs at least one unit; a county account sees
 * every unit, so units given with it would be a misunderstanding, not a restriction.
 */
function checkedRole(given: string | undefined, units: string[]): { role: Role; units: string[] } {
  if (given === undefined) {
    usageError('--role is required (county or unit)');
  }
  const role = RoleSchema.safeParse(given);
  if (!role.success) {
    refuse(`--role must be county or unit, not "${given}"`);
  }
  if (role.data === 'county' && units.length > 0) {
    refuse('a county account sees every unit: leave out --unit');
  }
  if (role.data === 'unit' && units.length === 0) {
    refuse('a unit account needs at least one --unit');
  }
  for (const unit of units) {
    if (!UNIT_ID.safeParse(unit).success) {
      refuse(`--unit must be ${UNIT_ID.minLength}–${UNIT_ID.maxLength} characters, not "${unit}"`);
    }
  }
  return { role: role.data, units: [...new Set(units)] };
}

/** Refused input before anything is open: said plainly, exit 2 (no usage: the flag was right). */
function refuse(problem: string): never {
  say(problem);
  process.exit(2);
}

/**
 * One line of standard input, without its line end: the password never appears in the
 * arguments (which other users of the machine can read in the process list) or in the output.
 */
async function readPassword(email: string): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) {
    process.stderr.write(`password for ${email}: `);
    return readHiddenLine(input);
  }
  return readFirstLine(input);
}

/** Reads up to the first newline (or the end) and stops reading there. */
function readFirstLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolvePassword, reject) => {
    const chunks: Buffer[] = [];
    const finish = (): void => {
      input.off('data', onData);
      input.off('end', finish);
      input.off('error', reject);
      // Nothing more is read: the process may end though the writer's end stays open.
      input.destroy();
      // Decoded once at the end, so a character split between chunks stays whole.
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\n');
      resolvePassword((end >= 0 ? text.slice(0, end) : text).replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      if (chunk.includes(0x0a)) {
        finish();
      }
    };
    input.on('data', onData);
    input.once('end', finish);
    input.once('error', reject);
  });
}

/**
 * A line typed at a terminal, not echoed: raw mode hands over each key, so Enter, Backspace,
 * Ctrl-D and Ctrl-C are this function's to handle; other control characters are dropped.
 */
function readHiddenLine(input: ReadStream): Promise<string> {
  return new Promise((resolvePassword) => {
    let line = '';
    const finish = (): void => {
      input.off('data', onKeys);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      resolvePassword(line);
    };
    const onKeys = (keys: string): void => {
      for (const key of keys) {
        if (key === '\r' || key === '\n' || key === '\u0004') {
          finish();
          return;
        }
        if (key === '\u0003') {
          // Raw mode turned Ctrl-C into a key: end as Ctrl-C would have.
          input.setRawMode(false);
          process.stderr.write('\n');
          process.kill(process.pid, 'SIGINT');
          return;
        }
        if (key === '\u007f' || key === '\b') {
          line = [...line].slice(0, -1).join('');
        } else if (key >= ' ') {
          line += key;
        }
      }
    };
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.on('data', onKeys);
    input.resume();
  });
}

/** The password's problem, or undefined. Counted in characters, not UTF-16 units or bytes. */
function passwordProblem(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `the password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (!LOGIN.password.safeParse(password).success) {
    return `the password must be at most ${LOGIN.password.maxLength} characters`;
  }
  return undefined;
}

async function add(
  database: Database,
  request: Extract<Request, { command: 'add' }>,
): Promise<void> {
  const { email, role, units } = request;
  // Asked before the password, so nobody types one for nothing; add() checks again below.
  if ((await createStores(database.db).accounts.byEmail(email)) !== undefined) {
    throw new Refusal('an account with this e-mail already exists');
  }
  const password = await readPassword(email);
  const problem = passwordProblem(password);
  if (problem !== undefined) {
    throw new Refusal(problem);
  }
  // Hashed before the transaction: SQLite's write lock is not held through scrypt's work.
  const passwordHash = await hashPassword(password);
  const at = new Date().toISOString();
  const added = await database.db.transaction().execute(async (trx) => {
    const stores = createStores(trx);
    if (!(await stores.accounts.add({ email, role, units, passwordHash, createdAt: at }))) {
      return false;
    }
    await stores.audit.add({
      at,
      actor: COMMAND_LINE_ACTOR,
      action: 'account_added',
      target: email,
      detail: { role, units },
    });
    return true;
  });
  if (!added) {
    throw new Refusal('an account with this e-mail already exists');
  }
  process.stdout.write(`user ${email} ${role}\n`);
}

/** `<email> <role> <units>`: * for a county account; - for a unit account left without units. */
function listLine(account: AccountRecord): string {
  const units =
    account.role === 'county' ? '*' : account.units.length > 0 ? account.units.join(',') : '-';
  return `${account.email} ${account.role} ${units}\n`;
}

async function list(database: Database): Promise<void> {
  const accounts = await createStores(database.db).accounts.list();
  process.stdout.write(accounts.map(listLine).join(''));
}

async function remove(database: Database, email: string): Promise<void> {
  const removed = await database.db.transaction().execute(async (trx) => {
    const stores = createStores(trx);
    if (!(await stores.accounts.remove(email))) {
      return false;
    }
    await stores.audit.add({
      at: new Date().toISOString(),
      actor: COMMAND_LINE_ACTOR,
      action: 'account_removed',
      target: email,
    });
    return true;
  });
  if (!removed) {
    throw new Refusal(`there is no account ${email}`);
  }
  process.stdout.write(`removed ${email}\n`);
}

async function run(database: Database, request: Request): Promise<void> {
  switch (request.command) {
    case 'add':
      return add(database, request);
    case 'list':
      return list(database);
    case 'remove':
      return remove(database, request.email);
  }
}

async function main(): Promise<void> {
  const { dataDir, databaseUrl, request } = parseArguments(process.argv.slice(2));
  const database = await openExistingDatabase(dataDir, databaseUrl);
  try {
    await run(database, request);
  } catch (error) {
    if (!(error instanceof Refusal)) {
      throw error;
    }
    say(error.message);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
}

main().catch(failedUnexpectedly('users'));

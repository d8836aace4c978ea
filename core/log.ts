/**
 * The structured log of the host and the server: one JSON object a line, written where the
 * caller says (both write to stderr, because stdout carries the operator contract lines).
 *
 * Fields are flat primitives on purpose: no request bodies, no answers, no headers, no
 * free-form objects, so nothing a patient typed or tapped, and no token, slips into a log.
 * Pure: the writer, the level and the clock come from the caller (host/log.ts, server/log.ts).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = { [field: string]: LogValue };

export type Logger = {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (e.g. `{ room: 'browser-host' }`). */
  with(fields: LogFields): Logger;
};

export type JsonLoggerOptions = {
  /** Where a finished line goes. */
  write: (line: string) => void;
  /** Lines below this level are dropped. */
  level: LogLevel;
  now?: () => Date;
};

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function isLogLevel(value: string | undefined): value is LogLevel {
  return value !== undefined && Object.hasOwn(LEVEL_RANK, value);
}

export function createJsonLogger(options: JsonLoggerOptions, base: LogFields = {}): Logger {
  const { write, level } = options;
  const now = options.now ?? (() => new Date());

  const emit = (lineLevel: LogLevel, event: string, fields: LogFields = {}): void => {
    if (LEVEL_RANK[lineLevel] < LEVEL_RANK[level]) {
      return;
    }
    // ts, level and event go first (JSON keeps insertion order), and the later spread of the
    // fixed keys means a field of the same name can never overwrite them.
    const head = { ts: now().toISOString(), level: lineLevel, event };
    write(`${JSON.stringify(Object.assign({}, head, base, fields, head))}\n`);
  };

  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    with: (fields) => createJsonLogger({ write, level, now }, { ...base, ...fields }),
  };
}

/** A stable code for a caught error: its errno/SQLite-style code, or its name. Never a message. */
export function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : error.name;
  }
  return 'non_error_thrown';
}

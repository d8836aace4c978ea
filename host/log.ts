/**
 * The host's structured log: one JSON object a line on stderr, because stdout carries the
 * operator contract lines (`kiosk ready <url>`) that scripts read.
 *
 * Fields are flat primitives on purpose: no request bodies, no responses, no free-form objects,
 * so nothing a patient typed or tapped can slip into a log by accident.
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

export type LoggerOptions = {
  /** Where a finished line goes; stderr by default. Tests pass an array's push. */
  write?: (line: string) => void;
  /** Lines below this level are dropped; `HYMY_LOG_LEVEL` or `info` by default. */
  level?: LogLevel;
  now?: () => Date;
};

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function isLogLevel(value: string | undefined): value is LogLevel {
  return value !== undefined && Object.hasOwn(LEVEL_RANK, value);
}

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const envLevel = process.env['HYMY_LOG_LEVEL'];
  const level = options.level ?? (isLogLevel(envLevel) ? envLevel : 'info');
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
    with: (fields) => createLogger({ write, level, now }, { ...base, ...fields }),
  };
}

/** A stable code for a caught error, for the log: the errno-style code, or the error's name. */
export function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : error.name;
  }
  return 'non_error_thrown';
}

/** A logger that drops everything, for callers that do not care (and for quiet tests). */
export const silentLogger: Logger = createLogger({ write: () => undefined });

/**
 * The server's structured log: one JSON object a line on stderr (stdout carries the operator
 * contract line `central api ready <url>`). The same shape as the host's logger, so a host that
 * embeds the server can pass its own; the server may not import host/ (DESIGN.md's arrows).
 *
 * Fields are flat primitives on purpose: no request bodies, no answers, no headers, so nothing
 * a patient typed and no token can slip into a log by accident.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = { [field: string]: LogValue };

export type Logger = {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  with(fields: LogFields): Logger;
};

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function isLogLevel(value: string | undefined): value is LogLevel {
  return value !== undefined && Object.hasOwn(LEVEL_RANK, value);
}

export function createLogger(
  options: { write?: (line: string) => void; level?: LogLevel } = {},
  base: LogFields = {},
): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const envLevel = process.env['HYMY_LOG_LEVEL'];
  const level = options.level ?? (isLogLevel(envLevel) ? envLevel : 'info');
  const emit = (lineLevel: LogLevel, event: string, fields: LogFields = {}): void => {
    if (LEVEL_RANK[lineLevel] < LEVEL_RANK[level]) {
      return;
    }
    // The fixed keys go first and last: a field of the same name cannot overwrite them.
    const head = { ts: new Date().toISOString(), level: lineLevel, event };
    write(`${JSON.stringify(Object.assign({}, head, base, fields, head))}\n`);
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    with: (fields) => createLogger({ write, level }, { ...base, ...fields }),
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

export const silentLogger: Logger = createLogger({ write: () => undefined });

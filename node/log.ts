import {
  createJsonLogger,
  isLogLevel,
  type LogFields,
  type Logger,
  type LogLevel,
} from '../core/log';

/**
 * The log of every Node process of ours (the host and the server alike): core/log.ts's JSON
 * lines, on stderr by default, at `HYMY_LOG_LEVEL` or `info`. One writer, so a host that embeds
 * the server can hand it its own logger and the lines keep one shape.
 */

export { errorCode } from '../core/log';
export type { LogFields, Logger, LogLevel, LogValue } from '../core/log';

export type LoggerOptions = {
  /** Where a finished line goes; stderr by default. Tests pass an array's push. */
  write?: (line: string) => void;
  /** Lines below this level are dropped; `HYMY_LOG_LEVEL` or `info` by default. */
  level?: LogLevel;
  now?: () => Date;
};

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const envLevel = process.env['HYMY_LOG_LEVEL'];
  return createJsonLogger(
    {
      write: options.write ?? ((line: string) => process.stderr.write(line)),
      level: options.level ?? (isLogLevel(envLevel) ? envLevel : 'info'),
      ...(options.now ? { now: options.now } : {}),
    },
    base,
  );
}

/** A logger that drops everything, for callers that do not care (and for quiet tests). */
export const silentLogger: Logger = createLogger({ write: () => undefined });

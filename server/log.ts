import {
  createJsonLogger,
  isLogLevel,
  type LogFields,
  type Logger,
  type LogLevel,
} from '../core/log';

/**
 * The server's log: core/log.ts's JSON lines (the same shape as the host's, so a host that
 * embeds the server can pass its own), on stderr by default, at `HYMY_LOG_LEVEL` or `info`.
 */

export { errorCode } from '../core/log';
export type { LogFields, Logger, LogLevel, LogValue } from '../core/log';

export function createLogger(
  options: { write?: (line: string) => void; level?: LogLevel } = {},
  base: LogFields = {},
): Logger {
  const envLevel = process.env['HYMY_LOG_LEVEL'];
  return createJsonLogger(
    {
      write: options.write ?? ((line: string) => process.stderr.write(line)),
      level: options.level ?? (isLogLevel(envLevel) ? envLevel : 'info'),
    },
    base,
  );
}

export const silentLogger: Logger = createLogger({ write: () => undefined });

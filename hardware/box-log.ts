/** The structured logger the host hands in (host/log.ts fits it); hardware/ imports no host code. */
export type BoxLogger = {
  info(event: string, fields?: Record<string, string | number | boolean | null>): void;
  warn(event: string, fields?: Record<string, string | number | boolean | null>): void;
};

/** The reference central API (central-api.md): what hosts, tests and the benchmark start. */
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  startCentralServer,
  type CentralServer,
  type CentralServerOptions,
} from './central-server';
export { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimits } from './rate-limits';
export { createLogger, silentLogger, type Logger } from './log';
export { buildOpenApiDocument } from './openapi';

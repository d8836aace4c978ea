import type { FastifyInstance } from 'fastify';

/** Body limits: 512 KiB for a batch of answers (central-api.md), far less for the rest. */
export const BODY_LIMITS = {
  /** Enrollment and heartbeat bodies are a few hundred bytes. */
  terminal: 16 * 1024,
  /** A config with a long multilingual survey stays well under this. */
  admin: 256 * 1024,
} as const;

/** One shared budget per kind of call (see rate-limits.ts). */
type Limiter = ReturnType<FastifyInstance['rateLimit']>;
export type Limiters = {
  enroll: Limiter;
  terminal: Limiter;
  admin: Limiter;
  login: Limiter;
  public: Limiter;
};

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiError } from '../core/central-api';
import { parseWith } from '../core/validation';
import { errorCode, type Logger } from './log';

/**
 * Every error answer is `{"error": {"code", "message"}}` (central-api.md): never a stack trace,
 * never fastify's own error shape. Expected faults travel as `Failure` values; hooks, which can
 * only stop a request by throwing, throw an `ApiFailure` (as `parsedBody` does for a route).
 */

export type Failure = {
  status: number;
  code: string;
  message: string;
  /** Sent as `Retry-After` (seconds): when the fault is the server's and should pass. */
  retryAfterS?: number;
};

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function fail(
  status: number,
  code: string,
  message: string,
): { ok: false; failure: Failure } {
  return { ok: false, failure: { status, code, message } };
}

export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function errorBody(code: string, message: string): ApiError {
  return { error: { code, message } };
}

export function sendFailure(reply: FastifyReply, failure: Failure): FastifyReply {
  if (failure.retryAfterS !== undefined) {
    reply.header('retry-after', String(failure.retryAfterS));
  }
  return reply.code(failure.status).send(errorBody(failure.code, failure.message));
}

/** 400 `invalid_body` or `invalid_query`, naming the first field that is wrong. */
export function invalidInput(
  kind: 'body' | 'query',
  field: string,
  message: string,
): { ok: false; failure: Failure } {
  return fail(400, `invalid_${kind}`, `${field}: ${message}`);
}

/**
 * A route's JSON body read by `schema`, or a thrown 400 `invalid_body` naming the first field
 * that is wrong (the error handler answers it in the API's shape).
 */
export function parsedBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = parseWith(schema, body);
  if (!parsed.ok) {
    throw new ApiFailure(400, 'invalid_body', `${parsed.field}: ${parsed.message}`);
  }
  return parsed.value;
}

const GENERIC: Record<number, string> = {
  400: 'the request is malformed',
  404: 'no such resource',
  405: 'method not allowed',
  406: 'not acceptable',
  408: 'the request took too long',
  413: 'the body is too large',
  414: 'the URL is too long',
  415: 'the body must be JSON (content-type: application/json)',
  431: 'the headers are too large',
};

type FrameworkError = Error & { statusCode?: unknown; code?: unknown };

/**
 * A full disk or a failing one can clear (space freed, a volume remounted), a PostgreSQL that
 * went away comes back, and the terminal keeps what it sent until it hears `accepted`: so the
 * answer is "later" (503), not a 500. Nothing of the request was committed: `accepted` is only
 * ever sent after the batch's transaction has.
 */
const STORAGE_RETRY_AFTER_S = 60;

/** PostgreSQL's SQLSTATEs for "not now": the server going down, no connection, no room, a lost race. */
const POSTGRES_PASSING = [
  /^57P0[123]$/, // admin_shutdown, crash_shutdown, cannot_connect_now
  /^08/, // connection exceptions
  /^53/, // insufficient resources: disk full, out of memory, too many connections
  /^40001$|^40P01$/, // serialization failure, deadlock: the same request succeeds when retried
];

/** What node-postgres throws without a code when the connection is gone. */
const POSTGRES_GONE =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/;

function isStorageFault(code: string, message: string): boolean {
  return (
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_BUSY' ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_WORKER_EXITED' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(code) ||
    POSTGRES_PASSING.some((pattern) => pattern.test(code)) ||
    (code === '' && POSTGRES_GONE.test(message))
  );
}

/** What fastify, its parsers and plugins throw, as the failure a client gets. */
export function failureFromError(error: unknown, request: FastifyRequest): Failure {
  if (error instanceof ApiFailure) {
    return { status: error.status, code: error.code, message: error.message };
  }
  const framework = error as FrameworkError;
  const code = typeof framework?.code === 'string' ? framework.code : '';
  const status = typeof framework?.statusCode === 'number' ? framework.statusCode : 500;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      code: 'body_too_large',
      message: `a body of this call may be at most ${request.routeOptions.bodyLimit ?? '?'} bytes`,
    };
  }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { status: 400, code: 'invalid_json', message: 'the body is not valid JSON' };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, code: 'unsupported_media_type', message: GENERIC[415]! };
  }
  const message = error instanceof Error ? error.message : '';
  if (isStorageFault(code, message)) {
    return {
      status: 503,
      code: 'storage_unavailable',
      message: 'the server cannot store anything right now; try again later',
      retryAfterS: STORAGE_RETRY_AFTER_S,
    };
  }
  if (status >= 400 && status < 500) {
    return { status, code: 'bad_request', message: GENERIC[status] ?? GENERIC[400]! };
  }
  return { status: 500, code: 'internal_error', message: 'the server failed; it has logged why' };
}

export function errorHandler(logger: Logger) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const failure = failureFromError(error, request);
    if (failure.status >= 500) {
      // The error's code only: a message could quote what a client sent.
      logger.error('request_failed', {
        method: request.method,
        route: request.routeOptions.url ?? null,
        error: errorCode(error),
      });
    }
    return sendFailure(reply, failure);
  };
}

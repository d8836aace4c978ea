import type { Socket } from 'node:net';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { API_PREFIX } from '../core/central-api';
import type { ServerContext } from './context';
import { registerDashboardFiles } from './dashboard-files';
import { ApiFailure, errorBody, errorHandler, failureFromError, sendFailure } from './errors';
import { buildOpenApiDocument } from './openapi';
import { rateLimitOptions, type RateLimits } from './rate-limits';
import { registerAccountRoutes } from './routes/accounts';
import { registerAlertRoutes } from './routes/alerts';
import { registerAdminRoutes } from './routes/admin';
import { registerExportRoutes } from './routes/exports';
import { registerFeedbackRoutes } from './routes/feedback';
import { registerNoteRoutes } from './routes/notes';
import { registerPublicRoutes } from './routes/public';
import { registerPublicPageRoutes } from './routes/public-page';
import { registerUnitPdfRoutes } from './routes/unit-pdfs';
import { registerReportRoutes } from './routes/reports';
import { registerSessionRoutes } from './routes/session';
import { registerOidcRoutes, type OidcRoutes } from './routes/oidc';
import { BODY_LIMITS, type Limiters } from './routes/limits';
import { registerTerminalRoutes } from './routes/terminal';

export type AppOptions = {
  rateLimits: RateLimits;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** True once the server is shutting down: new requests get 503 while the last ones finish. */
  isClosing: () => boolean;
  /** Login through the county's OpenID Connect provider; none when left out. */
  oidc?: OidcRoutes | undefined;
};

/** A malformed HTTP request never reaches fastify's handlers: answer it in our shape too. */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  const [status, text, code] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'request_timeout']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'headers_too_large']
        : [400, 'Bad Request', 'bad_request'];
  const body = JSON.stringify(errorBody(code, 'the request is not valid HTTP'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The central API as a fastify instance, not yet listening (tests may `inject` into it). */
export async function buildApp(ctx: ServerContext, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMITS.terminal,
    trustProxy: options.trustProxy ?? false,
    // Our own 503 (below) instead of fastify's, which has another shape.
    return503OnClosing: false,
    clientErrorHandler,
    frameworkErrors: (error, request, reply) => {
      sendFailure(reply, failureFromError(error, request));
    },
  });
  const { logger } = ctx;

  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    'application/merge-patch+json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  app.setErrorHandler(errorHandler(logger));
  app.setNotFoundHandler((request, reply) =>
    sendFailure(reply, {
      status: 404,
      code: 'not_found',
      message: `no ${request.method} endpoint at this path`,
    }),
  );

  app.addHook('onRequest', async (_request, reply) => {
    if (options.isClosing()) {
      reply.header('connection', 'close').header('retry-after', '5');
      throw new ApiFailure(503, 'shutting_down', 'the server is shutting down; try again soon');
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (options.isClosing()) {
      // A request that came in before the close ends its keep-alive connection, or the close
      // would wait for the client to hang up.
      reply.header('connection', 'close');
    }
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
  // One line per request: the route's pattern, never the body, the query or any header.
  app.addHook('onResponse', async (request, reply) => {
    logger.info('http_request', {
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    });
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiFailure(429, 'rate_limited', `too many requests; retry in ${context.after}`),
  });
  const isTerminalToken = async (hash: string) =>
    (await ctx.stores.terminals.byTokenHash(hash)) !== undefined;
  const limit = (kind: keyof RateLimits) =>
    app.rateLimit(rateLimitOptions(options.rateLimits, kind, isTerminalToken));
  const limiters: Limiters = {
    enroll: limit('enroll'),
    terminal: limit('terminal'),
    admin: limit('admin'),
    login: limit('login'),
    public: limit('public'),
  };

  registerTerminalRoutes(app, ctx, limiters);
  registerAdminRoutes(app, ctx, limiters);
  registerReportRoutes(app, ctx, limiters);
  registerFeedbackRoutes(app, ctx, limiters);
  registerSessionRoutes(app, ctx, limiters);
  registerOidcRoutes(app, ctx, limiters, options.oidc);
  registerAccountRoutes(app, ctx, limiters);
  registerAlertRoutes(app, ctx, limiters);
  registerNoteRoutes(app, ctx, limiters);
  registerPublicRoutes(app, ctx, limiters);
  registerPublicPageRoutes(app, ctx, limiters);
  registerUnitPdfRoutes(app, ctx, limiters);
  registerExportRoutes(app, ctx, limiters);
  // The county's dashboard at `/` (its built files); everything under /v1/ stays the API's.
  await registerDashboardFiles(app);
  const openApi = buildOpenApiDocument();
  app.get(`${API_PREFIX}/openapi.json`, async (_request, reply) => reply.send(openApi));
  return app;
}

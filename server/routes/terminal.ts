import type { FastifyInstance } from 'fastify';
import { API_PREFIX, HeartbeatSchema, MAX_BATCH_BYTES } from '../../core/central-api';

import { terminalAuth, terminalOf } from '../auth';
import { storedConfig } from '../config-record';
import type { ServerContext } from '../context';
import { enroll } from '../enrollment';
import { etagMatches } from '../etag';
import { sendFailure, parsedBody } from '../errors';
import { ingestBatch } from '../ingest';
import { BODY_LIMITS, type Limiters } from './limits';

/** The terminal's side of central-api.md. */
export function registerTerminalRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  app.post(
    `${API_PREFIX}/enroll`,
    { bodyLimit: BODY_LIMITS.terminal, onRequest: limiters.enroll },
    async (request, reply) => {
      const outcome = await enroll(ctx, request.body);
      return outcome.ok ? reply.code(201).send(outcome.value) : sendFailure(reply, outcome.failure);
    },
  );

  const auth = terminalAuth(ctx);

  app.get(
    `${API_PREFIX}/terminal/config`,
    { onRequest: limiters.terminal, preParsing: auth },
    async (request, reply) => {
      const terminal = terminalOf(request);
      reply.header('etag', terminal.configEtag).header('cache-control', 'no-cache');
      if (etagMatches(request.headers['if-none-match'], terminal.configEtag)) {
        return reply.code(304).send();
      }
      return reply.send(storedConfig(terminal.configJson));
    },
  );

  app.post(
    `${API_PREFIX}/terminal/responses`,
    { bodyLimit: MAX_BATCH_BYTES, onRequest: limiters.terminal, preParsing: auth },
    async (request, reply) => {
      const outcome = await ingestBatch(ctx, terminalOf(request), request.body);
      return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
    },
  );

  app.post(
    `${API_PREFIX}/terminal/heartbeat`,
    { bodyLimit: BODY_LIMITS.terminal, onRequest: limiters.terminal, preParsing: auth },
    async (request, reply) => {
      const beat = parsedBody(HeartbeatSchema, request.body);
      await ctx.stores.terminals.heartbeat(terminalOf(request).id, ctx.now().toISOString(), beat);
      return reply.code(204).send();
    },
  );
}

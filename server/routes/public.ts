import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { sendFailure } from '../errors';
import { publicResults } from '../public/public-results';
import type { Limiters } from './limits';

/**
 * `GET /public/v1/units/{unitId}` (central-reports.md, "Public results"): no account, a
 * published unit's figures with small numbers suppressed; `404` for any other unit, published
 * or not being no secret worth keeping apart from unknown. Cacheable for five minutes by
 * anyone: it changes when a week ends, or when a terminal that was offline catches up.
 */
export function registerPublicRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  app.get<{ Params: { unitId: string } }>(
    '/public/v1/units/:unitId',
    { onRequest: [limiters.public] },
    async (request, reply) => {
      const outcome = await publicResults(ctx, request.params.unitId, request.query);
      if (!outcome.ok) {
        return sendFailure(reply, outcome.failure);
      }
      return reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .send(outcome.value);
    },
  );
}

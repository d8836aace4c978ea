import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../core/central-api';
import { AlertAcknowledgeSchema, AlertQuerySchema } from '../../core/feedback-api';
import { parseWith } from '../../core/validation';
import { createAlertStore } from '../alerts/alert-store';
import type { ServerContext } from '../context';
import { ApiFailure, invalidInput, parsedBody, sendFailure } from '../errors';
import { actorOf, audit, personAuth, personOf, requireUnit, visibleUnits } from '../people';
import { createOutbox } from '../mail/outbox';
import { createAuditStore } from '../store/accounts';
import { BODY_LIMITS, type Limiters } from './limits';

/**
 * Alerts (central-reports.md, "Alerts") for a signed-in account or the admin token: a `unit`
 * account sees and acknowledges its own units' only. And the e-mail's status, for the
 * dashboard's warning when mail does not get through.
 */
export function registerAlertRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const guarded = { onRequest: [limiters.admin, personAuth(ctx)] };
  const alerts = createAlertStore(ctx.database.db);

  app.get(`${API_PREFIX}/alerts`, guarded, async (request, reply) => {
    const query = parseWith(AlertQuerySchema, request.query);
    if (!query.ok) {
      return sendFailure(reply, invalidInput('query', query.field, query.message).failure);
    }
    const person = personOf(request);
    if (query.value.unitId !== undefined) {
      requireUnit(person, query.value.unitId);
    }
    return reply.send(await alerts.list(query.value, visibleUnits(person)));
  });

  app.post<{ Params: { id: string } }>(
    `${API_PREFIX}/alerts/:id/acknowledge`,
    { ...guarded, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const person = personOf(request);
      const { comment } = parsedBody(AlertAcknowledgeSchema, request.body);
      const alert = await alerts.byId(request.params.id);
      if (alert === undefined) {
        throw new ApiFailure(404, 'alert_unknown', 'there is no alert with this id');
      }
      requireUnit(person, alert.unitId);
      // The change and its audit entry commit together.
      const acknowledged = await ctx.database.db.transaction().execute(async (trx) => {
        const done = await createAlertStore(trx).acknowledge(
          alert.id,
          actorOf(person),
          ctx.now().toISOString(),
          comment,
        );
        if (done) {
          const stores = { audit: createAuditStore(trx) };
          await audit(ctx, person, 'alert.acknowledge', alert.id, { unitId: alert.unitId }, stores);
        }
        return done;
      });
      if (!acknowledged) {
        throw new ApiFailure(409, 'alert_acknowledged', 'this alert has been acknowledged already');
      }
      return reply.send(await alerts.byId(alert.id));
    },
  );

  app.get(`${API_PREFIX}/mail/status`, guarded, async (_request, reply) =>
    reply.send(
      ctx.mailStatus === undefined
        ? await createOutbox(ctx.database.db).status(false)
        : await ctx.mailStatus(),
    ),
  );
}

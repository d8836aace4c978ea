import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../core/central-api';

import type { ServerContext } from '../context';
import { sendFailure } from '../errors';
import { personAuth, personOf, requireUnit, visibleUnits } from '../people';
import { questionsReport } from '../reports/questions-report';
import { unitReport } from '../reports/unit-report';
import { unitsReport, unitsTrend } from '../reports/units-report';
import type { Limiters } from './limits';

/**
 * The reports of central-reports.md, for a signed-in account or the admin token (which acts as
 * a `county` account): a `unit` account sees its own units only.
 */
export function registerReportRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const guarded = { onRequest: [limiters.admin, personAuth(ctx)] };

  app.get(`${API_PREFIX}/reports/units`, guarded, async (request, reply) => {
    const person = personOf(request);
    const outcome = await unitsReport(ctx, request.query, visibleUnits(person));
    return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
  });

  // Ours: every visible unit's last weeks, for the units page's sparklines.
  app.get(`${API_PREFIX}/reports/trend`, guarded, async (request, reply) => {
    const outcome = await unitsTrend(ctx, request.query, visibleUnits(personOf(request)));
    return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
  });

  app.get<{ Params: { unitId: string } }>(
    `${API_PREFIX}/reports/units/:unitId`,
    guarded,
    async (request, reply) => {
      requireUnit(personOf(request), request.params.unitId);
      const outcome = await unitReport(ctx, request.params.unitId, request.query);
      return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
    },
  );

  app.get<{ Params: { unitId: string } }>(
    `${API_PREFIX}/reports/units/:unitId/questions`,
    guarded,
    async (request, reply) => {
      requireUnit(personOf(request), request.params.unitId);
      const outcome = await questionsReport(ctx, request.params.unitId, request.query);
      return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
    },
  );
}

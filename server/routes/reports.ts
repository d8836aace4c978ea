import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../core/central-api';
import { adminAuth } from '../auth';
import type { ServerContext } from '../context';
import { sendFailure } from '../errors';
import { questionsReport } from '../reports/questions-report';
import { unitReport } from '../reports/unit-report';
import { unitsReport } from '../reports/units-report';
import type { Limiters } from './limits';

/**
 * The reports of central-reports.md. Until accounts and sessions exist (the dashboard's issue),
 * the admin token opens them, acting as a `county` account, as the contract allows.
 */
export function registerReportRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const guarded = { onRequest: limiters.admin, preParsing: adminAuth(ctx) };

  app.get(`${API_PREFIX}/reports/units`, guarded, async (request, reply) => {
    const outcome = await unitsReport(ctx, request.query);
    return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
  });

  app.get<{ Params: { unitId: string } }>(
    `${API_PREFIX}/reports/units/:unitId`,
    guarded,
    async (request, reply) => {
      const outcome = await unitReport(ctx, request.params.unitId, request.query);
      return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
    },
  );

  app.get<{ Params: { unitId: string } }>(
    `${API_PREFIX}/reports/units/:unitId/questions`,
    guarded,
    async (request, reply) => {
      const outcome = await questionsReport(ctx, request.params.unitId, request.query);
      return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
    },
  );
}

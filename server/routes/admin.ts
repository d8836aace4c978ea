import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../core/central-api';
import { adminAuth } from '../auth';
import type { ServerContext } from '../context';
import { csvExport, parseCsvQuery } from '../csv';
import { createEnrollmentCode } from '../enrollment';
import { sendFailure } from '../errors';
import { summarySelection } from '../summary';
import {
  resolveEnrollmentCodeBody,
  resolveTerminalPatchBody,
  surveyTemplateList,
} from '../survey-templates';
import { patchTerminal } from '../terminal-admin';
import { BODY_LIMITS, type Limiters } from './limits';

/** A unit id as a file name: anything but letters, digits, `_ . -` becomes `_`. */
function csvFileName(unitId: string): string {
  return `hymy-responses-${unitId.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv`;
}

/** The admin's side of central-api.md, all behind the admin token. */
export function registerAdminRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const guarded = { onRequest: limiters.admin, preParsing: adminAuth(ctx) };

  app.post(
    `${API_PREFIX}/admin/enrollment-codes`,
    { ...guarded, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const body = resolveEnrollmentCodeBody(request.body);
      if (!body.ok) {
        return sendFailure(reply, body.failure);
      }
      const outcome = await createEnrollmentCode(ctx, body.value);
      return outcome.ok ? reply.code(201).send(outcome.value) : sendFailure(reply, outcome.failure);
    },
  );

  app.get(`${API_PREFIX}/admin/terminals`, guarded, async (_request, reply) =>
    reply.send(await ctx.stores.terminals.list()),
  );

  app.patch<{ Params: { terminalId: string } }>(
    `${API_PREFIX}/admin/terminals/:terminalId`,
    { ...guarded, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const body = resolveTerminalPatchBody(request.body);
      if (!body.ok) {
        return sendFailure(reply, body.failure);
      }
      const outcome = await patchTerminal(ctx, request.params.terminalId, body.value);
      return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
    },
  );

  // Our extension (issue 7): the built-in templates an admin tool can offer.
  app.get(`${API_PREFIX}/admin/survey-templates`, guarded, async (_request, reply) =>
    reply.send(surveyTemplateList()),
  );

  app.get(`${API_PREFIX}/admin/summary`, guarded, async (request, reply) => {
    const outcome = await summarySelection(ctx, request.query);
    return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
  });

  app.get(`${API_PREFIX}/admin/responses.csv`, guarded, async (request, reply) => {
    const query = parseCsvQuery(request.query);
    if (!query.ok) {
      return sendFailure(reply, query.failure);
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header('content-disposition', `attachment; filename="${csvFileName(query.value.unitId)}"`)
      .send(Readable.from(csvExport(ctx, query.value)));
  });
}

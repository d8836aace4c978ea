import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../core/central-api';
import { UnitPatchSchema } from '../../core/accounts-api';

import type { ServerContext } from '../context';
import { csvExport, parseCsvQuery } from '../csv';
import { createEnrollmentCode } from '../enrollment';
import { ApiFailure, sendFailure, parsedBody } from '../errors';
import { audit, personAuth, personOf, requireUnit, visibleUnits } from '../people';
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

/**
 * The admin's side of central-api.md, behind the admin token or, as central-reports.md extends
 * it, a county account's session; the summary and the CSV also for a unit account, of its own
 * units. Every change is written to the audit log.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const guarded = { onRequest: [limiters.admin, personAuth(ctx, { county: true })] };
  const anyone = { onRequest: [limiters.admin, personAuth(ctx)] };

  app.post(
    `${API_PREFIX}/admin/enrollment-codes`,
    { ...guarded, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const body = resolveEnrollmentCodeBody(request.body);
      if (!body.ok) {
        return sendFailure(reply, body.failure);
      }
      const outcome = await createEnrollmentCode(ctx, body.value);
      if (!outcome.ok) {
        return sendFailure(reply, outcome.failure);
      }
      // The body was checked whole by createEnrollmentCode: its unit's id is a string.
      const unitId = (body.value as { unit: { id: string } }).unit.id;
      await audit(ctx, personOf(request), 'enrollment_code_made', unitId, {
        expiresAt: outcome.value.expiresAt,
      });
      return reply.code(201).send(outcome.value);
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
      if (!outcome.ok) {
        return sendFailure(reply, outcome.failure);
      }
      await audit(ctx, personOf(request), 'terminal_changed', request.params.terminalId, {
        fields: Object.keys(body.value as object),
      });
      return reply.send(outcome.value);
    },
  );

  // Our extension (issue 7): the built-in templates an admin tool can offer.
  app.get(`${API_PREFIX}/admin/survey-templates`, guarded, async (_request, reply) =>
    reply.send(surveyTemplateList()),
  );

  // Ours (central-reports.md, Reports): a unit's target, set by a county account.
  app.patch<{ Params: { unitId: string } }>(
    `${API_PREFIX}/admin/units/:unitId`,
    { ...guarded, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const patch = parsedBody(UnitPatchSchema, request.body);
      const { unitId } = request.params;
      const unit = await ctx.stores.units.byId(unitId);
      if (unit === undefined) {
        throw new ApiFailure(404, 'unit_unknown', `there is no unit ${unitId}`);
      }
      if (patch.target !== undefined) {
        await ctx.stores.units.setTarget(unitId, patch.target);
        await audit(ctx, personOf(request), 'unit_target_set', unitId, {
          target: patch.target,
        });
      }
      if (patch.public !== undefined && patch.public !== unit.public) {
        await ctx.stores.units.setPublic(unitId, patch.public);
        await audit(
          ctx,
          personOf(request),
          patch.public ? 'unit_published' : 'unit_withdrawn',
          unitId,
        );
      }
      const updated = (await ctx.stores.units.byId(unitId))!;
      return reply.send({
        unitId: updated.id,
        name: updated.name,
        timeZone: updated.timeZone,
        target: updated.target,
        public: updated.public,
      });
    },
  );

  app.get(`${API_PREFIX}/admin/summary`, anyone, async (request, reply) => {
    const unitId = (request.query as { unitId?: unknown } | undefined)?.unitId;
    const person = personOf(request);
    if (visibleUnits(person) !== undefined) {
      if (typeof unitId !== 'string') {
        throw new ApiFailure(403, 'forbidden', 'a unit account asks for one of its units (unitId)');
      }
      requireUnit(person, unitId);
    }
    const outcome = await summarySelection(ctx, request.query);
    return outcome.ok ? reply.send(outcome.value) : sendFailure(reply, outcome.failure);
  });

  app.get(`${API_PREFIX}/admin/responses.csv`, anyone, async (request, reply) => {
    const query = parseCsvQuery(request.query);
    if (!query.ok) {
      return sendFailure(reply, query.failure);
    }
    requireUnit(personOf(request), query.value.unitId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header('content-disposition', `attachment; filename="${csvFileName(query.value.unitId)}"`)
      .send(Readable.from(csvExport(ctx, query.value)));
  });
}

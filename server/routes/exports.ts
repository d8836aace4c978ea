import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../../core/central-api';
import type { ServerContext } from '../context';
import { sendFailure } from '../errors';
import { nationalFileName, parseNationalQuery } from '../exports/national-range';
import { CSV_FORMAT, jsonFormat, nationalExportStream } from '../exports/national-stream';
import { audit, personAuth, personOf } from '../people';
import type { Limiters } from './limits';

/**
 * The national export of central-reports.md (docs/national-export.md), for a county account or
 * the admin token only: every unit's counts per local month, question, value and respondent, as
 * CSV or as its JSON twin. Each export is written to the audit log with its range.
 */
export function registerExportRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const county = { onRequest: [limiters.admin, personAuth(ctx, { county: true })] };

  const exportAs =
    (kind: 'csv' | 'json') =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const range = parseNationalQuery(request.query, ctx.now());
      if (!range.ok) {
        return sendFailure(reply, range.failure);
      }
      const { from, to } = range.value;
      await audit(ctx, personOf(request), 'national_export', null, { from, to, format: kind });
      const stream = nationalExportStream(
        ctx.database,
        range.value,
        kind === 'csv' ? CSV_FORMAT : jsonFormat(range.value),
      );
      if (kind === 'csv') {
        reply
          .header('content-type', 'text/csv; charset=utf-8; header=present')
          .header(
            'content-disposition',
            `attachment; filename="${nationalFileName(range.value, 'csv')}"`,
          );
      } else {
        reply.header('content-type', 'application/json; charset=utf-8');
      }
      return reply.send(stream);
    };

  app.get(`${API_PREFIX}/exports/national.csv`, county, exportAs('csv'));
  app.get(`${API_PREFIX}/exports/national.json`, county, exportAs('json'));
}

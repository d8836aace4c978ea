import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_PREFIX } from '../../core/central-api';
import type { ServerContext } from '../context';
import { sendFailure } from '../errors';
import { fileNamePart } from '../pdf/html';
import type { PdfLayout } from '../pdf/pdf-layout';
import { reportLanguage } from '../pdf/report-words';
import { audit, ownOrigin, personAuth, personOf, requireUnit, type Person } from '../people';
import { parseQuery } from '../query';
import { monthReportData } from '../reports/month-report-data';
import {
  MONTH_REPORT_MARGIN,
  monthReportFooter,
  monthReportHtml,
} from '../reports/month-report-html';
import { MonthReportQuerySchema } from '../reports/month-report-query';
import { posterData } from '../reports/poster-data';
import { posterHtml } from '../reports/poster-html';
import type { Limiters } from './limits';

/**
 * The unit's PDFs (central-reports.md, "Reports"), for the accounts that see the unit:
 * `poster.pdf`, one A4 sheet for its wall with the public page's suppression, and `month.pdf`,
 * the month's report for its managers (comments' text only with `comments=true`, and then the
 * reading is audit-logged). Drawn by the server's one Chromium (server/pdf/).
 */
export function registerUnitPdfRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const guarded = { onRequest: [limiters.admin, personAuth(ctx)] };

  const sendPdf = async (
    reply: FastifyReply,
    html: string,
    layout: PdfLayout,
    filename: string,
  ): Promise<FastifyReply> => {
    const made = await ctx.pdf.render(html, layout);
    if (!made.ok) {
      return sendFailure(reply, made.failure);
    }
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${filename}"`)
      .send(made.value);
  };

  app.get<{ Params: { unitId: string } }>(
    `${API_PREFIX}/reports/units/:unitId/poster.pdf`,
    guarded,
    async (request, reply) => {
      const { unitId } = request.params;
      requireUnit(personOf(request), unitId);
      const data = await posterData(ctx, unitId, request.query);
      if (!data.ok) {
        return sendFailure(reply, data.failure);
      }
      const html = posterHtml(data.value, { origin: ownOrigin(request) });
      return sendPdf(
        reply,
        html,
        { firstPageOnly: true },
        `hymy-poster-${fileNamePart(unitId)}-${data.value.month}.pdf`,
      );
    },
  );

  app.get<{ Params: { unitId: string } }>(
    `${API_PREFIX}/reports/units/:unitId/month.pdf`,
    guarded,
    async (request, reply) => {
      const { unitId } = request.params;
      const person = personOf(request);
      requireUnit(person, unitId);
      const query = parseQuery(MonthReportQuerySchema, request.query);
      if (!query.ok) {
        return sendFailure(reply, query.failure);
      }
      const comments = query.value.comments === 'true';
      const data = await monthReportData(ctx, unitId, { month: query.value.month, comments });
      if (!data.ok) {
        return sendFailure(reply, data.failure);
      }
      if (comments) {
        await audit(ctx, person, 'month_report_comments', unitId, { month: data.value.month });
      }
      const lang = query.value.lang ?? reportLanguage(await languageOf(ctx, person));
      return sendPdf(
        reply,
        monthReportHtml(data.value, lang),
        { margin: MONTH_REPORT_MARGIN, footer: monthReportFooter(data.value, lang) },
        `hymy-month-${fileNamePart(unitId)}-${data.value.month}.pdf`,
      );
    },
  );
}

/** The account's language; the admin token has none (Finnish, the county's first). */
async function languageOf(ctx: ServerContext, person: Person): Promise<string | undefined> {
  return person.kind === 'account'
    ? (await ctx.stores.accounts.byEmail(person.email))?.language
    : undefined;
}

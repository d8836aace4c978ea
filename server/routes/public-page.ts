import type { FastifyInstance, FastifyReply } from 'fastify';
import { PublicPageQuerySchema } from '../../core/public-api';
import type { ServerContext } from '../context';
import type { Failure } from '../errors';
import { etagMatches, strongEtag } from '../etag';
import { publicPageLanguage, type PublicLanguage } from '../public/language';
import { renderErrorPage, renderPublicPage, type ErrorPageKind } from '../public/page';
import { PAGE_CSS_HASH } from '../public/page-style';
import { publicResults } from '../public/public-results';
import { parseQuery } from '../query';
import type { Limiters } from './limits';

/**
 * `GET /public/units/{unitId}` (central-reports.md, "Public results"): the public results as a
 * page for citizens, in the language of `?lang=`, else of `Accept-Language`, else Finnish.
 * Nothing on it runs or loads: the CSP allows only its own inline style, by hash. Cacheable
 * for five minutes like the JSON; the ETag is the body's hash, so a revisit within the same
 * week costs a 304.
 */

const CSP = [
  "default-src 'none'",
  `style-src ${PAGE_CSS_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What every answer of the page carries, the 304 included. */
function pageHeaders(reply: FastifyReply, language: PublicLanguage): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', language)
    .header('vary', 'Accept-Language')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
}

function errorKind(failure: Failure): ErrorPageKind {
  return failure.status === 404 ? 'notFound' : failure.status === 400 ? 'badQuery' : 'unavailable';
}

export function registerPublicPageRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  app.get<{ Params: { unitId: string }; Querystring: Record<string, unknown> }>(
    '/public/units/:unitId',
    { onRequest: [limiters.public] },
    async (request, reply) => {
      const { unitId } = request.params;
      const asked = request.query['lang'];
      const language = publicPageLanguage(
        typeof asked === 'string' ? asked : undefined,
        request.headers['accept-language'],
      );
      const failed = (failure: Failure) => {
        if (failure.retryAfterS !== undefined) {
          reply.header('retry-after', String(failure.retryAfterS));
        }
        return pageHeaders(reply, language)
          .code(failure.status)
          .header('cache-control', 'no-store')
          .send(renderErrorPage(errorKind(failure), language, unitId));
      };
      const query = parseQuery(PublicPageQuerySchema, request.query);
      if (!query.ok) {
        return failed(query.failure);
      }
      const { from, to } = query.value;
      const period = {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      };
      const outcome = await publicResults(ctx, unitId, period);
      if (!outcome.ok) {
        return failed(outcome.failure);
      }
      const body = renderPublicPage(outcome.value, language, period);
      // 128 bits of the body's SHA-256.
      const etag = strongEtag(body, 22);
      pageHeaders(reply, language)
        .header('cache-control', 'public, max-age=300')
        .header('etag', etag);
      if (etagMatches(request.headers['if-none-match'], etag)) {
        return reply.code(304).send();
      }
      return reply.send(body);
    },
  );
}

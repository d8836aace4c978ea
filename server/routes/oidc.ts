import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LoginMethods } from '../../core/accounts-api';
import { API_PREFIX } from '../../core/central-api';
import { OIDC_CALLBACK_PATH, type OidcLogin } from '../accounts/oidc';
import { ATTEMPT_TTL_MS } from '../accounts/oidc-attempts';
import {
  PAGE_HEADERS,
  REFUSAL_STATUS,
  pageLanguage,
  refusalPage,
  type RefusalKind,
} from '../accounts/oidc-page';
import type { ServerContext } from '../context';
import { ApiFailure } from '../errors';
import { audit, ownOrigin } from '../people';
import { normalEmail } from '../store/accounts';
import type { Limiters } from './limits';
import { openSession } from './session';

/** Holds the state of this browser's login attempt between the start and the callback. */
export const OIDC_ATTEMPT_COOKIE = 'hymy_oidc';
const ATTEMPT_PATH = `${API_PREFIX}/session/oidc`;
/** Whose name the audit log gives a refused login that proved no account's e-mail. */
export const OIDC_ACTOR = 'oidc';

/** The provider's login, and the public origin for its redirect URI (else the request's). */
export type OidcRoutes = { login: OidcLogin; redirectBase: string | undefined };

/**
 * Lax, not Strict like the session: the provider sends the browser back by a top-level
 * cross-site GET, which a Strict cookie would not come with. It goes only to the login's own
 * paths and lives as long as the attempt.
 */
function attemptCookieOptions(request: FastifyRequest) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: ATTEMPT_PATH,
    secure: request.protocol === 'https',
    maxAge: ATTEMPT_TTL_MS / 1000,
  };
}

function notConfigured(): ApiFailure {
  return new ApiFailure(
    404,
    'oidc_not_configured',
    'this server has no OpenID Connect provider (--oidc-issuer); sign in with a password',
  );
}

/**
 * `GET /v1/session/methods`, `GET /v1/session/oidc` (to the provider) and
 * `GET /v1/session/oidc/callback` (back from it) of central-reports.md. A browser walks the
 * last two, so a refusal there is a page in the person's language, not JSON.
 */
export function registerOidcRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
  oidc: OidcRoutes | undefined,
): void {
  const refuse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    kind: RefusalKind,
    reason: string,
    actor: string,
  ): Promise<FastifyReply> => {
    await audit(ctx, actor, 'login_refused', null, { method: 'oidc', reason });
    const language = pageLanguage(request.headers['accept-language']);
    return reply
      .code(REFUSAL_STATUS[kind])
      .headers({ ...PAGE_HEADERS, 'content-language': language, vary: 'accept-language' })
      .send(refusalPage(kind, language));
  };

  app.get(
    `${API_PREFIX}/session/methods`,
    { onRequest: limiters.admin },
    async (_request, reply) => {
      const methods: LoginMethods = { password: true, oidc: oidc !== undefined };
      return reply.send(methods);
    },
  );

  app.get(ATTEMPT_PATH, { onRequest: limiters.admin }, async (request, reply) => {
    if (oidc === undefined) {
      throw notConfigured();
    }
    const base = oidc.redirectBase ?? ownOrigin(request);
    const begun = await oidc.login.begin(`${base}${OIDC_CALLBACK_PATH}`, ctx.now().getTime());
    if (!begun.ok) {
      return refuse(request, reply, begun.kind, begun.reason, OIDC_ACTOR);
    }
    return reply
      .setCookie(OIDC_ATTEMPT_COOKIE, begun.state, attemptCookieOptions(request))
      .header('referrer-policy', 'no-referrer')
      .redirect(begun.url.href, 302);
  });

  app.get(OIDC_CALLBACK_PATH, { onRequest: limiters.admin }, async (request, reply) => {
    if (oidc === undefined) {
      throw notConfigured();
    }
    // The attempt ends here whatever happens: a second visit to this URL starts nothing.
    reply.clearCookie(OIDC_ATTEMPT_COOKIE, attemptCookieOptions(request));
    const query = new URL(request.url, 'http://callback').searchParams;
    const outcome = await oidc.login.finish(
      request.cookies[OIDC_ATTEMPT_COOKIE],
      query,
      ctx.now().getTime(),
    );
    if (!outcome.ok) {
      return refuse(request, reply, outcome.kind, outcome.reason, OIDC_ACTOR);
    }
    const account = await ctx.stores.accounts.byEmail(outcome.email);
    if (account === undefined) {
      return refuse(request, reply, 'no_account', 'no_account', normalEmail(outcome.email));
    }
    await openSession(ctx, request, reply, account.email, 'oidc');
    // The dashboard is served at `/`; the callback's URL, with its code, is not a Referer.
    return reply.header('referrer-policy', 'no-referrer').redirect('/', 302);
  });
}

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, SessionRequestSchema, type Me } from '../../core/accounts-api';
import { API_PREFIX } from '../../core/central-api';

import { verifyNothing, verifyPassword } from '../accounts/password';
import type { ServerContext } from '../context';
import { ApiFailure, parsedBody } from '../errors';
import { audit, personAuth, personOf, SESSION_IDLE_MS, SESSION_MAX_MS } from '../people';
import type { Stores } from '../store';
import { normalEmail } from '../store/accounts';
import { tokenHash } from '../token';
import { BODY_LIMITS, type Limiters } from './limits';

/** More than this many failed logins for one e-mail within LOCKOUT_WINDOW_MS → 429. */
export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

function cookieOptions(request: FastifyRequest) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    secure: request.protocol === 'https',
  };
}

/** How a person proved who they are; named in the audit log's `login` entry. */
export type LoginMethod = 'password' | 'oidc';

/**
 * Opens a session for `email`, whose account exists and who has just proved who they are: a
 * random token in the `hymy_session` cookie, only its hash stored, and a `login` entry in the
 * audit log, in one transaction. `alsoInTransaction` commits with it (the password login clears
 * the e-mail's failures). Every login, whatever its method, ends here.
 */
export async function openSession(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  email: string,
  method: LoginMethod,
  alsoInTransaction?: (stores: Stores) => Promise<void>,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const nowMs = now.getTime();
  await ctx.transaction(async (stores) => {
    await alsoInTransaction?.(stores);
    await stores.sessions.removeExpired(nowMs - SESSION_MAX_MS, nowMs - SESSION_IDLE_MS);
    await stores.sessions.insert(tokenHash(token), email, nowMs);
    await audit(ctx, email, 'login', null, { method }, stores);
  });
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
}

/** `POST /v1/session`, `DELETE /v1/session` and `GET /v1/me` of central-reports.md. */
export function registerSessionRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  app.post(
    `${API_PREFIX}/session`,
    { onRequest: limiters.login, bodyLimit: BODY_LIMITS.terminal },
    async (request, reply) => {
      const body = parsedBody(SessionRequestSchema, request.body);
      const email = normalEmail(body.email);
      const now = ctx.now();
      const nowMs = now.getTime();
      const since = nowMs - LOCKOUT_WINDOW_MS;
      if ((await ctx.stores.loginFailures.countSince(email, since)) >= LOCKOUT_FAILURES) {
        reply.header('retry-after', String(Math.ceil(LOCKOUT_WINDOW_MS / 1000)));
        throw new ApiFailure(
          429,
          'too_many_attempts',
          'too many failed logins for this e-mail; try again in 15 minutes',
        );
      }
      const account = await ctx.stores.accounts.byEmail(email);
      const passwordHash = account?.passwordHash ?? null;
      const good =
        passwordHash === null
          ? await verifyNothing(body.password)
          : await verifyPassword(body.password, passwordHash);
      if (!good || account === undefined) {
        await ctx.transaction(async (stores) => {
          await stores.loginFailures.clear(email, since);
          await stores.loginFailures.add(email, nowMs);
          await audit(ctx, email, 'login_failed', null, undefined, stores);
        });
        throw new ApiFailure(401, 'bad_credentials', 'the e-mail or the password is wrong');
      }
      await openSession(ctx, request, reply, account.email, 'password', (stores) =>
        stores.loginFailures.clear(email),
      );
      return reply.code(204).send();
    },
  );

  app.delete(
    `${API_PREFIX}/session`,
    { onRequest: [limiters.admin, personAuth(ctx)] },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const person = personOf(request);
      if (person.kind === 'account') {
        await ctx.stores.sessions.remove(person.tokenHash);
        await audit(ctx, person, 'logout', null);
      }
      return reply.clearCookie(SESSION_COOKIE, cookieOptions(request)).code(204).send();
    },
  );

  app.get(
    `${API_PREFIX}/me`,
    { onRequest: [limiters.admin, personAuth(ctx)] },
    async (request, reply) => {
      const person = personOf(request);
      const units =
        person.role === 'county'
          ? (await ctx.stores.units.list()).map((unit) => unit.id)
          : [...(person.kind === 'account' ? person.units : [])];
      const me: Me = { email: person.email, role: person.role, units };
      return reply.send(me);
    },
  );
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type Role } from '../core/accounts-api';
import { bearerToken } from './auth';
import type { ServerContext } from './context';
import { ApiFailure } from './errors';
import type { Stores } from './store';
import { ADMIN_TOKEN_ACTOR, type AuditEntry } from './store/accounts';
import { tokenHash, tokenMatches } from './token';

/**
 * Who is asking, on the people's endpoints of central-reports.md: a signed-in account (the
 * `hymy_session` cookie) or the admin token of central-api.md, which acts as a `county` account.
 * Sessions end 8 hours after they began or 30 minutes after their last request. A request
 * authenticated by cookie that changes something must come from the server's own origin.
 */

export const SESSION_MAX_MS = 8 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A session's last request is written at most this often (each request would be a write). */
const TOUCH_EVERY_MS = 60 * 1000;

export type Person =
  | { kind: 'admin'; role: 'county'; email: null }
  | { kind: 'account'; role: Role; email: string; units: readonly string[]; tokenHash: string };

/** Who the audit log names for `person`. */
export function actorOf(person: Person): string {
  return person.kind === 'admin' ? ADMIN_TOKEN_ACTOR : person.email;
}

const people = new WeakMap<FastifyRequest, Person>();

/** The person a request was authenticated as (only on routes behind `personAuth`). */
export function personOf(request: FastifyRequest): Person {
  const person = people.get(request);
  if (person === undefined) {
    throw new Error('personOf() on a route without personAuth');
  }
  return person;
}

/** The units `person` may see: a `unit` account's list, or undefined for every unit. */
export function visibleUnits(person: Person): readonly string[] | undefined {
  return person.kind === 'account' && person.role === 'unit' ? person.units : undefined;
}

/** Whether `person` may see `unitId`'s reports, feedback and alerts. */
export function maySee(person: Person, unitId: string): boolean {
  return visibleUnits(person)?.includes(unitId) ?? true;
}

/** Throws 403 unless `person` may see `unitId`. */
export function requireUnit(person: Person, unitId: string): void {
  if (!maySee(person, unitId)) {
    throw new ApiFailure(403, 'forbidden', 'this account may not see this unit');
  }
}

/** The origin a browser names in `Origin` when a page of this server sends the request. */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function signInFirst(reply: FastifyReply, message: string): ApiFailure {
  reply.header('www-authenticate', 'Bearer');
  return new ApiFailure(401, 'unauthorized', message);
}

export type PersonAuthOptions = {
  /** Only `county` accounts (and the admin token): a `unit` account gets 403. */
  county?: boolean;
};

/**
 * An onRequest hook: the admin token (Authorization: Bearer) or a live session, for the role
 * asked; CSRF by `Origin` for a cookie's changes. Nothing of the body is read before it.
 */
export function personAuth(ctx: ServerContext, options: PersonAuthOptions = {}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const person = await authenticate(ctx, request, reply);
    if (options.county === true && person.role !== 'county') {
      throw new ApiFailure(403, 'forbidden', 'only a county account may do this');
    }
    people.set(request, person);
  };
}

async function authenticate(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Person> {
  const token = bearerToken(request.headers.authorization);
  if (token !== null) {
    if (!tokenMatches(token, ctx.adminTokenHash)) {
      throw signInFirst(reply, 'this is not the admin token');
    }
    return { kind: 'admin', role: 'county', email: null };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined || cookie === '') {
    throw signInFirst(reply, 'sign in first (POST /v1/session), or send the admin token');
  }
  const hash = tokenHash(cookie);
  const nowMs = ctx.now().getTime();
  const session = await ctx.stores.sessions.find(hash);
  if (
    session === undefined ||
    nowMs - session.createdAtMs >= SESSION_MAX_MS ||
    nowMs - session.lastSeenMs >= SESSION_IDLE_MS
  ) {
    if (session !== undefined) {
      await ctx.stores.sessions.remove(hash);
    }
    throw signInFirst(reply, 'the session has ended; sign in again');
  }
  const account = await ctx.stores.accounts.byEmail(session.email);
  if (account === undefined) {
    throw signInFirst(reply, 'the session has ended; sign in again');
  }
  if (!SAFE_METHODS.has(request.method) && request.headers.origin !== ownOrigin(request)) {
    throw new ApiFailure(403, 'csrf', 'a change by session must come from this server’s own pages');
  }
  if (nowMs - session.lastSeenMs >= TOUCH_EVERY_MS) {
    await ctx.stores.sessions.touch(hash, nowMs);
  }
  return {
    kind: 'account',
    role: account.role,
    email: account.email,
    units: account.units,
    tokenHash: hash,
  };
}

/**
 * Writes what `who` did (a signed-in person, or the e-mail or name a login gave) to the audit
 * log, at the server's time; through `stores` when it belongs to a transaction's change.
 */
export async function audit(
  ctx: ServerContext,
  who: Person | string,
  action: string,
  target: string | null,
  detail?: AuditEntry['detail'],
  stores: Pick<Stores, 'audit'> = ctx.stores,
): Promise<void> {
  await stores.audit.add({
    at: ctx.now().toISOString(),
    actor: typeof who === 'string' ? who : actorOf(who),
    action,
    target,
    detail,
  });
}

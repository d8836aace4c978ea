import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from './context';
import { ApiFailure } from './errors';
import type { TerminalRecord } from './store/terminals';
import { tokenHash } from './token';

/**
 * Terminals' bearer tokens (the admin token and people's sessions are people.ts's), checked
 * before the body is read, so a caller without a token never gets 512 KiB parsed. Tokens are
 * looked up by their SHA-256 and never logged.
 */

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function unauthorized(reply: FastifyReply, message: string): ApiFailure {
  reply.header('www-authenticate', 'Bearer');
  return new ApiFailure(401, 'unauthorized', message);
}

const terminals = new WeakMap<FastifyRequest, TerminalRecord>();

/** The terminal a request was authenticated as (only on routes behind `terminalAuth`). */
export function terminalOf(request: FastifyRequest): TerminalRecord {
  const terminal = terminals.get(request);
  if (terminal === undefined) {
    throw new Error('terminalOf() on a route without terminalAuth');
  }
  return terminal;
}

/** A preParsing hook: the terminal's token, not revoked. */
export function terminalAuth(ctx: ServerContext) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) {
      throw unauthorized(reply, 'a terminal token is required (Authorization: Bearer …)');
    }
    // Looked up by the token's SHA-256: how long the index search takes says something about a
    // hash at most, and nothing about any token that works.
    const terminal = await ctx.stores.terminals.byTokenHash(tokenHash(token));
    if (terminal === undefined) {
      throw unauthorized(reply, 'this terminal token is not known');
    }
    if (terminal.revoked) {
      throw new ApiFailure(403, 'terminal_revoked', 'this terminal has been revoked');
    }
    terminals.set(request, terminal);
    return payload;
  };
}

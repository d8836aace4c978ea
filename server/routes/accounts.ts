import type { FastifyInstance } from 'fastify';
import { AccountPatchSchema, NewAccountRequestSchema, type Account } from '../../core/accounts-api';
import { API_PREFIX } from '../../core/central-api';

import { hashPassword } from '../accounts/password';
import type { ServerContext } from '../context';
import { ApiFailure, parsedBody } from '../errors';
import { audit, personAuth, personOf } from '../people';
import { normalEmail, type AccountRecord } from '../store/accounts';
import { BODY_LIMITS, type Limiters } from './limits';

/**
 * People's accounts, for a county account (the dashboard's Accounts page; `npm run users` does
 * the same on the server's machine). A password is never sent back, and every change is in the
 * audit log.
 */

function toAccount(record: AccountRecord): Account {
  return {
    email: record.email,
    role: record.role,
    units: record.units,
    language: record.language,
    password: record.passwordHash !== null,
  };
}

export function registerAccountRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  limiters: Limiters,
): void {
  const county = { onRequest: [limiters.admin, personAuth(ctx, { county: true })] };
  const known = async (email: string): Promise<AccountRecord> => {
    const account = await ctx.stores.accounts.byEmail(email);
    if (account === undefined) {
      throw new ApiFailure(404, 'account_unknown', 'there is no account with this e-mail');
    }
    return account;
  };

  app.get(`${API_PREFIX}/admin/accounts`, county, async (_request, reply) =>
    reply.send((await ctx.stores.accounts.list()).map(toAccount)),
  );

  app.post(
    `${API_PREFIX}/admin/accounts`,
    { ...county, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const { email, role, units, password, language } = parsedBody(
        NewAccountRequestSchema,
        request.body,
      );
      const passwordHash = password === undefined ? null : await hashPassword(password);
      const added = await ctx.transaction(async (stores) => {
        const made = await stores.accounts.add({
          email,
          role,
          units,
          passwordHash,
          language,
          createdAt: ctx.now().toISOString(),
        });
        if (made) {
          const detail = { role, units };
          await audit(ctx, personOf(request), 'account_added', normalEmail(email), detail, stores);
        }
        return made;
      });
      if (!added) {
        throw new ApiFailure(409, 'account_exists', 'an account with this e-mail already exists');
      }
      return reply.code(201).send(toAccount(await known(email)));
    },
  );

  app.patch<{ Params: { email: string } }>(
    `${API_PREFIX}/admin/accounts/:email`,
    { ...county, bodyLimit: BODY_LIMITS.admin },
    async (request, reply) => {
      const patch = parsedBody(AccountPatchSchema, request.body);
      const account = await known(request.params.email);
      if (patch.units !== undefined && account.role !== 'unit') {
        throw new ApiFailure(
          400,
          'invalid_body',
          'units: a county account sees every unit; only a unit account has units',
        );
      }
      await ctx.transaction(async (stores) => {
        if (patch.units !== undefined) {
          await stores.accounts.setUnits(account.email, patch.units);
        }
        if (patch.language !== undefined) {
          await stores.accounts.setLanguage(account.email, patch.language);
        }
        await audit(ctx, personOf(request), 'account_changed', account.email, patch, stores);
      });
      return reply.send(toAccount(await known(account.email)));
    },
  );

  app.delete<{ Params: { email: string } }>(
    `${API_PREFIX}/admin/accounts/:email`,
    county,
    async (request, reply) => {
      const person = personOf(request);
      const account = await known(request.params.email);
      if (person.kind === 'account' && person.email === account.email) {
        throw new ApiFailure(409, 'own_account', 'an account cannot remove itself');
      }
      await ctx.stores.accounts.remove(account.email);
      await audit(ctx, person, 'account_removed', account.email);
      return reply.code(204).send();
    },
  );
}

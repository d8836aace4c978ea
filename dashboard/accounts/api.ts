import { z } from 'zod';
import {
  AccountListSchema,
  AccountSchema,
  type Account,
  type NewAccountRequest,
} from '../../core/accounts-api';
import { getJson, request, type Failure, type Result } from '../api';

/**
 * The Accounts page's calls (`/v1/admin/accounts`, central-reports.md). A change's refusal is a
 * value naming what the server meant (`account_exists`, `own_account`), which the page
 * translates; the server's own message never reaches a person.
 */

/** The refusals a change may meet beyond the shared ones, by the server's error code. */
const CHANGE_REFUSALS = [
  'account_exists',
  'own_account',
  'account_unknown',
  'unit_unknown',
] as const;
export type ChangeRefusal = (typeof CHANGE_REFUSALS)[number];
export type ChangeFailure = Failure | ChangeRefusal;
export type ChangeResult<T> = { ok: true; value: T } | { ok: false; reason: ChangeFailure };

const ErrorBodySchema = z.object({ error: z.object({ code: z.string() }) });

async function refusalOf(response: Response): Promise<ChangeFailure> {
  let code: string | undefined;
  try {
    const parsed = ErrorBodySchema.safeParse(await response.json());
    code = parsed.success ? parsed.data.error.code : undefined;
  } catch {
    code = undefined;
  }
  const known = CHANGE_REFUSALS.find((refusal) => refusal === code);
  if (known !== undefined && (response.status === 404 || response.status === 409)) {
    return known;
  }
  if (response.status === 401) {
    return 'unauthorized';
  }
  return response.status === 400 ? 'invalid' : 'server';
}

type Sent = { ok: true; response: Response } | { ok: false; reason: ChangeFailure };

/** A change, its body as JSON; the browser adds `Origin`, which the server's CSRF rule checks. */
async function send(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Sent> {
  const response = await request(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response === undefined) {
    return { ok: false, reason: 'network' };
  }
  return response.ok ? { ok: true, response } : { ok: false, reason: await refusalOf(response) };
}

/** A POST or PATCH whose answer `schema` reads. */
export async function sendChange<T>(
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
): Promise<ChangeResult<T>> {
  const sent = await send(method, path, body);
  if (!sent.ok) {
    return sent;
  }
  try {
    const parsed = schema.safeParse(await sent.response.json());
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'server' };
  } catch {
    return { ok: false, reason: 'server' };
  }
}

const accountPath = (email: string) => `/v1/admin/accounts/${encodeURIComponent(email)}`;

/** `GET /v1/admin/accounts`. */
export function fetchAccounts(): Promise<Result<Account[]>> {
  return getJson('/v1/admin/accounts', AccountListSchema);
}

/** `POST /v1/admin/accounts` → the account as the server made it (its e-mail normalised). */
export function addAccount(account: NewAccountRequest): Promise<ChangeResult<Account>> {
  return sendChange('POST', '/v1/admin/accounts', account, AccountSchema);
}

/** `PATCH /v1/admin/accounts/{email}` `{units}`: a unit account's units. */
export function changeAccountUnits(email: string, units: string[]): Promise<ChangeResult<Account>> {
  return sendChange('PATCH', accountPath(email), { units }, AccountSchema);
}

/** `DELETE /v1/admin/accounts/{email}`: the account and its sessions end. */
export async function removeAccount(email: string): Promise<ChangeResult<null>> {
  const sent = await send('DELETE', accountPath(email));
  return sent.ok ? { ok: true, value: null } : sent;
}

import { z } from 'zod';
import { LoginMethodsSchema, MeSchema, type Me } from '../core/accounts-api';
import { MailStatusSchema, type MailStatus } from '../core/feedback-api';
import {
  UnitsReportSchema,
  UnitsTrendSchema,
  type UnitsReport,
  type UnitsTrend,
} from '../core/reports-api';

/**
 * The dashboard's calls to its server, over HTTP like any client. Expected faults are values
 * whose reason the page translates; the server's own messages and any stack never reach a person.
 */
export type Failure =
  'unauthorized' | 'bad_credentials' | 'too_many_attempts' | 'invalid' | 'network' | 'server';
export type Result<T> = { ok: true; value: T } | { ok: false; reason: Failure };

const ErrorBodySchema = z.object({ error: z.object({ code: z.string() }) });

/** The stable code of an error answer (`{"error": {"code"}}`), if it has one. */
export async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const parsed = ErrorBodySchema.safeParse(await response.json());
    return parsed.success ? parsed.data.error.code : undefined;
  } catch {
    return undefined;
  }
}

export async function failureOf(response: Response): Promise<Failure> {
  const code = await errorCode(response);
  if (response.status === 401) {
    return code === 'bad_credentials' ? 'bad_credentials' : 'unauthorized';
  }
  if (response.status === 429) {
    return code === 'too_many_attempts' ? 'too_many_attempts' : 'server';
  }
  if (response.status === 400) {
    return 'invalid';
  }
  return 'server';
}

/**
 * The failure of an answer that was not ok: the server's code when it is one of `codes` (a
 * refusal the page has words of its own for), else the shared failure of its status.
 */
export async function failureWithCode<C extends string>(
  response: Response,
  codes: readonly C[],
): Promise<Failure | C> {
  const code = await errorCode(response.clone());
  return codes.find((known) => known === code) ?? failureOf(response);
}

export async function request(path: string, init: RequestInit = {}): Promise<Response | undefined> {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    return undefined;
  }
}

export async function getJson<T>(path: string, schema: z.ZodType<T>): Promise<Result<T>> {
  const response = await request(path, { headers: { accept: 'application/json' } });
  if (response === undefined) {
    return { ok: false, reason: 'network' };
  }
  if (!response.ok) {
    return { ok: false, reason: await failureOf(response) };
  }
  try {
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'server' };
  } catch {
    return { ok: false, reason: 'server' };
  }
}

/**
 * A change (POST or PATCH with a JSON body) whose answer `schema` reads; a refusal whose code is
 * one of `codes` comes back as that code. The browser names our origin in `Origin` (CSRF rule).
 */
export async function sendJson<T, C extends string>(
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  codes: readonly C[],
): Promise<{ ok: true; value: T } | { ok: false; reason: Failure | C }> {
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
  if (!response.ok) {
    return { ok: false, reason: await failureWithCode(response, codes) };
  }
  try {
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'server' };
  } catch {
    return { ok: false, reason: 'server' };
  }
}

/** `GET /v1/me`: who is signed in; `unauthorized` when nobody is. */
export function fetchMe(): Promise<Result<Me>> {
  return getJson('/v1/me', MeSchema);
}

/** `POST /v1/session`. The browser names our origin in `Origin`, as the server's CSRF rule asks. */
export async function signIn(email: string, password: string): Promise<Result<null>> {
  const response = await request('/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response === undefined) {
    return { ok: false, reason: 'network' };
  }
  return response.ok ? { ok: true, value: null } : { ok: false, reason: await failureOf(response) };
}

/** `DELETE /v1/session`. */
export async function signOut(): Promise<Result<null>> {
  const response = await request('/v1/session', { method: 'DELETE' });
  if (response === undefined) {
    return { ok: false, reason: 'network' };
  }
  // Already signed out is as good as signed out.
  return response.ok || response.status === 401
    ? { ok: true, value: null }
    : { ok: false, reason: await failureOf(response) };
}

/**
 * Whether the server offers the county's identity provider (`GET /v1/session/methods`). A server
 * without that endpoint, or any failure, means no: the password form is always there.
 */
export async function offersOidc(): Promise<boolean> {
  const methods = await getJson('/v1/session/methods', LoginMethodsSchema);
  return methods.ok && methods.value.oidc;
}

export const OIDC_LOGIN_PATH = '/v1/session/oidc';

/** The weeks of the units table's trend line (`GET /v1/reports/trend`, an extension). */
export const TREND_WEEKS = 12;

/** `GET /v1/reports/units?from=&to=`: every unit's figures over a period. */
export function fetchUnitsReport(range: {
  from: string;
  to: string;
}): Promise<Result<UnitsReport>> {
  const query = new URLSearchParams(range);
  return getJson(`/v1/reports/units?${query.toString()}`, UnitsReportSchema);
}

/**
 * `GET /v1/reports/trend?to=&weeks=`: every unit's last weeks up to `to`. Asked beside the units
 * report, and once a visit: the trend ends now whatever period the figures are for.
 */
export function fetchUnitsTrend(to: string, weeks: number): Promise<Result<UnitsTrend>> {
  const query = new URLSearchParams({ to, weeks: String(weeks) });
  return getJson(`/v1/reports/trend?${query.toString()}`, UnitsTrendSchema);
}

/** `GET /v1/mail/status` (an extension): whether the server's e-mail gets through. */
export function fetchMailStatus(): Promise<Result<MailStatus>> {
  return getJson('/v1/mail/status', MailStatusSchema);
}

import { z } from 'zod';
import {
  EnrollmentCodeAnswerSchema,
  SurveyTemplateListSchema,
  TerminalListSchema,
  type EnrollmentCodeAnswer,
  type SurveyTemplateList,
  type TerminalStatus,
} from '../../core/central-api';
import type { CodeRequestBody } from './code-request';
import { failureOf, getJson, request, type Failure, type Result } from '../api';

/** `GET /v1/admin/terminals`: every terminal, its last heartbeat's figures. */
export function fetchTerminals(): Promise<Result<TerminalStatus[]>> {
  return getJson('/v1/admin/terminals', TerminalListSchema);
}

/** `GET /v1/admin/survey-templates`: the built-in templates, their texts in fi, sv and en. */
export function fetchSurveyTemplates(): Promise<Result<SurveyTemplateList>> {
  return getJson('/v1/admin/survey-templates', SurveyTemplateListSchema);
}

/**
 * A refused code: the reason, and for a 400 the field the server named (`unit.id`,
 * `surveyTemplate.options.statements`). The page turns the field into its own words; the
 * server's message itself is never shown.
 */
export type CodeFailure = { reason: Failure; field?: string };

const ErrorMessageSchema = z.object({ error: z.object({ message: z.string() }) });

/** The field a 400's message starts with (`unit.name.fi: …`), if it has one. */
export function refusedField(body: unknown): string | undefined {
  const parsed = ErrorMessageSchema.safeParse(body);
  if (!parsed.success) {
    return undefined;
  }
  return /^([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*): /.exec(parsed.data.error.message)?.[1];
}

async function send(method: 'POST' | 'PATCH', path: string, body: unknown) {
  return request(path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

/** `POST /v1/admin/enrollment-codes`: a single-use code for one terminal. */
export async function createEnrollmentCode(
  body: CodeRequestBody,
): Promise<{ ok: true; value: EnrollmentCodeAnswer } | ({ ok: false } & CodeFailure)> {
  const response = await send('POST', '/v1/admin/enrollment-codes', body);
  if (response === undefined) {
    return { ok: false, reason: 'network' };
  }
  if (!response.ok) {
    const reason = await failureOf(response.clone());
    if (reason !== 'invalid') {
      return { ok: false, reason };
    }
    let field: string | undefined;
    try {
      field = refusedField(await response.json());
    } catch {
      field = undefined;
    }
    return field === undefined ? { ok: false, reason } : { ok: false, reason, field };
  }
  try {
    const parsed = EnrollmentCodeAnswerSchema.safeParse(await response.json());
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'server' };
  } catch {
    return { ok: false, reason: 'server' };
  }
}

/** `PATCH /v1/admin/terminals/{id}` with `revoked`: its token refused (true) or honoured again. */
export async function setRevoked(terminalId: string, revoked: boolean): Promise<Result<null>> {
  const response = await send('PATCH', `/v1/admin/terminals/${encodeURIComponent(terminalId)}`, {
    revoked,
  });
  if (response === undefined) {
    return { ok: false, reason: 'network' };
  }
  return response.ok ? { ok: true, value: null } : { ok: false, reason: await failureOf(response) };
}

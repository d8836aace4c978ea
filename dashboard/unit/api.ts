import type { z } from 'zod';
import {
  UnitQuestionsSchema,
  UnitReportSchema,
  type UnitQuestions,
  type UnitReport,
} from '../../core/reports-api';
import { request, type Failure } from '../api';

/**
 * The unit page's calls: `GET /v1/reports/units/{unitId}` and `…/questions`. Besides the common
 * failures, a unit nobody has (404) and a unit the account may not see (403) are told apart.
 */
export type UnitFailure = Failure | 'unit_unknown' | 'forbidden';
export type UnitResult<T> = { ok: true; value: T } | { ok: false; reason: UnitFailure };

export type ReportRespondent = 'patient' | 'relative' | 'other' | 'unknown';
export type UnitReportQuery = {
  from: string;
  to: string;
  /** Left out: the unit's first question. */
  questionId?: string | undefined;
  /** Left out: everyone. */
  respondent?: ReportRespondent | undefined;
};

function failureOf(status: number): UnitFailure {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'unit_unknown';
    case 400:
      return 'invalid';
    default:
      return 'server';
  }
}

async function getJson<T>(path: string, schema: z.ZodType<T>): Promise<UnitResult<T>> {
  const response = await request(path, { headers: { accept: 'application/json' } });
  if (response === undefined) {
    return { ok: false, reason: 'network' };
  }
  if (!response.ok) {
    return { ok: false, reason: failureOf(response.status) };
  }
  try {
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'server' };
  } catch {
    return { ok: false, reason: 'server' };
  }
}

function unitPath(unitId: string): string {
  return `/v1/reports/units/${encodeURIComponent(unitId)}`;
}

export function fetchUnitReport(
  unitId: string,
  query: UnitReportQuery,
): Promise<UnitResult<UnitReport>> {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.questionId !== undefined) {
    params.set('questionId', query.questionId);
  }
  if (query.respondent !== undefined) {
    params.set('respondent', query.respondent);
  }
  return getJson(`${unitPath(unitId)}?${params.toString()}`, UnitReportSchema);
}

export function fetchUnitQuestions(
  unitId: string,
  range: { from: string; to: string },
): Promise<UnitResult<UnitQuestions>> {
  const params = new URLSearchParams(range);
  return getJson(`${unitPath(unitId)}/questions?${params.toString()}`, UnitQuestionsSchema);
}

/** `GET /v1/admin/responses.csv`: every stored answer of the unit in the range, as a file. */
export function answersCsvHref(unitId: string, range: { from: string; to: string }): string {
  const params = new URLSearchParams({ unitId, from: range.from, to: range.to });
  return `/v1/admin/responses.csv?${params.toString()}`;
}

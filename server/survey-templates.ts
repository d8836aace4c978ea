import {
  EnrollmentCodeBodySchema,
  TerminalPatchBodySchema,
  type SurveyTemplateRequest,
} from '../core/central-api';
import type { SurveyInput } from '../core/survey';
import { buildSurveyTemplate } from '../core/templates';
import { describeTemplateProblem } from '../core/template-problems';
import { parseWith } from '../core/validation';
import { invalidInput, type Result } from './errors';

/**
 * Our extension of the admin bodies (issue 7): `surveyTemplate` instead of `survey`. The
 * template becomes the Survey it builds, and the body then goes on exactly as if that survey
 * had been sent, through the same checks and the same storage.
 */

type Body = Record<string, unknown>;

/** The body of `POST /v1/admin/enrollment-codes` with its template, if any, built into `survey`. */
export function resolveEnrollmentCodeBody(body: unknown): Result<unknown> {
  const parsed = parseWith(EnrollmentCodeBodySchema, body);
  if (!parsed.ok) {
    return invalidInput('body', parsed.field, parsed.message);
  }
  return withTemplateSurvey(body as Body, parsed.value.surveyTemplate);
}

/** The body of `PATCH /v1/admin/terminals/{id}` with its template, if any, built into `survey`. */
export function resolveTerminalPatchBody(body: unknown): Result<unknown> {
  const parsed = parseWith(TerminalPatchBodySchema, body);
  if (!parsed.ok) {
    return invalidInput('body', parsed.field, parsed.message);
  }
  return withTemplateSurvey(body as Body, parsed.value.surveyTemplate);
}

function withTemplateSurvey(
  body: Body,
  template: SurveyTemplateRequest | undefined,
): Result<unknown> {
  if (template === undefined) {
    return { ok: true, value: body };
  }
  const built = buildSurveyTemplate(template.id, template.options);
  if (!built.ok) {
    const { path, message } = describeTemplateProblem(template.id, template.options, built);
    return invalidInput('body', ['surveyTemplate', 'options', ...path].join('.'), message);
  }
  const { surveyTemplate: _template, ...rest } = body;
  const survey: SurveyInput = {
    ...built.survey,
    version: template.version ?? built.survey.version,
  };
  return { ok: true, value: { ...rest, survey } };
}

export { surveyTemplateList } from '../core/template-list';

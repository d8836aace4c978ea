import {
  EnrollmentCodeBodySchema,
  TerminalPatchBodySchema,
  type SurveyTemplateList,
  type SurveyTemplateRequest,
} from '../core/central-api';
import type { SurveyInput } from '../core/survey';
import {
  BASIC_STATEMENT_COUNT,
  BASIC_STATEMENTS,
  buildSurveyTemplate,
  CHILD_QUESTION_COUNT,
  CHILD_QUESTIONS,
  DEFAULT_BASIC_STATEMENTS,
  DEFAULT_CHILD_QUESTIONS,
  SURVEY_TEMPLATES,
} from '../core/templates';
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

/** `GET /v1/admin/survey-templates`: the built-in templates and the items they offer. */
export function surveyTemplateList(): SurveyTemplateList {
  return {
    templates: SURVEY_TEMPLATES.map(({ id, name, description }) => ({ id, name, description })),
    national: {
      statements: BASIC_STATEMENTS.map(({ id, theme, text }) => ({
        id,
        theme,
        text,
        default: DEFAULT_BASIC_STATEMENTS.includes(id),
      })),
      statementCount: { ...BASIC_STATEMENT_COUNT },
    },
    children: {
      questions: CHILD_QUESTIONS.map(({ id, text }) => ({
        id,
        text,
        default: DEFAULT_CHILD_QUESTIONS.includes(id),
      })),
      questionCount: { ...CHILD_QUESTION_COUNT },
    },
  };
}

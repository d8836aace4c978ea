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
  type TemplateProblem,
} from '../core/templates';
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
    const { field, message } = describeProblem(template, built);
    return invalidInput('body', `surveyTemplate.${field}`, message);
  }
  const { surveyTemplate: _template, ...rest } = body;
  const survey: SurveyInput = {
    ...built.survey,
    version: template.version ?? built.survey.version,
  };
  return { ok: true, value: { ...rest, survey } };
}

/** A template's problem as the field of the request it is in, and words for the admin. */
function describeProblem(
  template: SurveyTemplateRequest,
  problem: TemplateProblem,
): { field: string; message: string } {
  const listName = template.id === 'national' ? 'statements' : 'questions';
  const chosen: readonly string[] =
    template.id === 'national'
      ? (template.options?.statements ?? DEFAULT_BASIC_STATEMENTS)
      : template.id === 'children'
        ? (template.options?.questions ?? DEFAULT_CHILD_QUESTIONS)
        : [];
  const unitStatements = template.id === 'national' ? (template.options?.unitStatements ?? []) : [];
  switch (problem.reason) {
    case 'statement_count':
    case 'question_count':
      return {
        field: `options.${listName}`,
        message: `${problem.count} chosen; choose ${problem.min}–${problem.max}`,
      };
    case 'unknown_item':
    case 'repeated_item': {
      const index = chosen.lastIndexOf(problem.id);
      return {
        field: index < 0 ? `options.${listName}` : `options.${listName}.${index}`,
        message: `${problem.id} is ${problem.reason === 'unknown_item' ? 'not an item of this template' : 'chosen twice'}`,
      };
    }
    case 'missing_language': {
      const index = unitStatements.findIndex((statement) => statement.id === problem.id);
      return {
        field: `options.unitStatements.${index}.text.${problem.language}`,
        message: `every unit statement needs a text in ${problem.language}`,
      };
    }
    case 'invalid_survey': {
      // The national survey asks the NPS question, the chosen statements, then the unit's own.
      const [, position, ...rest] = problem.field.split('.');
      const unitIndex = Number(position) - 1 - chosen.length;
      const inUnitStatements = unitStatements.length > 0 && problem.field.startsWith('questions');
      return {
        field: !inUnitStatements
          ? 'options'
          : unitIndex >= 0
            ? ['options.unitStatements', String(unitIndex), ...rest].join('.')
            : 'options.unitStatements',
        message: `the survey it makes is not valid: ${problem.field}: ${problem.message}`,
      };
    }
  }
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

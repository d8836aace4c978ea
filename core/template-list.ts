import type { SurveyTemplateList } from './central-api';
import {
  BASIC_STATEMENT_COUNT,
  BASIC_STATEMENTS,
  CHILD_QUESTION_COUNT,
  CHILD_QUESTIONS,
  DEFAULT_BASIC_STATEMENTS,
  DEFAULT_CHILD_QUESTIONS,
  SURVEY_TEMPLATES,
} from './templates';

/**
 * `GET /v1/admin/survey-templates`: the built-in templates and the items they offer, as the
 * server answers it (and as a test of an admin page may serve it).
 */
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

import { describe, expect, it } from 'vitest';
import type { SurveyInput } from './survey';
import { QUESTION_ICONS, SurveySchema } from './survey';
import type { BasicStatementId, ChildQuestionId, TemplateId, TemplateText } from './templates';
import {
  BASIC_STATEMENTS,
  NPS_TEXT,
  SURVEY_TEMPLATES,
  TemplateError,
  buildSurveyTemplate,
  surveyTemplate,
} from './templates';

const ALL_TEMPLATES: readonly SurveyInput[] = [
  surveyTemplate('visit-smiley'),
  surveyTemplate('visit-smiley', { scale: 'smiley3' }),
  surveyTemplate('visit-smiley', { scale: 'smiley5', followUp: false, comment: true }),
  surveyTemplate('children'),
  surveyTemplate('children', { scale: 'smiley4', questions: ['safe', 'nice', 'helped'] }),
  surveyTemplate('national'),
  surveyTemplate('national', {
    statements: BASIC_STATEMENTS.map((statement) => statement.id),
    unitStatements: [{ id: 'parking', text: { fi: 'P', sv: 'P', en: 'P' } }],
    askRespondent: true,
    comment: false,
  }),
];

const unitStatement = {
  id: 'lab-waiting',
  text: {
    fi: 'Laboratorioon pääsi nopeasti.',
    sv: 'Det gick snabbt att komma till laboratoriet.',
    en: 'I got to the laboratory quickly.',
  },
};

/** Every localized text a template holds: question texts and follow-up chips. */
function textsOf(survey: SurveyInput): unknown[] {
  return survey.questions.flatMap((question) => [
    question.text,
    ...(question.followUp?.options.map((option) => option.text) ?? []),
  ]);
}

function expectFiSvEn(text: unknown): void {
  expect(Object.keys(text as object).sort()).toEqual(['en', 'fi', 'sv']);
  for (const value of Object.values(text as Record<string, unknown>)) {
    expect(typeof value === 'string' && value.trim() !== '').toBe(true);
  }
}

describe('survey templates', () => {
  it.each(ALL_TEMPLATES.map((survey, index) => [index, survey] as const))(
    'template %i is a valid Survey of version 1',
    (_index, survey) => {
      expect(SurveySchema.safeParse(survey).success).toBe(true);
      expect(survey.version).toBe(1);
    },
  );

  it('has every text a patient or a technician reads in Finnish, Swedish and English', () => {
    const texts = [
      ...ALL_TEMPLATES.flatMap(textsOf),
      ...SURVEY_TEMPLATES.flatMap((template) => [template.name, template.description]),
      NPS_TEXT,
    ];
    for (const text of texts) {
      expectFiSvEn(text);
    }
  });

  it('offers each template once in the picker, and each one builds', () => {
    const ids = SURVEY_TEMPLATES.map((template) => template.id);
    expect(ids).toEqual(['visit-smiley', 'children', 'national']);
    for (const id of ids satisfies TemplateId[]) {
      expect(buildSurveyTemplate(id).ok).toBe(true);
    }
  });

  it('gives each template a fresh copy, so editing one survey leaves the next untouched', () => {
    const first = surveyTemplate('national');
    (first.questions[0]!.text as TemplateText).fi = 'muutettu';
    expect(surveyTemplate('national').questions[0]!.text).toEqual(NPS_TEXT);
  });
});

describe('the smiley visit question', () => {
  it('asks about the visit on four faces and asks a reason after the two lowest', () => {
    const survey = surveyTemplate('visit-smiley');
    expect(survey.id).toBe('visit-smiley');
    expect(survey.questions).toHaveLength(1);
    const [question] = survey.questions;
    expect(question?.scale).toBe('smiley4');
    expect(question?.text?.fi).toBe('Millainen käyntisi oli tänään?');
    expect(question?.followUp?.when).toEqual([1, 2]);
    expect(question?.followUp?.options.map((option) => option.id)).toEqual([
      'waiting-time',
      'being-met',
      'information',
      'cleanliness',
      'other',
    ]);
    expect(survey.comment).toEqual({ enabled: false });
    expect(survey.askRespondent).toBe(false);
  });

  it('asks a reason only after the lowest of three faces, and none when turned off', () => {
    expect(
      surveyTemplate('visit-smiley', { scale: 'smiley3' }).questions[0]?.followUp?.when,
    ).toEqual([1]);
    expect(
      surveyTemplate('visit-smiley', { followUp: false }).questions[0]?.followUp,
    ).toBeUndefined();
  });
});

describe("the children's set", () => {
  it('asks four short questions on three faces, each with a pictogram', () => {
    const survey = surveyTemplate('children');
    expect(survey.questions.map((question) => question.id)).toEqual([
      'listened',
      'told',
      'safe',
      'nice',
    ]);
    for (const question of survey.questions) {
      expect(question.scale).toBe('smiley3');
      expect(QUESTION_ICONS).toContain(question.icon);
    }
    expect(survey.childMode).toBe(true);
    expect(surveyTemplate('children', { childMode: false }).childMode).toBe(false);
  });

  it('keeps the questions in their fixed order whatever order they were chosen in', () => {
    const survey = surveyTemplate('children', { questions: ['helped', 'nice', 'listened'] });
    expect(survey.questions.map((question) => question.id)).toEqual(['listened', 'nice', 'helped']);
  });

  it.each([[['listened', 'told'] satisfies ChildQuestionId[]], [[] satisfies ChildQuestionId[]]])(
    'refuses fewer than three questions: %j',
    (questions) => {
      expect(buildSurveyTemplate('children', { questions })).toEqual({
        ok: false,
        reason: 'question_count',
        count: questions.length,
        min: 3,
        max: 5,
      });
    },
  );
});

describe('the national set', () => {
  it('asks the NPS question first, then the five default statements, then the open question', () => {
    const survey = surveyTemplate('national');
    expect(survey.id).toBe('national');
    expect(survey.questions[0]).toEqual({ id: 'nps', scale: 'nps11', text: NPS_TEXT });
    expect(survey.questions.slice(1).map((question) => question.id)).toEqual([
      'access',
      'met',
      'safety',
      'information',
      'useful',
    ]);
    expect(survey.questions.slice(1).every((question) => question.scale === 'agree5')).toBe(true);
    expect(survey.comment).toEqual({ enabled: true });
    expect(survey.askRespondent).toBe(false);
    expect(survey.childMode).toBe(false);
  });

  it('offers "cannot say" on every statement and never on the 0–10 question, unless turned off', () => {
    const survey = surveyTemplate('national');
    expect(survey.questions.map((question) => question.cannotSay ?? false)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    const without = surveyTemplate('national', { cannotSay: false });
    expect(without.questions.some((question) => question.cannotSay)).toBe(false);
  });

  it('puts the unit’s own statements after the basic ones, and asks who is answering if told', () => {
    const survey = surveyTemplate('national', {
      statements: ['useful', 'access'],
      unitStatements: [unitStatement],
      askRespondent: true,
      comment: false,
    });
    expect(survey.questions.map((question) => question.id)).toEqual([
      'nps',
      'access',
      'useful',
      'lab-waiting',
    ]);
    expect(survey.questions[3]).toEqual({ ...unitStatement, scale: 'agree5', cannotSay: true });
    expect(survey.askRespondent).toBe(true);
    expect(survey.comment).toEqual({ enabled: false });
  });

  it.each([2, 7])('accepts %i basic statements', (count) => {
    const statements = BASIC_STATEMENTS.slice(0, count).map((statement) => statement.id);
    const survey = surveyTemplate('national', { statements });
    expect(survey.questions).toHaveLength(1 + count);
  });

  it.each([[['access'] satisfies BasicStatementId[]], [[] satisfies BasicStatementId[]]])(
    'refuses fewer than two basic statements: %j',
    (statements) => {
      const result = buildSurveyTemplate('national', { statements });
      expect(result).toEqual({
        ok: false,
        reason: 'statement_count',
        count: statements.length,
        min: 2,
        max: 7,
      });
      expect(() => surveyTemplate('national', { statements })).toThrow(TemplateError);
    },
  );

  it('refuses a basic statement chosen twice, which would be eight with seven themes', () => {
    const statements = [...BASIC_STATEMENTS.map((statement) => statement.id), 'access' as const];
    expect(buildSurveyTemplate('national', { statements })).toEqual({
      ok: false,
      reason: 'repeated_item',
      id: 'access',
    });
  });

  it('refuses a basic statement it does not know', () => {
    const statements = ['access', 'parking'] as unknown as BasicStatementId[];
    expect(buildSurveyTemplate('national', { statements })).toEqual({
      ok: false,
      reason: 'unknown_item',
      id: 'parking',
    });
  });

  it('refuses a unit statement without Swedish, which would show a different sentence', () => {
    const text = { fi: 'Pysäköinti oli helppoa.', sv: ' ', en: 'Parking was easy.' };
    expect(buildSurveyTemplate('national', { unitStatements: [{ id: 'parking', text }] })).toEqual({
      ok: false,
      reason: 'missing_language',
      id: 'parking',
      language: 'sv',
    });
  });

  it('refuses a unit statement whose id is already taken, naming the field', () => {
    const result = buildSurveyTemplate('national', {
      unitStatements: [{ ...unitStatement, id: 'safety' }],
    });
    expect(result).toEqual({
      ok: false,
      reason: 'invalid_survey',
      field: 'questions.6.id',
      message: 'duplicate question id',
    });
  });

  it('refuses more unit statements than a survey can hold', () => {
    const unitStatements = Array.from({ length: 15 }, (_, i) => ({
      ...unitStatement,
      id: `own-${i}`,
    }));
    const result = buildSurveyTemplate('national', { unitStatements });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_survey', field: 'questions' });
  });

  it('names the problem in the thrown error', () => {
    try {
      surveyTemplate('national', { statements: ['access'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).problem).toMatchObject({
        reason: 'statement_count',
        count: 1,
      });
    }
  });
});

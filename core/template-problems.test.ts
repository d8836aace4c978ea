import { describe, expect, it } from 'vitest';
import { describeTemplateProblem } from './template-problems';
import { buildSurveyTemplate, type TemplateOptions } from './templates';

/** The problem the builder finds with these options, in words. */
function described<Id extends 'children' | 'national'>(id: Id, options: TemplateOptions[Id]) {
  const built = buildSurveyTemplate(id, options);
  if (built.ok) {
    throw new Error('expected a refusal');
  }
  const { ok: _ok, ...problem } = built;
  return describeTemplateProblem(id, options, problem);
}

const text = (fi: string, sv = fi, en = fi) => ({ fi, sv, en });

describe("a template's refusal, in the words both the admin API and the CLI say", () => {
  it('names the list option, its bounds and its items for a wrong count', () => {
    expect(described('national', { statements: ['access'] })).toEqual({
      path: ['statements'],
      message:
        '1 chosen; the national template asks 2–7 of ' +
        'access,contact,met,involved,safety,information,useful (statement_count)',
    });
    expect(described('children', { questions: ['told'] }).path).toEqual(['questions']);
  });

  it('points at the item given twice', () => {
    expect(described('national', { statements: ['access', 'met', 'access'] })).toEqual({
      path: ['statements', 2],
      message: 'access is given twice (repeated_item)',
    });
  });

  it('points at the language a unit statement lacks', () => {
    const unitStatements = [{ id: 'parking', text: text('Pysäköinti', ' ', 'Parking') }];
    expect(described('national', { unitStatements })).toEqual({
      path: ['unitStatements', 0, 'text', 'sv'],
      message:
        'parking has no text in sv; every unit statement needs fi, sv and en (missing_language)',
    });
  });

  it('points a survey the schema refuses at the unit statement that caused it', () => {
    const unitStatements = [
      { id: 'parking', text: text('P') },
      { id: 'met', text: text('Kohtelu') },
    ];
    expect(described('national', { unitStatements })).toEqual({
      path: ['unitStatements', 1, 'id'],
      message:
        'the national template makes no valid survey with these options: ' +
        'questions.7.id: duplicate question id (invalid_survey)',
    });
  });

  it('names an unknown item with the items there are', () => {
    const problem = { reason: 'unknown_item', id: 'parking' } as const;
    expect(
      describeTemplateProblem('national', { statements: ['access', 'parking'] }, problem),
    ).toEqual({
      path: ['statements', 1],
      message:
        '"parking" is not a basic statement; choose from ' +
        'access,contact,met,involved,safety,information,useful (unknown_item)',
    });
  });
});

describe('a survey with too many questions', () => {
  it("points at the unit's own statements, which made it too long", () => {
    const unitStatements = Array.from({ length: 15 }, (_, i) => ({
      id: `own-${i}`,
      text: text('P'),
    }));
    expect(described('national', { unitStatements }).path).toEqual(['unitStatements']);
  });
});

import { describe, expect, it } from 'vitest';
import { formFieldOf, type CodeForm } from './code-request';

const FORM: CodeForm = {
  unitChoice: 'new',
  existingUnitId: '',
  newUnitId: 'uusi',
  newUnitName: { fi: 'Uusi', sv: '', en: '' },
  templateId: 'national',
  askRespondent: false,
  statements: ['access', 'met'],
  questions: [],
  ttlHours: '24',
};

describe("the form's field for a field the server refused", () => {
  it.each([
    ['unit.id', 'newUnitId'],
    ['unit.name', 'newUnitName'],
    ['unit.name.sv', 'newUnitName'],
    ['surveyTemplate.options.statements.2', 'statements'],
    ['surveyTemplate.options.questions', 'questions'],
    ['surveyTemplate.options.unitStatements.0.text.sv', 'template'],
    ['surveyTemplate.id', 'template'],
    ['survey.questions.0.id', 'template'],
    ['ttlHours', 'ttlHours'],
    ['timing.thankYouMs', undefined],
  ])('%s → %s', (serverField, field) => {
    expect(formFieldOf(serverField, FORM)).toBe(field);
  });

  it('names the unit picked when an existing unit was sent', () => {
    expect(formFieldOf('unit.name.fi', { ...FORM, unitChoice: 'existing' })).toBe('existingUnit');
  });
});

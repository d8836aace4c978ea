import {
  DEFAULT_CODE_TTL_HOURS,
  MAX_CODE_TTL_HOURS,
  type SurveyTemplateList,
} from '../../core/central-api';
import type { LocalizedText } from '../../core/localized';
import type { TemplateId } from '../../core/templates';
import type { NamedUnit } from '../unit-names';

/**
 * The enrollment-code form as values, and the body of `POST /v1/admin/enrollment-codes` made from
 * them: pure, so the tests check the exact body a county account's choices send. What can be
 * checked here is (so a person hears of it next to the field, in words); the server checks it
 * all again, and a field it refuses is mapped back to the form's field by `formFieldOf`.
 */

export const NAME_LANGUAGES = ['fi', 'sv', 'en'] as const;
type NameLanguage = (typeof NAME_LANGUAGES)[number];

export type CodeForm = {
  unitChoice: 'existing' | 'new';
  existingUnitId: string;
  newUnitId: string;
  newUnitName: Record<NameLanguage, string>;
  templateId: TemplateId;
  /** First ask who is answering (patient, relative, other): an option of every template. */
  askRespondent: boolean;
  /** `national`: the basic statements asked. */
  statements: readonly string[];
  /** `children`: the questions asked. */
  questions: readonly string[];
  /** As typed: whole hours. */
  ttlHours: string;
};

export type FormField =
  | 'existingUnit'
  | 'newUnitId'
  | 'newUnitName'
  | 'template'
  | 'statements'
  | 'questions'
  | 'ttlHours';

export type FieldProblem =
  | { field: 'existingUnit' | 'newUnitId' | 'newUnitName'; problem: 'required' }
  | { field: 'newUnitId'; problem: 'taken' }
  | { field: 'newUnitId' | 'newUnitName'; problem: 'tooLong' }
  | { field: 'statements' | 'questions'; problem: 'count'; min: number; max: number }
  | { field: 'ttlHours'; problem: 'range'; min: number; max: number }
  /** Whatever the server refused in this field: the page says to check it. */
  | { field: FormField; problem: 'refused' };

export type CodeRequestBody = {
  unit: { id: string; name: LocalizedText };
  surveyTemplate: { id: TemplateId; options: Record<string, boolean | string[]> };
  ttlHours: number;
};

const MAX_UNIT_ID = 100;
const MAX_NAME = 500;

/** A fresh form: the first unit there is (else a new one), the first template, its defaults. */
export function initialCodeForm(
  units: readonly NamedUnit[],
  templates: SurveyTemplateList,
): CodeForm {
  const first = units[0];
  return {
    unitChoice: first === undefined ? 'new' : 'existing',
    existingUnitId: first?.unitId ?? '',
    newUnitId: '',
    newUnitName: { fi: '', sv: '', en: '' },
    templateId: templates.templates[0]?.id ?? 'visit-smiley',
    askRespondent: false,
    statements: templates.national.statements.filter((s) => s.default).map((s) => s.id),
    questions: templates.children.questions.filter((q) => q.default).map((q) => q.id),
    ttlHours: String(DEFAULT_CODE_TTL_HOURS),
  };
}

function chosenInOrder(all: readonly { id: string }[], chosen: readonly string[]): string[] {
  return all.filter(({ id }) => chosen.includes(id)).map(({ id }) => id);
}

/** The body to send, or every problem found, each with its field. */
export function codeRequest(
  form: CodeForm,
  units: readonly NamedUnit[],
  templates: SurveyTemplateList,
): { ok: true; body: CodeRequestBody } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let unit: CodeRequestBody['unit'] | undefined;
  if (form.unitChoice === 'existing') {
    const known = units.find(({ unitId }) => unitId === form.existingUnitId);
    if (known === undefined) {
      problems.push({ field: 'existingUnit', problem: 'required' });
    } else {
      unit = { id: known.unitId, name: known.name };
    }
  } else {
    const id = form.newUnitId.trim();
    if (id === '') {
      problems.push({ field: 'newUnitId', problem: 'required' });
    } else if (id.length > MAX_UNIT_ID) {
      problems.push({ field: 'newUnitId', problem: 'tooLong' });
    } else if (units.some(({ unitId }) => unitId === id)) {
      // The same id would rename the unit there is: that unit is picked from the list instead.
      problems.push({ field: 'newUnitId', problem: 'taken' });
    }
    const name: LocalizedText = {};
    for (const language of NAME_LANGUAGES) {
      const text = form.newUnitName[language].trim();
      if (text !== '') {
        name[language] = text;
      }
    }
    if (Object.keys(name).length === 0) {
      problems.push({ field: 'newUnitName', problem: 'required' });
    } else if (Object.values(name).some((text) => text.length > MAX_NAME)) {
      problems.push({ field: 'newUnitName', problem: 'tooLong' });
    }
    unit = { id, name };
  }

  const options: Record<string, boolean | string[]> = { askRespondent: form.askRespondent };
  if (form.templateId === 'national') {
    const { statements, statementCount } = templates.national;
    const chosen = chosenInOrder(statements, form.statements);
    if (chosen.length < statementCount.min || chosen.length > statementCount.max) {
      problems.push({ field: 'statements', problem: 'count', ...statementCount });
    }
    options['statements'] = chosen;
  } else if (form.templateId === 'children') {
    const { questions, questionCount } = templates.children;
    const chosen = chosenInOrder(questions, form.questions);
    if (chosen.length < questionCount.min || chosen.length > questionCount.max) {
      problems.push({ field: 'questions', problem: 'count', ...questionCount });
    }
    options['questions'] = chosen;
  }

  const typed = form.ttlHours.trim();
  const hours = Number(typed);
  if (!/^\d+$/.test(typed) || hours < 1 || hours > MAX_CODE_TTL_HOURS) {
    problems.push({ field: 'ttlHours', problem: 'range', min: 1, max: MAX_CODE_TTL_HOURS });
  }

  if (problems.length > 0 || unit === undefined) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    body: {
      unit,
      surveyTemplate: { id: form.templateId, options },
      ttlHours: hours,
    },
  };
}

/**
 * The form's field for a field the server named in a 400 (`unit.name.sv`,
 * `surveyTemplate.options.statements.2`), or undefined for one the form does not show.
 */
export function formFieldOf(serverField: string, form: CodeForm): FormField | undefined {
  const [head, second, third] = serverField.split('.');
  if (head === 'unit') {
    if (form.unitChoice === 'existing') {
      return 'existingUnit';
    }
    return second === 'name' ? 'newUnitName' : 'newUnitId';
  }
  if (head === 'surveyTemplate' || head === 'survey') {
    if (second === 'options' && third === 'statements') {
      return 'statements';
    }
    if (second === 'options' && third === 'questions') {
      return 'questions';
    }
    return 'template';
  }
  if (head === 'ttlHours') {
    return 'ttlHours';
  }
  return undefined;
}

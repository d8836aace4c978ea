import { SurveyTemplateRequestSchema, type SurveyTemplateRequest } from '../../../core/central-api';
import {
  BASIC_STATEMENT_COUNT,
  BASIC_STATEMENTS,
  buildSurveyTemplate,
  CHILD_QUESTION_COUNT,
  CHILD_QUESTIONS,
  DEFAULT_BASIC_STATEMENTS,
  DEFAULT_CHILD_QUESTIONS,
  type TemplateId,
  type TemplateProblem,
  type TemplateResult,
} from '../../../core/templates';
import { parseWith } from '../../../core/validation';

/**
 * The template a technician chose with flags, as the `surveyTemplate` of an admin body. Checked
 * here with the same builder the server uses, so a wrong choice is explained before any request
 * and in the flags' own words; only the options given are sent, the server's defaults stand.
 */

export const TEMPLATE_IDS = [
  'visit-smiley',
  'children',
  'national',
] as const satisfies readonly TemplateId[];

/** parseArgs options of the commands that choose a template. */
export const TEMPLATE_FLAGS = {
  template: { type: 'string' },
  'template-version': { type: 'string' },
  scale: { type: 'string' },
  'no-follow-up': { type: 'boolean' },
  questions: { type: 'string' },
  statements: { type: 'string' },
  'unit-statement': { type: 'string', multiple: true },
  'no-cannot-say': { type: 'boolean' },
  'ask-respondent': { type: 'boolean' },
  comment: { type: 'boolean' },
  'no-comment': { type: 'boolean' },
  'child-mode': { type: 'boolean' },
  'no-child-mode': { type: 'boolean' },
} as const;

type TemplateFlag = keyof typeof TEMPLATE_FLAGS;
export type TemplateFlagValues = {
  [Flag in TemplateFlag]?: (typeof TEMPLATE_FLAGS)[Flag] extends { multiple: true }
    ? string[]
    : (typeof TEMPLATE_FLAGS)[Flag]['type'] extends 'string'
      ? string
      : boolean;
};

export const TEMPLATE_SCALES: Record<TemplateId, readonly string[]> = {
  'visit-smiley': ['smiley3', 'smiley4', 'smiley5'],
  children: ['smiley3', 'smiley4'],
  national: [],
};

/** The flags that only some templates take; the others go with all three. */
const FLAG_TEMPLATES: Partial<Record<TemplateFlag, readonly TemplateId[]>> = {
  scale: ['visit-smiley', 'children'],
  'no-follow-up': ['visit-smiley'],
  questions: ['children'],
  statements: ['national'],
  'unit-statement': ['national'],
  'no-cannot-say': ['national'],
};

const ITEM_LISTS = {
  statements: {
    template: 'national',
    what: 'basic statement',
    ids: BASIC_STATEMENTS.map(({ id }) => id),
    defaults: DEFAULT_BASIC_STATEMENTS,
    count: BASIC_STATEMENT_COUNT,
  },
  questions: {
    template: 'children',
    what: "children's question",
    ids: CHILD_QUESTIONS.map(({ id }) => id),
    defaults: DEFAULT_CHILD_QUESTIONS,
    count: CHILD_QUESTION_COUNT,
  },
} as const;
export type ItemListFlag = keyof typeof ITEM_LISTS;
export { ITEM_LISTS };

export type TemplateChoice =
  { ok: true; template: SurveyTemplateRequest } | { ok: false; problem: string };

const refuse = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
}

function orList(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/** `--statements a,b` as ids: spaces around the commas and empty items do not count. */
function itemList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * `--unit-statement "id|fi|sv|en"`: one of the unit's own statements, in all three languages
 * (a missing one would fall back to a different sentence, so the builder wants all three).
 */
function unitStatements(given: readonly string[]):
  | { ok: true; value: { id: string; text: { fi: string; sv: string; en: string } }[] }
  | {
      ok: false;
      problem: string;
    } {
  const value = [];
  for (const text of given) {
    const [id, fi, sv, en, ...rest] = text.split('|').map((part) => part.trim());
    if (!id || !fi || !sv || !en || rest.length > 0) {
      return refuse(
        `--unit-statement takes "id|fi text|sv text|en text", four parts, not ${quoted(text)}`,
      );
    }
    value.push({ id, text: { fi, sv, en } });
  }
  return { ok: true, value };
}

/** A flag and its opposite; both given is a contradiction, not "the last one wins". */
function either(
  values: TemplateFlagValues,
  on: 'comment' | 'child-mode',
): { ok: true; value: boolean | undefined } | { ok: false; problem: string } {
  const off = values[`no-${on}`];
  if (values[on] && off) {
    return refuse(`--${on} and --no-${on} contradict each other; give one of them`);
  }
  return { ok: true, value: values[on] ? true : off ? false : undefined };
}

export function templateFromFlags(values: TemplateFlagValues): TemplateChoice {
  const id = TEMPLATE_IDS.find((known) => known === values.template);
  if (values.template === undefined) {
    return refuse(`--template is required: ${orList(TEMPLATE_IDS)}`);
  }
  if (id === undefined) {
    return refuse(`--template must be ${orList(TEMPLATE_IDS)}, not ${quoted(values.template)}`);
  }
  for (const [flag, templates] of Object.entries(FLAG_TEMPLATES)) {
    if (values[flag as TemplateFlag] !== undefined && !templates.includes(id)) {
      return refuse(
        `--${flag} is an option of the ${templates.join(' and ')} ` +
          `template${templates.length > 1 ? 's' : ''}, not of ${id}`,
      );
    }
  }
  const comment = either(values, 'comment');
  if (!comment.ok) {
    return comment;
  }
  const childMode = either(values, 'child-mode');
  if (!childMode.ok) {
    return childMode;
  }
  const options: Record<string, unknown> = {};
  if (values.scale !== undefined) {
    if (!TEMPLATE_SCALES[id].includes(values.scale)) {
      return refuse(
        `--scale must be ${orList(TEMPLATE_SCALES[id])} for the ${id} template, not ${quoted(values.scale)}`,
      );
    }
    options.scale = values.scale;
  }
  for (const flag of ['statements', 'questions'] as const) {
    const given = values[flag];
    if (given === undefined) {
      continue;
    }
    const list = ITEM_LISTS[flag];
    const chosen = itemList(given);
    const unknown = chosen.find((item) => !(list.ids as readonly string[]).includes(item));
    if (unknown !== undefined) {
      return refuse(
        `--${flag}: ${quoted(unknown)} is not a ${list.what}; choose from ${list.ids.join(',')} (unknown_item)`,
      );
    }
    options[flag] = chosen;
  }
  if (values['unit-statement'] !== undefined) {
    const statements = unitStatements(values['unit-statement']);
    if (!statements.ok) {
      return statements;
    }
    options.unitStatements = statements.value;
  }
  let version: number | undefined;
  if (values['template-version'] !== undefined) {
    const text = values['template-version'];
    if (!/^\d{1,9}$/.test(text)) {
      return refuse(`--template-version must be a whole number, 0 or more, not ${quoted(text)}`);
    }
    version = Number(text);
  }
  if (values['no-follow-up']) {
    options.followUp = false;
  }
  if (values['no-cannot-say']) {
    options.cannotSay = false;
  }
  if (values['ask-respondent']) {
    options.askRespondent = true;
  }
  if (comment.value !== undefined) {
    options.comment = comment.value;
  }
  if (childMode.value !== undefined) {
    options.childMode = childMode.value;
  }
  const request = parseWith(SurveyTemplateRequestSchema, {
    id,
    ...(version === undefined ? {} : { version }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
  });
  if (!request.ok) {
    // The checks above come first; this is the schema's word should they ever drift apart.
    return refuse(
      `the ${id} template cannot take these options: ${request.field}: ${request.message}`,
    );
  }
  const built = build(request.value);
  return built.ok ? { ok: true, template: request.value } : refuse(describeProblem(id, built));
}

/** The builder of core/templates.ts, with each template's options typed as its own. */
function build(template: SurveyTemplateRequest): TemplateResult {
  switch (template.id) {
    case 'visit-smiley':
      return buildSurveyTemplate(template.id, template.options);
    case 'children':
      return buildSurveyTemplate(template.id, template.options);
    case 'national':
      return buildSurveyTemplate(template.id, template.options);
  }
}

/** The template builder's reason as a sentence about the flag, its code kept at the end. */
function describeProblem(id: TemplateId, problem: TemplateProblem): string {
  const flag: ItemListFlag = id === 'national' ? 'statements' : 'questions';
  const list = ITEM_LISTS[flag];
  switch (problem.reason) {
    case 'statement_count':
    case 'question_count':
      return (
        `--${flag}: ${problem.count} chosen; the ${id} template asks ${problem.min}–${problem.max} ` +
        `of ${list.ids.join(',')} (${problem.reason})`
      );
    case 'unknown_item':
      return `--${flag}: ${quoted(problem.id)} is not a ${list.what} (${problem.reason})`;
    case 'repeated_item':
      return `--${flag}: ${problem.id} is given twice (${problem.reason})`;
    case 'missing_language':
      return `the ${id} template needs ${problem.id} in ${problem.language} (${problem.reason})`;
    case 'invalid_survey':
      return (
        `the ${id} template makes no valid survey with these options: ` +
        `${problem.field}: ${problem.message} (${problem.reason})`
      );
  }
}

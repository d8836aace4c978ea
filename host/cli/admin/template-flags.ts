import {
  describeTemplateProblem,
  quotedInput as quoted,
  type TemplateProblemText,
} from '../../../core/template-problems';
import {
  buildSurveyTemplate,
  SurveyTemplateRequestSchema,
  TEMPLATE_IDS,
  type SurveyTemplateRequest,
  type TemplateId,
} from '../../../core/templates';
import { parseWith } from '../../../core/validation';
import {
  orList,
  TEMPLATE_OPTIONS,
  type TemplateFlagValues,
  type TemplateOption,
  type TemplateOptionOf,
} from './template-options';

export { TEMPLATE_FLAGS, type TemplateFlagValues } from './template-options';

/**
 * The template a technician chose with flags, as the `surveyTemplate` of an admin body. Checked
 * here with the same schema and builder the server uses, so a wrong choice is explained before
 * any request and in the flags' own words; only the options given are sent, the server's
 * defaults stand.
 */

export type TemplateChoice =
  { ok: true; template: SurveyTemplateRequest } | { ok: false; problem: string };

type Refusal = { ok: false; problem: string };
const refuse = (problem: string): Refusal => ({ ok: false, problem });

/** `--statements a,b` as ids: spaces around the commas and empty items do not count. */
function itemList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The flag a refusal of the core names: the option's own (`--statements`), if it has one. */
function asFlagText(id: TemplateId, text: TemplateProblemText): string {
  const option = TEMPLATE_OPTIONS.find(({ key }) => key === text.path[0]);
  const flag = option?.flags.find((name) => !name.startsWith('no-')) ?? option?.flags[0];
  return flag === undefined ? text.message : `--${flag}: ${text.message}`;
}

/** The value of one option from its flags, or undefined when none of them was given. */
function optionValue(
  id: TemplateId,
  option: TemplateOption,
  of: TemplateOptionOf,
  values: TemplateFlagValues,
): { ok: true; value: unknown } | Refusal {
  const [flag = option.key] = option.flags;
  const given = values[flag];
  switch (option.kind.kind) {
    case 'switch': {
      const on = option.flags.find((name) => !name.startsWith('no-'));
      const off = option.flags.find((name) => name.startsWith('no-'));
      if (on !== undefined && off !== undefined && values[on] && values[off]) {
        // Both is a contradiction, not "the last one wins".
        return refuse(`--${on} and --${off} contradict each other; give one of them`);
      }
      const value =
        on !== undefined && values[on]
          ? true
          : off !== undefined && values[off]
            ? false
            : undefined;
      return { ok: true, value };
    }
    case 'choice':
      if (typeof given !== 'string') {
        return { ok: true, value: undefined };
      }
      return of.values.includes(given)
        ? { ok: true, value: given }
        : refuse(
            `--${flag} must be ${orList(of.values)} for the ${id} template, not ${quoted(given)}`,
          );
    case 'list': {
      if (typeof given !== 'string') {
        return { ok: true, value: undefined };
      }
      const chosen = itemList(given);
      const unknown = chosen.find((item) => !of.values.includes(item));
      if (unknown !== undefined) {
        const problem = { reason: 'unknown_item', id: unknown } as const;
        return refuse(
          asFlagText(id, describeTemplateProblem(id, { [option.key]: chosen }, problem)),
        );
      }
      return { ok: true, value: chosen };
    }
    case 'entries': {
      if (!Array.isArray(given)) {
        return { ok: true, value: undefined };
      }
      const { parts } = option.kind;
      const value = [];
      for (const text of given) {
        const cells = text.split('|').map((part) => part.trim());
        if (cells.length !== parts.length || cells.some((cell) => cell === '')) {
          // "id|fi text|sv text|en text": a nested leaf is named with what it is part of.
          const format = parts.map((path) => path.slice().reverse().join(' ')).join('|');
          return refuse(
            `--${flag} takes "${format}", ${PART_COUNTS[parts.length] ?? parts.length} parts, ` +
              `not ${quoted(text)}`,
          );
        }
        value.push(objectOf(parts, cells));
      }
      return { ok: true, value };
    }
  }
}

const PART_COUNTS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

/** `["id"], ["text", "fi"]` and `a, b` as `{id: a, text: {fi: b}}`. */
function objectOf(parts: readonly (readonly string[])[], cells: readonly string[]) {
  const object: Record<string, unknown> = {};
  parts.forEach((path, index) => {
    let place = object;
    for (const name of path.slice(0, -1)) {
      place = (place[name] ??= {}) as Record<string, unknown>;
    }
    place[path.at(-1) ?? ''] = cells[index];
  });
  return object;
}

export function templateFromFlags(values: TemplateFlagValues): TemplateChoice {
  const given = values.template;
  if (typeof given !== 'string') {
    return refuse(`--template is required: ${orList(TEMPLATE_IDS)}`);
  }
  const id = TEMPLATE_IDS.find((known) => known === given);
  if (id === undefined) {
    return refuse(`--template must be ${orList(TEMPLATE_IDS)}, not ${quoted(given)}`);
  }
  for (const option of TEMPLATE_OPTIONS) {
    const flag = option.flags.find((name) => values[name] !== undefined);
    const templates = option.of.map(({ template }) => template);
    if (flag !== undefined && !templates.includes(id)) {
      return refuse(
        `--${flag} is an option of the ${templates.join(' and ')} ` +
          `template${templates.length > 1 ? 's' : ''}, not of ${id}`,
      );
    }
  }
  const options: Record<string, unknown> = {};
  for (const option of TEMPLATE_OPTIONS) {
    const of = option.of.find(({ template }) => template === id);
    if (of === undefined) {
      continue;
    }
    const value = optionValue(id, option, of, values);
    if (!value.ok) {
      return value;
    }
    if (value.value !== undefined) {
      options[option.key] = value.value;
    }
  }
  let version: number | undefined;
  const versionText = values['template-version'];
  if (typeof versionText === 'string') {
    if (!/^\d{1,9}$/.test(versionText)) {
      return refuse(
        `--template-version must be a whole number, 0 or more, not ${quoted(versionText)}`,
      );
    }
    version = Number(versionText);
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
  const built = buildSurveyTemplate(request.value.id, request.value.options);
  if (!built.ok) {
    return refuse(asFlagText(id, describeTemplateProblem(id, options, built)));
  }
  // What is sent is the request as made: parsing filled in the template's defaults.
  const template = {
    id,
    ...(version === undefined ? {} : { version }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
  };
  return { ok: true, template: template as SurveyTemplateRequest };
}

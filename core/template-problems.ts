import {
  templateById,
  type TemplateId,
  type TemplateItemList,
  type TemplateProblem,
} from './templates';

/**
 * A template's refusal in words, once for every reader: the admin API names the field of the
 * request (`surveyTemplate.options.statements`), the admin CLI names the flag of that option
 * (`--statements`); both say the same sentence after it, with the reason's code at the end.
 */
export type TemplateProblemText = {
  /** Where in `options` the problem is: empty for the options as a whole. */
  path: readonly (string | number)[];
  message: string;
};

/** A text a person typed, in quotes and cut short, so a refusal stays one readable line. */
export function quotedInput(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
}

type Options = Record<string, unknown>;

/** The option that chooses items from a list (a template has at most one such list today). */
function itemList(id: TemplateId): [string, TemplateItemList] | undefined {
  const lists = Object.entries<TemplateItemList>(templateById(id).itemLists);
  return lists[0];
}

/** The option holding objects with this `id` (the unit's own statements), and where. */
function ownItem(options: Options, itemId: string): [string, number] | undefined {
  for (const [key, value] of Object.entries(options)) {
    if (!Array.isArray(value)) {
      continue;
    }
    const index = value.findIndex(
      (item: unknown) =>
        typeof item === 'object' && item !== null && (item as { id?: unknown }).id === itemId,
    );
    if (index >= 0) {
      return [key, index];
    }
  }
  return undefined;
}

/** The question id at `index` of the survey these options build, if any. */
function questionIdAt(id: TemplateId, options: Options, index: number): string | undefined {
  const template = templateById(id);
  const parsed = template.options.safeParse(options);
  if (!parsed.success) {
    return undefined;
  }
  const built = (template.build as (options: unknown) => unknown)(parsed.data);
  return Array.isArray(built) ? (built[index] as { id?: string } | undefined)?.id : undefined;
}

export function describeTemplateProblem(
  id: TemplateId,
  given: unknown,
  problem: TemplateProblem,
): TemplateProblemText {
  const options: Options = typeof given === 'object' && given !== null ? (given as Options) : {};
  const list = itemList(id);
  const [listKey, items] = list ?? ['options', undefined];
  const chosen = Array.isArray(options[listKey]) ? (options[listKey] as unknown[]) : [];
  const at = (itemId: string) => {
    const index = chosen.lastIndexOf(itemId);
    return index < 0 ? [listKey] : [listKey, index];
  };
  const ids = items?.ids.join(',') ?? '';
  switch (problem.reason) {
    case 'statement_count':
    case 'question_count':
      return {
        path: [listKey],
        message:
          `${problem.count} chosen; the ${id} template asks ${problem.min}–${problem.max} ` +
          `of ${ids} (${problem.reason})`,
      };
    case 'unknown_item':
      return {
        path: at(problem.id),
        message:
          `${quotedInput(problem.id)} is not a ${items?.what ?? 'choice'}; ` +
          `choose from ${ids} (${problem.reason})`,
      };
    case 'repeated_item':
      return { path: at(problem.id), message: `${problem.id} is given twice (${problem.reason})` };
    case 'missing_language': {
      const where = ownItem(options, problem.id);
      return {
        path: where ? [...where, 'text', problem.language] : [],
        message:
          `${problem.id} has no text in ${problem.language}; every unit statement needs ` +
          `fi, sv and en (${problem.reason})`,
      };
    }
    case 'invalid_survey': {
      // A question the admin wrote (a unit statement) is named where it was given.
      const [top, position, ...rest] = problem.field.split('.');
      const questionId =
        top === 'questions' && position !== undefined
          ? questionIdAt(id, options, Number(position))
          : undefined;
      const where = questionId === undefined ? undefined : ownItem(options, questionId);
      // Too many questions in all: the admin's own statements are what made them too many.
      const own = Object.entries(options).find(
        ([, value]) => Array.isArray(value) && value.some((item) => typeof item === 'object'),
      );
      return {
        path: where ? [...where, ...rest] : top === 'questions' && own ? [own[0]] : [],
        message:
          `the ${id} template makes no valid survey with these options: ` +
          `${problem.field}: ${problem.message} (${problem.reason})`,
      };
    }
    case 'invalid_options':
      return {
        path: problem.field === '(root)' ? [] : problem.field.split('.'),
        message: `${problem.message} (${problem.reason})`,
      };
  }
}

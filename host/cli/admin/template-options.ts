import { z } from 'zod';
import { SURVEY_TEMPLATES, type TemplateItemList } from '../../../core/templates';

/**
 * The admin CLI's flags, read off the templates' option schemas (core/templates.ts): each
 * option becomes a flag by the kind of value it takes, so a new option of a template gets its
 * flag, its parsing and its `--help` line without a change here, unless it is a new kind.
 *
 * - a boolean: `--x` where a template leaves it off by default, `--no-x` where one has it on;
 * - one of a few values (an enum): `--x VALUE`;
 * - a list of known items (an array of an enum): `--x a,b,c`;
 * - a list of objects (the unit's own statements): `--x "id|fi|sv|en"`, the flag repeated, its
 *   name in the singular (`unitStatements` → `--unit-statement`).
 */

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
};

export type TemplateOptionKind =
  | { kind: 'switch' }
  | { kind: 'choice' }
  | { kind: 'list' }
  /** Each value `a|b|c`: the leaves of the object, in order (`id`, `text.fi`, …). */
  | { kind: 'entries'; parts: readonly (readonly string[])[] };

/** One option of one template, as the CLI sees it. */
export type TemplateOptionOf = {
  template: string;
  /** Whatever the template says the default is (the schema's `default`). */
  default: unknown;
  /** An enum's values, or a list's items. */
  values: readonly string[];
  help: string;
  itemList: TemplateItemList | undefined;
};

export type TemplateOption = {
  key: string;
  kind: TemplateOptionKind;
  /** Every flag that sets it: `comment` and `no-comment`, or `scale`. */
  flags: readonly string[];
  /** The templates that take it, in the order of SURVEY_TEMPLATES. */
  of: readonly TemplateOptionOf[];
};

const kebab = (key: string): string =>
  key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The leaves of an object's schema as paths: `{id, text: {fi, sv, en}}` → id, text.fi, … */
function leaves(schema: JsonSchema, above: readonly string[] = []): string[][] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, inner]) =>
    inner.type === 'object' ? leaves(inner, [...above, name]) : [[...above, name]],
  );
}

function kindOf(key: string, schema: JsonSchema): TemplateOptionKind {
  if (schema.type === 'boolean') {
    return { kind: 'switch' };
  }
  if (Array.isArray(schema.enum)) {
    return { kind: 'choice' };
  }
  if (schema.type === 'array' && Array.isArray(schema.items?.enum)) {
    return { kind: 'list' };
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    return { kind: 'entries', parts: leaves(schema.items) };
  }
  // A new kind of option needs a new kind of flag: a test builds this table for every template.
  throw new Error(`the option ${key} takes a value the admin CLI has no flag for`);
}

function flagsOf(key: string, kind: TemplateOptionKind, of: readonly TemplateOptionOf[]): string[] {
  switch (kind.kind) {
    case 'switch':
      return [
        ...(of.some((option) => option.default !== true) ? [kebab(key)] : []),
        ...(of.some((option) => option.default === true) ? [`no-${kebab(key)}`] : []),
      ];
    case 'entries':
      return [kebab(key).replace(/s$/, '')];
    case 'choice':
    case 'list':
      return [kebab(key)];
  }
}

/** What the CLI reads of a template: any template of core/templates.ts fits. */
export type TemplateLike = {
  id: string;
  options: z.ZodObject;
  optionHelp: Readonly<Record<string, string>>;
  itemLists: Readonly<Record<string, TemplateItemList | undefined>>;
};

/** The options of these templates, each once, in the order the templates first name them. */
export function templateOptionsOf(templates: readonly TemplateLike[]): TemplateOption[] {
  const byKey = new Map<string, { kind: TemplateOptionKind; of: TemplateOptionOf[] }>();
  for (const template of templates) {
    const help = template.optionHelp;
    const lists = template.itemLists;
    for (const [key, field] of Object.entries(template.options.shape)) {
      const schema = z.toJSONSchema(field as z.ZodType, { io: 'input' }) as JsonSchema;
      const kind = kindOf(key, schema);
      const values = (schema.enum ?? schema.items?.enum ?? []).map(String);
      const entry = byKey.get(key) ?? { kind, of: [] };
      if (entry.kind.kind !== kind.kind) {
        throw new Error(`the option ${key} takes different kinds of value in different templates`);
      }
      entry.of.push({
        template: template.id,
        default: schema.default,
        values,
        help: help[key] ?? '',
        itemList: lists[key],
      });
      byKey.set(key, entry);
    }
  }
  return [...byKey.entries()].map(([key, { kind, of }]) => ({
    key,
    kind,
    flags: flagsOf(key, kind, of),
    of,
  }));
}

/** Every option of every template, each once, in the order the templates first name them. */
export const TEMPLATE_OPTIONS: readonly TemplateOption[] = templateOptionsOf(SURVEY_TEMPLATES);

type FlagSpec = { readonly type: 'string' | 'boolean'; readonly multiple?: true };

/** parseArgs options of the commands that choose a template. */
export function templateFlagsFor(options: readonly TemplateOption[]): Record<string, FlagSpec> {
  return {
    template: { type: 'string' },
    'template-version': { type: 'string' },
    ...Object.fromEntries(
      options.flatMap(({ kind, flags }) =>
        flags.map((flag): [string, FlagSpec] => [
          flag,
          kind.kind === 'switch'
            ? { type: 'boolean' }
            : kind.kind === 'entries'
              ? { type: 'string', multiple: true }
              : { type: 'string' },
        ]),
      ),
    ),
  };
}

export const TEMPLATE_FLAGS: Readonly<Record<string, FlagSpec>> =
  templateFlagsFor(TEMPLATE_OPTIONS);

export type TemplateFlagValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

/** `a, b or c`, as a sentence lists choices. */
export function orList(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/** `--unit-statement "id|fi|sv|en"`'s value as the help shows it. */
export function entriesFormat(parts: readonly (readonly string[])[]): string {
  return parts.map((path) => path.at(-1) ?? '').join('|');
}

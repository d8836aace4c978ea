import { SURVEY_TEMPLATES, TEMPLATE_IDS, type TemplateId } from '../../../core/templates';
import {
  entriesFormat,
  orList,
  TEMPLATE_OPTIONS,
  type TemplateOption,
  type TemplateOptionOf,
} from './template-options';

/**
 * The template part of `--help`, written from the templates' option schemas: an option a
 * template gains shows up here with its flag, its values, its default and its words.
 */

const WIDTH = 100;

/** `flag` in its column and `text` beside it, wrapped; a long flag gets a line of its own. */
function row(indent: number, flag: string, text: string): string[] {
  const column = 25;
  const lines: string[] = [];
  const head = `${' '.repeat(indent)}${flag}`;
  if (head.length > column - 2) {
    lines.push(head);
  }
  let line = head.length > column - 2 ? ' '.repeat(column) : head.padEnd(column);
  let empty = true;
  for (const word of text.split(' ')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = ' '.repeat(column);
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

const onFor = (ids: readonly string[]): string => ids.join(' and ');

/** What one option's flag does in one template (or in all, for the options every one takes). */
function describe(option: TemplateOption, of: TemplateOptionOf): [string, string][] {
  const flags = option.flags.map((flag) => `--${flag}`);
  switch (option.kind.kind) {
    case 'switch': {
      if (option.flags.length === 1 && option.flags[0]?.startsWith('no-')) {
        return [[flags[0] ?? '', `without ${of.help}`]];
      }
      const on = option.of.filter((each) => each.default === true).map(({ template }) => template);
      const note =
        option.flags.length < 2
          ? ''
          : on.length === option.of.length
            ? ' (default: on)'
            : ` (default: on for ${onFor(on)} only)`;
      return [[flags.join(', '), `${of.help}${note}`]];
    }
    case 'choice':
      return [
        [
          `${flags[0] ?? ''} ${option.key.charAt(0).toUpperCase()}`,
          `${of.help}: ${orList(of.values)} (default ${String(of.default)})`,
        ],
      ];
    case 'list': {
      const count = of.itemList?.count;
      const range = count === undefined ? 'any' : `${count.min}–${count.max}`;
      const defaults = Array.isArray(of.default) ? of.default.join(',') : '';
      return [
        [`${flags[0] ?? ''} LIST`, `${range} of ${of.values.join(',')}`],
        ['', `${of.help} (default ${defaults})`],
      ];
    }
    case 'entries':
      return [
        [
          `${flags[0] ?? ''} "${entriesFormat(option.kind.parts)}"`,
          `${of.help}; repeat the flag for more`,
        ],
      ];
  }
}

/** The options every template takes, said once above the templates' own. */
const common = (option: TemplateOption): boolean => option.of.length === SURVEY_TEMPLATES.length;

/** The help of these options (the templates' by default); `ids` are the templates' ids. */
export function templateHelp(
  options: readonly TemplateOption[] = TEMPLATE_OPTIONS,
  ids: readonly string[] = TEMPLATE_IDS,
): string {
  const everyOne = (option: TemplateOption): boolean => option.of.length === ids.length;
  const lines = [
    'Template (npm run admin -- templates lists them and their items):',
    ...row(2, '--template ID', `${ids.join(', ')} (required)`),
    ...row(
      2,
      '--template-version N',
      "the survey's version (default 1); a terminal that has asked a question on one scale " +
        'needs a higher version to ask it on another',
    ),
  ];
  for (const option of options.filter(everyOne)) {
    const [first] = option.of;
    if (first !== undefined) {
      lines.push(...describe(option, first).flatMap(([flag, text]) => row(2, flag, text)));
    }
  }
  for (const id of ids) {
    lines.push(`  ${id}:`);
    for (const option of options.filter((each) => !everyOne(each))) {
      const of = option.of.find(({ template }) => template === id);
      if (of !== undefined) {
        lines.push(...describe(option, of).flatMap(([flag, text]) => row(4, flag, text)));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The flags of a template's own options, as the template list names them. */
export function templateFlagsOf(id: TemplateId): {
  flags: string[];
  list: TemplateOption | undefined;
} {
  const own = TEMPLATE_OPTIONS.filter(
    (option) => !common(option) && option.of.some(({ template }) => template === id),
  );
  const flags = own
    .filter((option) => option.kind.kind !== 'list')
    .map((option) => {
      const of = option.of.find(({ template }) => template === id);
      switch (option.kind.kind) {
        case 'choice':
          return `--${option.flags[0] ?? ''} ${of?.values.join('|') ?? ''}`;
        case 'entries':
          return `--${option.flags[0] ?? ''} "${entriesFormat(option.kind.parts)}"`;
        default:
          return option.flags.map((flag) => `--${flag}`).join('/');
      }
    });
  return { flags, list: own.find((option) => option.kind.kind === 'list') };
}

/** The options every template takes, as flags: `--comment/--no-comment`. */
export function commonTemplateFlags(): string[] {
  return TEMPLATE_OPTIONS.filter(common).map((option) =>
    option.flags.map((flag) => `--${flag}`).join('/'),
  );
}

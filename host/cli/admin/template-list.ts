import type { SurveyTemplateList } from '../../../core/central-api';
import { commonTemplateFlags, templateFlagsOf } from './template-help';

type Language = 'fi' | 'sv' | 'en';
type ListedItem = { id: string; text: Record<Language, string>; default: boolean };

/** Items as a column: `* id  text`, the star on those asked unless chosen otherwise. */
function itemLines(items: readonly ListedItem[], language: Language): string[] {
  const width = Math.max(...items.map(({ id }) => id.length));
  return items.map(
    (item) => `    ${item.default ? '*' : ' '} ${item.id.padEnd(width)}  ${item.text[language]}`,
  );
}

/**
 * The server's items of a template's list option: `children.questions` with `questionCount`,
 * `national.statements` with `statementCount` (the list's wire format, GET survey-templates).
 */
function listedItems(
  list: SurveyTemplateList,
  id: string,
  key: string,
): { items: readonly ListedItem[]; count: { min: number; max: number } } | undefined {
  const section = (list as Record<string, unknown>)[id] as Record<string, unknown> | undefined;
  const items = section?.[key];
  const count = section?.[`${key.replace(/s$/, '')}Count`];
  return Array.isArray(items) && typeof count === 'object' && count !== null
    ? { items: items as ListedItem[], count: count as { min: number; max: number } }
    : undefined;
}

/**
 * `GET /v1/admin/survey-templates` for a technician: each template with its name and
 * description, the flags that shape it, and the ids its list flag (`--statements`,
 * `--questions`) takes.
 */
export function templateListLines(list: SurveyTemplateList, language: Language): string[] {
  const lines: string[] = [];
  for (const template of list.templates) {
    if (lines.length > 0) {
      lines.push('');
    }
    lines.push(`${template.id} — ${template.name[language]}`);
    lines.push(`  ${template.description[language]}`);
    const own = templateFlagsOf(template.id);
    const listed = own.list && listedItems(list, template.id, own.list.key);
    if (own.list === undefined || listed === undefined) {
      lines.push(`  options: ${own.flags.join(', ')}`);
      continue;
    }
    const { min, max } = listed.count;
    lines.push(
      `  options: ${[...own.flags, `--${own.list.flags[0] ?? ''} with ${min}–${max} of (* asked by default):`].join(', ')}`,
    );
    lines.push(...itemLines(listed.items, language));
  }
  lines.push('');
  lines.push(`All templates: ${commonTemplateFlags().join(', ')}`);
  return lines;
}

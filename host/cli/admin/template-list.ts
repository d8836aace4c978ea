import type { SurveyTemplateList } from '../../../core/central-api';
import { TEMPLATE_SCALES } from './template-flags';

type Language = 'fi' | 'sv' | 'en';

/** Items as a column: `* id  text`, the star on those asked unless chosen otherwise. */
function itemLines(
  items: readonly { id: string; text: Record<Language, string>; default: boolean }[],
  language: Language,
): string[] {
  const width = Math.max(...items.map(({ id }) => id.length));
  return items.map(
    (item) => `    ${item.default ? '*' : ' '} ${item.id.padEnd(width)}  ${item.text[language]}`,
  );
}

/**
 * `GET /v1/admin/survey-templates` for a technician: each template with its name and
 * description, the flags that shape it, and the ids `--statements` and `--questions` take.
 */
export function templateListLines(list: SurveyTemplateList, language: Language): string[] {
  const lines: string[] = [];
  for (const template of list.templates) {
    if (lines.length > 0) {
      lines.push('');
    }
    lines.push(`${template.id} — ${template.name[language]}`);
    lines.push(`  ${template.description[language]}`);
    const scale = `--scale ${TEMPLATE_SCALES[template.id].join('|')}`;
    switch (template.id) {
      case 'visit-smiley':
        lines.push(`  options: ${scale}, --no-follow-up`);
        break;
      case 'children': {
        const { min, max } = list.children.questionCount;
        lines.push(`  options: ${scale}, --questions with ${min}–${max} of (* asked by default):`);
        lines.push(...itemLines(list.children.questions, language));
        break;
      }
      case 'national': {
        const { min, max } = list.national.statementCount;
        lines.push(
          `  options: --no-cannot-say, --statements with ${min}–${max} of (* asked by default):`,
        );
        lines.push(...itemLines(list.national.statements, language));
        break;
      }
    }
  }
  lines.push('');
  lines.push(
    'All templates: --ask-respondent, --comment/--no-comment, --child-mode/--no-child-mode',
  );
  return lines;
}

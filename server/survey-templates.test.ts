import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildSurveyTemplate, SURVEY_TEMPLATES } from '../core/templates';
import { resolveEnrollmentCodeBody, resolveTerminalPatchBody } from './survey-templates';
import { UNIT } from './test-support';

/**
 * The admin API's `surveyTemplate` is validated with the templates' own option schemas
 * (core/templates.ts). Walking every option of every template with good and bad values, the
 * server must take exactly what the schema takes and the template can build, nothing more.
 */

type JsonSchema = { default?: unknown; enum?: unknown[]; items?: { enum?: unknown[] } };

/** Values to try for one option: its default and each allowed value, then wrong ones. */
function candidates(field: z.ZodType): unknown[] {
  const schema = z.toJSONSchema(field, { io: 'input' }) as JsonSchema;
  const allowed = schema.enum ?? (schema.items?.enum ? [schema.items.enum] : []);
  return [
    schema.default,
    ...allowed,
    true,
    false,
    42,
    'smiley4',
    'nope',
    null,
    [],
    ['access', 'met'],
    ['listened', 'told', 'safe'],
    ['parking'],
    [{ id: 'own-1', text: { fi: 'a', sv: 'b', en: 'c' } }],
    [{ id: 'own-1', text: { fi: 'a', sv: ' ', en: 'c' } }],
    [{ id: 'own-1', text: { fi: 'a' } }],
    [{ id: 'nps', text: { fi: 'a', sv: 'b', en: 'c' } }],
  ];
}

describe('the admin API takes exactly the template options the templates take', () => {
  it.each(SURVEY_TEMPLATES.map((template) => [template.id, template] as const))(
    '%s: every option, with good and bad values, and an option it does not have',
    (id, template) => {
      const tries: Record<string, unknown>[] = [{}, { notAnOption: true }];
      for (const [key, field] of Object.entries(template.options.shape)) {
        for (const value of candidates(field as z.ZodType)) {
          tries.push({ [key]: value });
        }
      }
      let accepted = 0;
      for (const options of tries) {
        const schemaTakes = template.options.safeParse(options).success;
        const builds = schemaTakes && buildSurveyTemplate(id, options as never).ok;
        const surveyTemplate = { id, options };
        const code = resolveEnrollmentCodeBody({ unit: UNIT, surveyTemplate });
        const patch = resolveTerminalPatchBody({ surveyTemplate });
        expect({ options, code: code.ok, patch: patch.ok }).toEqual({
          options,
          code: builds,
          patch: builds,
        });
        accepted += builds ? 1 : 0;
      }
      // Both sides of the line are walked: some tries pass, most do not.
      expect(accepted).toBeGreaterThan(2);
      expect(accepted).toBeLessThan(tries.length - 5);
    },
  );
});

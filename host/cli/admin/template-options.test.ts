import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SURVEY_TEMPLATES, TEMPLATE_IDS } from '../../../core/templates';
import { templateFromFlags } from './template-flags';
import { templateHelp } from './template-help';
import {
  TEMPLATE_FLAGS,
  TEMPLATE_OPTIONS,
  templateFlagsFor,
  templateOptionsOf,
  type TemplateOption,
} from './template-options';

/**
 * The CLI's template flags and help are read off the templates' option schemas. These tests
 * walk every template and every option, so an option added in core/templates.ts that the CLI
 * cannot offer, or offers without words, fails here.
 */

/** A value the flag takes for one template, and the option it must turn into. */
function sample(option: TemplateOption, template: string): [Record<string, unknown>, unknown][] {
  const of = option.of.find((each) => each.template === template);
  if (of === undefined) {
    return [];
  }
  const [flag = ''] = option.flags;
  switch (option.kind.kind) {
    case 'switch':
      return option.flags.map((name) => [{ [name]: true }, !name.startsWith('no-')]);
    case 'choice':
      return of.values.map((value) => [{ [flag]: value }, value]);
    case 'list': {
      const chosen = Array.isArray(of.default) ? (of.default as string[]) : [];
      return [[{ [flag]: chosen.join(',') }, chosen]];
    }
    case 'entries': {
      const cells = option.kind.parts.map((_, index) => (index === 0 ? 'own-1' : `words ${index}`));
      const value: Record<string, unknown> = {};
      option.kind.parts.forEach((path, index) => {
        let place = value;
        for (const name of path.slice(0, -1)) {
          place = (place[name] ??= {}) as Record<string, unknown>;
        }
        place[path.at(-1) ?? ''] = cells[index];
      });
      return [[{ [flag]: [cells.join('|')] }, [value]]];
    }
  }
}

describe('the template flags, derived from the templates', () => {
  const help = templateHelp();

  it.each(SURVEY_TEMPLATES.map((template) => [template.id, template] as const))(
    'every option of %s has a flag, a help line with its words, and reaches the request',
    (id, template) => {
      const section = help.slice(help.indexOf(`  ${id}:`));
      const keys = Object.keys(template.options.shape);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const option = TEMPLATE_OPTIONS.find((each) => each.key === key);
        expect(option?.of.map((each) => each.template)).toContain(id);
        const words = (template.optionHelp as Record<string, string>)[key] ?? '';
        expect(words).not.toBe('');
        for (const flag of option?.flags ?? []) {
          expect(TEMPLATE_FLAGS[flag]).toBeDefined();
          // Under the template's own heading, or above all of them for a common option.
          const common = option?.of.length === SURVEY_TEMPLATES.length;
          expect(common ? help : section).toContain(`--${flag}`);
        }
        expect(help).toContain(words.split(' ').slice(0, 3).join(' '));
        for (const [flags, value] of sample(option!, id)) {
          const choice = templateFromFlags({ template: id, ...flags });
          expect(choice).toMatchObject({ ok: true, template: { id } });
          const options = choice.ok ? (choice.template.options as Record<string, unknown>) : {};
          expect({ key, value: options[key] }).toEqual({ key, value });
        }
      }
    },
  );

  it('refuses every flag of an option the chosen template does not take', () => {
    for (const option of TEMPLATE_OPTIONS) {
      for (const id of TEMPLATE_IDS) {
        if (option.of.some((each) => each.template === id)) {
          continue;
        }
        const [flag = ''] = option.flags;
        const value = TEMPLATE_FLAGS[flag]?.type === 'boolean' ? true : 'x';
        const choice = templateFromFlags({ template: id, [flag]: value });
        expect(choice.ok).toBe(false);
        expect(choice.ok ? '' : choice.problem).toMatch(
          new RegExp(`^--${flag} is an option of the .*, not of ${id}$`),
        );
      }
    }
  });

  it('an option added to a template gets its flag and its help line without a change here', () => {
    const [first, ...others] = SURVEY_TEMPLATES;
    const grown = {
      ...first,
      options: first.options.extend({
        gentleStart: z.boolean().default(false),
        mood: z.enum(['calm', 'lively']).default('calm'),
      }),
      optionHelp: { ...first.optionHelp, gentleStart: 'a slow first screen', mood: 'the colours' },
    };
    const options = templateOptionsOf([grown, ...others]);
    expect(Object.keys(templateFlagsFor(options))).toEqual(
      expect.arrayContaining(['gentle-start', 'mood']),
    );
    const text = templateHelp(options, TEMPLATE_IDS);
    expect(text).toMatch(/\n {4}--gentle-start +a slow first screen\n/);
    expect(text).toMatch(/\n {4}--mood M +the colours: calm or lively \(default calm\)\n/);
  });

  it('an option of a kind no flag can carry fails loudly, not silently without a flag', () => {
    const [first] = SURVEY_TEMPLATES;
    const grown = {
      ...first,
      options: first.options.extend({ pauseMs: z.number().default(0) }),
      optionHelp: { ...first.optionHelp, pauseMs: 'a pause' },
    };
    expect(() => templateOptionsOf([grown])).toThrow(/pauseMs/);
  });
});

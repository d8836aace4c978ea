import { describe, expect, it } from 'vitest';
import { offersNps, parseTargetInput, targetInputText } from './target-input';

describe('a target as typed into the form', () => {
  it.each([
    ['70', { measure: 'positiveShare', value: 0.7 }],
    ['72,5', { measure: 'positiveShare', value: 0.725 }],
    ['72.5 %', { measure: 'positiveShare', value: 0.725 }],
    ['0', { measure: 'positiveShare', value: 0 }],
    ['100', { measure: 'positiveShare', value: 1 }],
  ])('takes the percentage %j as the fraction the API wants', (text, target) => {
    expect(parseTargetInput('positiveShare', text)).toEqual({ ok: true, target });
  });

  it.each([
    ['50', 50],
    ['+70', 70],
    ['-20', -20],
    ['\u221220', -20],
    ['-100', -100],
    ['33,33', 33.3],
  ])('takes the NPS %j', (text, value) => {
    expect(parseTargetInput('nps', text)).toEqual({ ok: true, target: { measure: 'nps', value } });
  });

  it.each([
    ['positiveShare', '', 'percentRange'],
    ['positiveShare', '101', 'percentRange'],
    ['positiveShare', '-1', 'percentRange'],
    ['positiveShare', 'seventy', 'percentRange'],
    ['positiveShare', '0.7.1', 'percentRange'],
    ['nps', '101', 'npsRange'],
    ['nps', '-100.5', 'npsRange'],
    ['nps', '', 'npsRange'],
  ] as const)('refuses %s %j', (choice, text, error) => {
    expect(parseTargetInput(choice, text)).toEqual({ ok: false, error });
  });

  it('removes the target when none is chosen, whatever the field says', () => {
    expect(parseTargetInput('none', 'anything')).toEqual({ ok: true, target: null });
  });

  it('shows a target back in the field the way it was typed, in the language', () => {
    expect(targetInputText({ measure: 'positiveShare', value: 0.7 }, 'fi')).toBe('70');
    expect(targetInputText({ measure: 'positiveShare', value: 0.725 }, 'fi')).toBe('72,5');
    expect(targetInputText({ measure: 'positiveShare', value: 0.725 }, 'en')).toBe('72.5');
    expect(parseTargetInput('nps', targetInputText({ measure: 'nps', value: -20 }, 'fi'))).toEqual({
      ok: true,
      target: { measure: 'nps', value: -20 },
    });
    expect(targetInputText(null, 'sv')).toBe('');
  });

  it('offers NPS only where the question is asked 0–10, or an NPS target is already there', () => {
    expect(offersNps({ scale: 'nps11', target: null })).toBe(true);
    expect(offersNps({ scale: 'smiley4', target: null })).toBe(false);
    expect(offersNps({ scale: null, target: { measure: 'nps', value: 50 } })).toBe(true);
  });
});

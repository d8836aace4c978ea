import { describe, expect, it } from 'vitest';
import { formatters, npsText, shareText, targetValueText, unitName } from './format';

const NBSP = '\u00a0';

describe('the figures as text', () => {
  it.each([
    ['fi', `84${NBSP}% (78–89${NBSP}%)`, `+42 (+30–+51)`, `70${NBSP}%`],
    ['sv', `84${NBSP}% (78–89${NBSP}%)`, `+42 (+30–+51)`, `70${NBSP}%`],
    ['en', '84% (78–89%)', '+42 (+30–+51)', '70%'],
  ])('%s', (language, share, nps, target) => {
    const f = formatters(language);
    expect(shareText(f, { value: 0.84, low: 0.7759, high: 0.8891 })).toBe(share);
    expect(npsText(f, { value: 42, low: 30.1, high: 51 })).toBe(nps);
    expect(targetValueText(f, { measure: 'positiveShare', value: 0.7 })).toBe(target);
    expect(targetValueText(f, { measure: 'nps', value: 50 })).toBe('+50');
  });

  it('writes a negative NPS with a minus sign as the language does', () => {
    expect(formatters('fi').nps(-12)).toBe('−12');
    expect(formatters('en').nps(-12)).toBe('-12');
    expect(formatters('en').nps(0)).toBe('0');
  });

  it("names a unit in the UI's language, else Finnish, else any", () => {
    expect(unitName({ fi: 'Lastenyksikkö', sv: 'Barnenheten' }, 'sv', 'x')).toBe('Barnenheten');
    expect(unitName({ fi: 'Lastenyksikkö', sv: 'Barnenheten' }, 'en', 'x')).toBe('Lastenyksikkö');
    expect(unitName({ sv: 'Barnenheten' }, 'en', 'x')).toBe('Barnenheten');
  });
});

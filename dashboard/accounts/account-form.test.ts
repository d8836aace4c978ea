import { describe, expect, it } from 'vitest';
import type { UnitsReport } from '../../core/reports-api';
import { accountRequest, type AccountDraft } from './account-form';
import { knownUnits, unitNamesOf } from './known-units';

const DRAFT: AccountDraft = {
  email: ' nurse@example.fi ',
  role: 'unit',
  units: new Set(['khks-lapset']),
  language: 'sv',
  password: '',
};

describe('the add-account form, judged by the server’s own schema', () => {
  it('sends the trimmed e-mail, the units of a unit account, and no password when none is typed', () => {
    expect(accountRequest(DRAFT)).toEqual({
      ok: true,
      request: { email: 'nurse@example.fi', role: 'unit', units: ['khks-lapset'], language: 'sv' },
    });
  });

  it('gives a county account no units, whatever was ticked before the role changed', () => {
    const made = accountRequest({ ...DRAFT, role: 'county', password: 'long enough password' });
    expect(made).toEqual({
      ok: true,
      request: {
        email: 'nurse@example.fi',
        role: 'county',
        units: [],
        language: 'sv',
        password: 'long enough password',
      },
    });
  });

  it.each([
    [{ email: '  ' }, { email: 'accounts.form.emailMissing' }],
    [{ email: 'nurse.example.fi' }, { email: 'accounts.form.emailInvalid' }],
    [{ units: new Set<string>() }, { units: 'accounts.form.unitsMissing' }],
    [{ password: 'eleven char' }, { password: 'accounts.form.passwordShort' }],
    [{ password: 'x'.repeat(1025) }, { password: 'accounts.form.passwordLong' }],
  ] as const)('complains of %o under its field', (change, errors) => {
    expect(accountRequest({ ...DRAFT, ...change })).toEqual({ ok: false, errors });
  });
});

describe('the units an account may be given', () => {
  const named: [string, Record<string, string>][] = [
    ['b', { fi: 'Ässä', sv: 'Ess' }],
    ['a', { fi: 'Öljy' }],
  ];
  const report: UnitsReport = named.map(([unitId, name]) => ({
    unitId,
    name,
    questionId: null,
    scale: null,
    n: 0,
    positiveShare: null,
    negativeShare: null,
    rankScore: null,
    target: null,
  }));

  it('are named in the language, sorted by its alphabet, and a unit the report lacks keeps its id', () => {
    expect(knownUnits(report, ['a', 'zz'], 'fi')).toEqual([
      { id: 'zz', name: 'zz' },
      { id: 'b', name: 'Ässä' },
      { id: 'a', name: 'Öljy' },
    ]);
    expect(knownUnits(report, [], 'sv').map((unit) => unit.name)).toEqual(['Ess', 'Öljy']);
    expect(knownUnits(null, ['x'], 'en')).toEqual([{ id: 'x', name: 'x' }]);
  });

  it("say an account's units by name, in the account's order", () => {
    expect(unitNamesOf(['a', 'gone', 'b'], knownUnits(report, [], 'fi'))).toEqual([
      'Öljy',
      'gone',
      'Ässä',
    ]);
  });
});

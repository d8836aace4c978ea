import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createDashboardI18n } from '../i18n/i18n';
import type { Language } from '../i18n/language';
import type { UnitRow } from './sort';
import { UnitsTable } from './UnitsTable';

const NBSP = '\u00a0';

const ROWS: UnitRow[] = [
  {
    unitId: 'khks-lapset',
    name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
    questionId: 'overall',
    scale: 'smiley4',
    n: 120,
    positiveShare: { value: 0.84, low: 0.7759, high: 0.8891 },
    negativeShare: { value: 0.1, low: 0.06, high: 0.16 },
    nps: { value: 42, low: 30.1, high: 51 },
    rankScore: 0.8123,
    target: { measure: 'positiveShare', value: 0.7 },
  },
  {
    unitId: 'psykiatria',
    name: { fi: 'Psykiatrian poliklinikka' },
    questionId: 'overall',
    scale: 'smiley4',
    n: 8,
    positiveShare: { value: 0.5, low: 0.2152, high: 0.7848 },
    negativeShare: { value: 0.25, low: 0.07, high: 0.59 },
    nps: null,
    rankScore: 0.7211,
    target: { measure: 'nps', value: 50 },
  },
  {
    unitId: 'tyhja',
    name: { sv: 'Tomma enheten' },
    questionId: null,
    scale: null,
    n: 0,
    positiveShare: null,
    negativeShare: null,
    nps: null,
    rankScore: null,
    target: { measure: 'positiveShare', value: 0.6 },
  },
];

function renderTable(language: Language, rows: UnitRow[] = ROWS) {
  const i18n = createDashboardI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <UnitsTable rows={rows} caption="Units" />
    </I18nextProvider>,
  );
  return screen.getByRole('table', { name: 'Units' });
}

/** Each body row as the texts of its cells. */
function cells(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

describe('the units table', () => {
  it('in Finnish: comma decimals, a non-breaking space before %, the interval in words', () => {
    const table = renderTable('fi');
    const [first, second, third] = cells(table);
    expect(first).toEqual([
      'Lastenyksikkö',
      '120',
      `84${NBSP}% (78–89${NBSP}%)`,
      '+42 (+30–+51)',
      `81,2${NBSP}%`,
      `70${NBSP}% myönteisiä`,
      '▲ Yli tavoitteen',
    ]);
    expect(second).toEqual([
      'Psykiatrian poliklinikka',
      '8',
      `50${NBSP}% (22–78${NBSP}%)`,
      '–',
      `72,1${NBSP}%`,
      'NPS +50',
      '–',
    ]);
    // No answers: every figure a dash, the target still said.
    expect(third).toEqual(['Tomma enheten', '0', '–', '–', '–', `60${NBSP}% myönteisiä`, '–']);
    expect(
      within(table).getByRole('img', {
        name: `Myönteisiä 84${NBSP}%, 95 %:n luottamusväli 78${NBSP}%–89${NBSP}%`,
      }),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('img', { name: 'NPS +42, 95 %:n luottamusväli +30–+51' }),
    ).toBeInTheDocument();
  });

  it('in Swedish: the unit named in Swedish, else Finnish, and the standing in words', () => {
    const table = renderTable('sv');
    const rows = cells(table);
    expect(rows.map((row) => row[0])).toEqual([
      'Barnenheten',
      'Psykiatrian poliklinikka',
      'Tomma enheten',
    ]);
    expect(rows[0]?.[2]).toBe(`84${NBSP}% (78–89${NBSP}%)`);
    expect(rows[0]?.[4]).toBe(`81,2${NBSP}%`);
    expect(rows[0]?.[6]).toBe('▲ Över målet');
    expect(
      within(table).getByRole('img', {
        name: `Positiva 84${NBSP}%, 95 % konfidensintervall 78${NBSP}%–89${NBSP}%`,
      }),
    ).toBeInTheDocument();
  });

  it('in English: points and no space before %', () => {
    const table = renderTable('en');
    const [first] = cells(table);
    expect(first).toEqual([
      "Children's unit",
      '120',
      '84% (78–89%)',
      '+42 (+30–+51)',
      '81.2%',
      '70% positive',
      '▲ Above the target',
    ]);
    expect(
      within(table).getByRole('img', { name: 'Positive 84%, 95 % interval 78% to 89%' }),
    ).toBeInTheDocument();
  });

  it('says below and across the target in words, not only by colour', () => {
    const rows: UnitRow[] = [
      {
        ...ROWS[0]!,
        unitId: 'a',
        name: { en: 'A' },
        target: { measure: 'positiveShare', value: 0.95 },
      },
      {
        ...ROWS[0]!,
        unitId: 'b',
        name: { en: 'B' },
        target: { measure: 'positiveShare', value: 0.8 },
      },
      { ...ROWS[0]!, unitId: 'c', name: { en: 'C' }, target: { measure: 'nps', value: 20 } },
    ];
    const table = renderTable('en', rows);
    expect(cells(table).map((row) => row[6])).toEqual([
      '▼ Below the target',
      '◆ Interval spans the target',
      '▲ Above the target',
    ]);
  });

  it('sorts by a column header button, turns round on a second press, and says so in aria-sort', () => {
    const table = renderTable('en');
    const names = () => cells(table).map((row) => row[0]);
    const header = (name: string) =>
      within(table).getByRole('columnheader', { name: new RegExp(`^${name}`) });
    expect(names()).toEqual(["Children's unit", 'Psykiatrian poliklinikka', 'Tomma enheten']);
    expect(header('Unit')).toHaveAttribute('aria-sort', 'ascending');

    fireEvent.click(within(header('Answers')).getByRole('button'));
    expect(header('Answers')).toHaveAttribute('aria-sort', 'descending');
    expect(header('Unit')).not.toHaveAttribute('aria-sort');
    expect(names()).toEqual(["Children's unit", 'Psykiatrian poliklinikka', 'Tomma enheten']);

    fireEvent.click(within(header('Answers')).getByRole('button'));
    expect(header('Answers')).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['Tomma enheten', 'Psykiatrian poliklinikka', "Children's unit"]);

    // A unit without the figure goes last whichever way the column runs.
    fireEvent.click(within(header('Positive')).getByRole('button'));
    expect(names()).toEqual(["Children's unit", 'Psykiatrian poliklinikka', 'Tomma enheten']);
    fireEvent.click(within(header('Positive')).getByRole('button'));
    expect(names()).toEqual(['Psykiatrian poliklinikka', "Children's unit", 'Tomma enheten']);
  });

  it('leaves out the NPS column when no unit has an NPS question', () => {
    const table = renderTable(
      'en',
      ROWS.map((row) => ({ ...row, nps: undefined })),
    );
    expect(within(table).queryByRole('columnheader', { name: /NPS/ })).toBeNull();
  });
});

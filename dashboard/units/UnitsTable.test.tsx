import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Language } from '../i18n/language';
import type { UnitRow } from './sort';
import { UnitsTable } from './UnitsTable';
import { NBSP, renderIn } from '../test-support';

/** Twelve weeks from 1 Dec 2025: the share's value each week, null where a week had no answers. */
function weeks(values: readonly (number | null)[]): NonNullable<UnitRow['weeks']> {
  return values.map((value, i) => ({
    start: new Date(Date.UTC(2025, 11, 1 + 7 * i)).toISOString().slice(0, 10),
    n: value === null ? 0 : 20,
    positiveShare: value === null ? null : { value, low: value - 0.1, high: value + 0.05 },
  }));
}

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
    weeks: weeks([0.81, 0.8, 0.83, 0.82, 0.84, 0.85, 0.83, 0.84, 0.86, 0.85, 0.84, 0.86]),
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
    weeks: weeks([null, null, 0.5, null, null, null, null, null, null, 0.75, null, null]),
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
    weeks: weeks(Array.from({ length: 12 }, () => null)),
  },
];

function renderTable(language: Language, rows: UnitRow[] = ROWS) {
  renderIn(language, <UnitsTable rows={rows} caption="Units" />);
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
      '',
      '+42 (+30–+51)',
      `81,2${NBSP}%`,
      `70${NBSP}% myönteisiä`,
      '▲ Yli tavoitteen',
    ]);
    expect(second).toEqual([
      'Psykiatrian poliklinikka',
      '8',
      `50${NBSP}% (22–78${NBSP}%)`,
      '',
      '–',
      `72,1${NBSP}%`,
      'NPS +50',
      '–',
    ]);
    // No answers: every figure a dash, the trend too, the target still said.
    expect(third).toEqual(['Tomma enheten', '0', '–', '–', '–', '–', `60${NBSP}% myönteisiä`, '–']);
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
    expect(rows[0]?.[5]).toBe(`81,2${NBSP}%`);
    expect(rows[0]?.[7]).toBe('▲ Över målet');
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
      '',
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
    expect(cells(table).map((row) => row[7])).toEqual([
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

  it.each([
    {
      language: 'fi',
      steady: `Myönteisten osuus 12 viikon aikana: 81${NBSP}%:sta 86${NBSP}%:iin`,
      gaps: `Myönteisten osuus 12 viikon aikana: 50${NBSP}%:sta 75${NBSP}%:iin; 10 viikolta ei ole vastauksia`,
      one: `Myönteisten osuus 12 viikon aikana: 40${NBSP}% ainoalla viikolla, jolta on vastauksia; 11 viikolta ei ole vastauksia`,
      header: 'Kehitys, 12 viikkoa',
    },
    {
      language: 'sv',
      steady: `Andelen positiva under 12 veckor: från 81${NBSP}% till 86${NBSP}%`,
      gaps: `Andelen positiva under 12 veckor: från 50${NBSP}% till 75${NBSP}%; inga svar under 10 veckor`,
      one: `Andelen positiva under 12 veckor: 40${NBSP}% den enda veckan med svar; inga svar under 11 veckor`,
      header: 'Utveckling, 12 veckor',
    },
    {
      language: 'en',
      steady: 'Positive share over 12 weeks: from 81% to 86%',
      gaps: 'Positive share over 12 weeks: from 50% to 75%; no answers in 10 weeks',
      one: 'Positive share over 12 weeks: 40% in the only week with answers; no answers in 11 weeks',
      header: 'Trend, 12 weeks',
    },
  ] as const)(
    'names each 12-week line in words in $language, weeks without answers said too',
    ({ language, steady, gaps, one, header }) => {
      const rows: UnitRow[] = [
        ...ROWS,
        {
          ...ROWS[1]!,
          unitId: 'one-week',
          name: { fi: 'Yksi viikko' },
          weeks: weeks([null, null, null, null, null, null, null, null, null, null, null, 0.4]),
        },
      ];
      const table = renderTable(language, rows);
      expect(within(table).getByRole('columnheader', { name: header })).toBeInTheDocument();
      const lines = within(table).getAllByRole('img', { name: /12/ });
      expect(lines.map((line) => line.getAttribute('aria-label'))).toEqual([steady, gaps, one]);
    },
  );

  it('breaks a line where a week had no answers, and marks the last week', () => {
    const table = renderTable('en');
    const [steady, sparse] = within(table).getAllByRole('img', { name: /^Positive share over/ });
    // One run of 12 weeks: one line, 12 dots, the last one larger.
    expect(steady!.querySelectorAll('polyline')).toHaveLength(1);
    expect(steady!.querySelectorAll('circle')).toHaveLength(12);
    expect(steady!.querySelectorAll('circle.last')).toHaveLength(1);
    // Two weeks far apart: two dots and no line drawn across the gap between them.
    expect(sparse!.querySelectorAll('polyline')).toHaveLength(0);
    expect(sparse!.querySelectorAll('circle')).toHaveLength(2);
  });

  it("links each unit's name to its page", () => {
    const table = renderTable('en');
    expect(within(table).getByRole('link', { name: "Children's unit" })).toHaveAttribute(
      'href',
      '#/units/khks-lapset',
    );
    expect(within(table).getByRole('link', { name: 'Tomma enheten' })).toHaveAttribute(
      'href',
      '#/units/tyhja',
    );
  });

  it('leaves out the NPS column when no unit has an NPS question', () => {
    const table = renderTable(
      'en',
      ROWS.map((row) => ({ ...row, nps: undefined })),
    );
    expect(within(table).queryByRole('columnheader', { name: /NPS/ })).toBeNull();
  });
});

import { fireEvent, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../i18n/language';
import { SAMPLE_REPORT } from '../unit/sample-report';
import { DistributionChart } from './DistributionChart';
import { FollowUpsChart } from './FollowUpsChart';
import { HeatmapChart } from './HeatmapChart';
import type { TrendWeek } from './trend';
import { TrendChart } from './TrendChart';
import { NBSP, renderIn } from '../test-support';

/**
 * Each chart as a reader meets it, in fi, sv and en: a figure named by its title, a drawing named
 * the same and described by one sentence, a key where the drawing needs one, and the table of
 * what it draws behind "Show the table". (jsdom lays nothing out, so ECharts draws nothing here:
 * the e2e test sees the drawing.)
 */

const r = SAMPLE_REPORT;
const SHARE_WEEKS: TrendWeek[] = r.weeks.map((w) => ({
  start: w.start,
  n: w.n,
  figure: w.positiveShare,
}));
const NPS_WEEKS: TrendWeek[] = [
  { start: '2026-09-28', n: 12, figure: { value: 25, low: -8.3, high: 52.1 } },
  { start: '2026-10-05', n: 0, figure: null },
  { start: '2026-10-12', n: 20, figure: { value: -5, low: -33.9, high: 25.4 } },
];
const DISTRIBUTION = {
  scale: 'smiley4' as const,
  byValue: r.byValue,
  n: r.n,
  positiveShare: r.positiveShare,
  negativeShare: r.negativeShare,
};

afterEach(() => {
  document.body.innerHTML = '';
});

type Read = {
  title: string;
  summary: string;
  key: string | null;
  caption: string;
  head: string[];
  rows: string[][];
};

/** Renders a chart in a language, opens its table, and reads everything a person would. */
function read(language: Language, chart: ReactElement, toggleText: string): Read {
  renderIn(language, chart);
  const figure = screen.getByRole('figure');
  const title = within(figure).getByRole('heading', { level: 2 }).textContent ?? '';
  expect(figure).toHaveAccessibleName(title);
  const image = within(figure).getByRole('img', { name: title });
  const summary = image.getAttribute('aria-describedby');
  expect(summary).not.toBeNull();
  const details = figure.querySelector('details')!;
  expect(details.open).toBe(false);
  fireEvent.click(within(figure).getByText(toggleText));
  expect(details.open).toBe(true);
  const table = within(figure).getByRole('table', { name: title });
  const text = (el: Element) => el.textContent ?? '';
  for (const th of table.querySelectorAll('thead th')) {
    expect(th).toHaveAttribute('scope', 'col');
  }
  for (const th of table.querySelectorAll('tbody th')) {
    expect(th).toHaveAttribute('scope', 'row');
  }
  expect(table.closest('[role="region"]')).toHaveAttribute('tabindex', '0');
  return {
    title,
    summary: text(document.getElementById(summary!)!),
    key: figure.querySelector('.chart-key')?.textContent ?? null,
    caption: text(table.querySelector('caption')!),
    head: [...table.querySelectorAll('thead th')].map(text),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map(text),
    ),
  };
}

const TOGGLE = { fi: 'Näytä taulukko', sv: 'Visa tabellen', en: 'Show the table' } as const;

describe('the weekly trend', () => {
  const chart = (
    <TrendChart weeks={SHARE_WEEKS} measure="positiveShare" target={0.7} targetText="70 %" />
  );

  it('in Finnish: every week in the table, the empty one with dashes, the sentence in words', () => {
    const got = read('fi', chart, TOGGLE.fi);
    expect(got.title).toBe('Myönteisten osuus viikoittain');
    expect(got.summary).toBe(
      `Myönteisten osuus oli 80${NBSP}% viikolla, joka alkoi 28.9.2026, ja 79${NBSP}% viikolla, ` +
        `joka alkoi 12.10.2026; korkeimmillaan se oli 80${NBSP}% (28.9.2026) ja matalimmillaan ` +
        `79${NBSP}% (12.10.2026).`,
    );
    expect(got.key).toBe(
      'Viiva on kunkin viikon tulos ja varjostettu alue sen 95 %:n luottamusväli. Viikko, jolta ' +
        'ei ole vastauksia, jää aukoksi. Katkoviiva on tavoite, 70 %.',
    );
    expect(got.head).toEqual(['Viikko alkaen', 'Vastauksia', 'Myönteisiä', '95 %:n luottamusväli']);
    expect(got.rows).toEqual([
      ['28.9.2026', '10', `80${NBSP}%`, `49–94${NBSP}%`],
      ['5.10.2026', '0', '–', '–'],
      ['12.10.2026', '14', `79${NBSP}%`, `52–92${NBSP}%`],
    ]);
  });

  it('in Swedish', () => {
    const got = read('sv', chart, TOGGLE.sv);
    expect(got.title).toBe('Andel positiva per vecka');
    expect(got.summary).toBe(
      `Andelen positiva var 80${NBSP}% veckan som började 28 sep. 2026 och 79${NBSP}% veckan som ` +
        `började 12 okt. 2026; som högst var den 80${NBSP}% (28 sep. 2026) och som lägst ` +
        `79${NBSP}% (12 okt. 2026).`,
    );
    expect(got.head).toEqual(['Vecka från', 'Svar', 'Positiva', '95 % konfidensintervall']);
    expect(got.rows[1]).toEqual(['5 okt. 2026', '0', '–', '–']);
    expect(got.rows[2]).toEqual(['12 okt. 2026', '14', `79${NBSP}%`, `52–92${NBSP}%`]);
  });

  it('in English, and NPS with its signs', () => {
    const got = read('en', chart, TOGGLE.en);
    expect(got.summary).toBe(
      'The positive share was 80% in the week beginning 28 Sept 2026 and 79% in the week ' +
        'beginning 12 Oct 2026; at its highest it was 80% (28 Sept 2026) and at its lowest 79% ' +
        '(12 Oct 2026).',
    );
    expect(got.rows[0]).toEqual(['28 Sept 2026', '10', '80%', '49–94%']);
    document.body.innerHTML = '';
    const nps = read('en', <TrendChart weeks={NPS_WEEKS} measure="nps" />, TOGGLE.en);
    expect(nps.title).toBe('NPS by week');
    expect(nps.summary).toBe(
      'The NPS was +25 in the week beginning 28 Sept 2026 and -5 in the week beginning ' +
        '12 Oct 2026; at its highest it was +25 (28 Sept 2026) and at its lowest -5 (12 Oct 2026).',
    );
    // No target: the key says nothing of one.
    expect(nps.key).toBe(
      "The line is each week's figure and the shaded band its 95 % interval. A week without " +
        'answers leaves a gap.',
    );
    expect(nps.rows).toEqual([
      ['28 Sept 2026', '12', '+25', '-8–+52'],
      ['5 Oct 2026', '0', '–', '–'],
      ['12 Oct 2026', '20', '-5', '-34–+25'],
    ]);
  });

  it('says so when only one week, or no week, had answers', () => {
    const one = SHARE_WEEKS.map((w, i) => (i === 0 ? w : { ...w, n: 0, figure: null }));
    expect(read('en', <TrendChart weeks={one} measure="positiveShare" />, TOGGLE.en).summary).toBe(
      'Only the week beginning 28 Sept 2026 has answers: 80% positive.',
    );
    document.body.innerHTML = '';
    const none = SHARE_WEEKS.map((w) => ({ ...w, n: 0, figure: null }));
    expect(read('fi', <TrendChart weeks={none} measure="nps" />, TOGGLE.fi).summary).toBe(
      'Ajanjakson viikoilta ei ole vastauksia.',
    );
  });
});

describe('the distribution of answers', () => {
  const chart = <DistributionChart distribution={DISTRIBUTION} />;

  it('in Finnish: every value of the scale with its count and what it counts as', () => {
    const got = read('fi', chart, TOGGLE.fi);
    expect(got.title).toBe('Vastausten jakauma');
    expect(got.summary).toBe(
      `Yleisin vastaus oli 4 (50${NBSP}% vastauksista); kaikkiaan myönteisiä oli 79${NBSP}% ja ` +
        `kielteisiä 21${NBSP}%.`,
    );
    expect(got.key).toBe(
      'Vastaukset 3–4 lasketaan myönteisiksi ja 1–2 kielteisiksi. Pylvään yläpuolella oleva luku ' +
        'kertoo, moniko vastasi niin.',
    );
    expect(got.head).toEqual(['Vastaus', 'Vastauksia', 'Luokka']);
    expect(got.rows).toEqual([
      ['1', '2', 'kielteinen'],
      ['2', '3', 'kielteinen'],
      ['3', '7', 'myönteinen'],
      ['4', '12', 'myönteinen'],
    ]);
  });

  it('in Swedish', () => {
    const got = read('sv', chart, TOGGLE.sv);
    expect(got.summary).toBe(
      `Det vanligaste svaret var 4 (50${NBSP}% av svaren); sammanlagt var 79${NBSP}% positiva och ` +
        `21${NBSP}% negativa.`,
    );
    expect(got.head).toEqual(['Svarsalternativ', 'Svar', 'Räknas som']);
    expect(got.rows.map((row) => row[2])).toEqual(['negativt', 'negativt', 'positivt', 'positivt']);
  });

  it('in English, a value nobody gave as 0, and the middle of a five-step scale as neutral', () => {
    const got = read(
      'en',
      <DistributionChart
        distribution={{
          ...DISTRIBUTION,
          scale: 'agree5',
          byValue: { '1': 1, '3': 2, '4': 5, '5': 2 },
          n: 10,
          positiveShare: { value: 0.7, low: 0.3968, high: 0.8922 },
          negativeShare: { value: 0.1, low: 0.0179, high: 0.4042 },
        }}
      />,
      TOGGLE.en,
    );
    expect(got.summary).toBe(
      'The most common answer was 4 (50% of answers); in all, 70% were positive and 10% negative.',
    );
    expect(got.key).toBe(
      'Answers 4–5 count as positive and 1–2 as negative. The number above each bar is how many ' +
        'gave that answer.',
    );
    expect(got.rows).toEqual([
      ['1', '1', 'negative'],
      ['2', '0', 'negative'],
      ['3', '2', 'neutral'],
      ['4', '5', 'positive'],
      ['5', '2', 'positive'],
    ]);
  });
});

describe('the hour × weekday heat map', () => {
  const chart = <HeatmapChart cells={r.heatmap} timeZone="Europe/Helsinki" />;

  it('in Finnish: each hour with answers, local time, its count and positive share', () => {
    const got = read('fi', chart, TOGGLE.fi);
    expect(got.title).toBe('Vastaukset viikonpäivän ja kellonajan mukaan');
    expect(got.summary).toBe(
      'Eniten vastauksia (10) tuli ajankohtana maanantai klo 09.00–09.59; kaikkiaan vastauksia ' +
        'on 3 tunnilta viikon 168 tunnista.',
    );
    expect(got.key).toContain('yksikön paikallista aikaa (Europe/Helsinki)');
    expect(got.head).toEqual([
      'Viikonpäivä',
      'Kellonaika',
      'Vastauksia',
      'Myönteisiä (95 %:n luottamusväli)',
    ]);
    expect(got.rows).toEqual([
      ['maanantai', '08.00–08.59', '5', `60${NBSP}% (23–88${NBSP}%)`],
      ['maanantai', '09.00–09.59', '10', `90${NBSP}% (60–98${NBSP}%)`],
      ['keskiviikko', '14.00–14.59', '9', `78${NBSP}% (45–94${NBSP}%)`],
    ]);
  });

  it('in Swedish', () => {
    const got = read('sv', chart, TOGGLE.sv);
    expect(got.summary).toBe(
      'Flest svar (10) kom på måndag kl. 09:00–09:59; svar kom under 3 av veckans 168 timmar.',
    );
    expect(got.rows[2]).toEqual(['onsdag', '14:00–14:59', '9', `78${NBSP}% (45–94${NBSP}%)`]);
  });

  it('in English', () => {
    const got = read('en', chart, TOGGLE.en);
    expect(got.summary).toBe(
      "The most answers (10) came on Monday at 09:00–09:59; answers came in 3 of the week's 168 hours.",
    );
    expect(got.head).toEqual(['Weekday', 'Hour', 'Answers', 'Positive (95 % interval)']);
    expect(got.rows[0]).toEqual(['Monday', '08:00–08:59', '5', '60% (23–88%)']);
  });
});

describe('the follow-up reasons', () => {
  const chart = <FollowUpsChart reasons={r.followUps} />;

  it('in Finnish: most chosen first, named by the ids the report gives', () => {
    const got = read('fi', chart, TOGGLE.fi);
    expect(got.title).toBe('Jatkokysymysten syyt');
    expect(got.summary).toBe(
      'Useimmin valittu syy oli waiting-time (valintoja 3, kaikista syistä yhteensä 5).',
    );
    expect(got.head).toEqual(['Syy', 'Jatkokysymys', 'Vastauksia']);
    expect(got.rows).toEqual([
      ['waiting-time', 'reason', '3'],
      ['staff', 'reason', '2'],
    ]);
  });

  it('in Swedish', () => {
    const got = read('sv', chart, TOGGLE.sv);
    expect(got.summary).toBe('Det oftast valda skälet var waiting-time (3 av sammanlagt 5 val).');
    expect(got.head).toEqual(['Skäl', 'Följdfråga', 'Svar']);
  });

  it('in English, one reason in the singular', () => {
    const got = read('en', chart, TOGGLE.en);
    expect(got.summary).toBe('The most chosen reason was waiting-time: 3 of the 5 reasons chosen.');
    document.body.innerHTML = '';
    const one = read('en', <FollowUpsChart reasons={[{ ...r.followUps[1]!, n: 1 }]} />, TOGGLE.en);
    expect(one.summary).toBe('One reason was chosen: staff.');
  });

  it.each([
    [
      'fi',
      'Odotusaika',
      'Useimmin valittu syy oli Odotusaika (valintoja 3, kaikista syistä yhteensä 5).',
    ],
    ['sv', 'Väntetid', 'Det oftast valda skälet var Väntetid (3 av sammanlagt 5 val).'],
    ['en', 'Waiting time', 'The most chosen reason was Waiting time: 3 of the 5 reasons chosen.'],
  ] as const)("names each reason in the survey's own words in %s", (language, words, summary) => {
    const worded = r.followUps.map((reason) =>
      reason.value === 'waiting-time'
        ? { ...reason, text: { fi: 'Odotusaika', sv: 'Väntetid', en: 'Waiting time' } }
        : { ...reason, text: null },
    );
    const got = read(language, <FollowUpsChart reasons={worded} />, TOGGLE[language]);
    expect(got.summary).toBe(summary);
    expect(got.rows.map((row) => row[0])).toEqual([words, 'staff']);
  });

  it('says in words that no reason was chosen, with no empty chart', () => {
    renderIn('sv', <FollowUpsChart reasons={[]} />);
    expect(screen.queryByRole('figure')).toBeNull();
    expect(screen.getByRole('region', { name: 'Skäl i följdfrågor' })).toHaveTextContent(
      'Inga skäl valdes i följdfrågorna under perioden.',
    );
  });
});

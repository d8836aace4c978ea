import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SurveyTemplateList } from '../../core/central-api';
import { surveyTemplateList } from '../../core/template-list';
import type { Language } from '../i18n/language';
import type { NamedUnit } from '../unit-names';
import { EnrollmentCodeForm } from './EnrollmentCodeForm';
import { renderIn, stubFetch, type Answer } from '../test-support';

const TEMPLATES: SurveyTemplateList = surveyTemplateList();

const UNITS: NamedUnit[] = [
  {
    unitId: 'khks-lapset',
    name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
  },
  { unitId: 'psykiatria', name: { fi: 'Psykiatrian poliklinikka' } },
];

const API_URL = 'https://hymy.county.example.fi';

/** The server's code endpoint: records each body sent and answers `answer`. */
function codeServer(
  answer: Answer = {
    status: 201,
    body: { code: 'K7QD-M3XP', expiresAt: '2025-12-04T12:05:00.000Z' },
  },
) {
  const bodies: unknown[] = [];
  stubFetch(({ body }) => {
    bodies.push(body);
    return answer;
  });
  return bodies;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderForm(language: Language, units: NamedUnit[] = UNITS, onSignedOut = vi.fn()) {
  renderIn(
    language,
    <EnrollmentCodeForm
      units={units}
      templates={TEMPLATES}
      apiUrl={API_URL}
      locale="en-GB"
      onSignedOut={onSignedOut}
    />,
  );
  return onSignedOut;
}

const submit = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

/** A code was made: the answer has been rendered. */
const made = () => screen.findByRole('heading', { name: 'The enrollment code' });

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the enrollment-code form', () => {
  it('sends an existing unit with its names, the first template and 24 hours by default', async () => {
    const bodies = codeServer();
    renderForm('en');
    submit('Make the code');
    await made();
    expect(bodies).toEqual([
      {
        unit: {
          id: 'khks-lapset',
          name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
        },
        surveyTemplate: { id: 'visit-smiley', options: { askRespondent: false } },
        ttlHours: 24,
      },
    ]);
  });

  it('sends a new unit, the national template with the statements chosen, and the validity', async () => {
    const bodies = codeServer();
    renderForm('en');
    fireEvent.click(screen.getByRole('radio', { name: 'A new unit' }));
    type("The new unit's ID", '  khks-paivystys ');
    type('In Finnish', 'Päivystys');
    type('In Swedish', 'Jouren');
    fireEvent.click(screen.getByRole('radio', { name: 'National customer feedback' }));
    const statements = screen.getByRole('group', { name: 'Basic statements (choose 2–7)' });
    // The defaults are checked; take one away and add another.
    fireEvent.click(
      within(statements).getByRole('checkbox', { name: /^I was treated with respect/ }),
    );
    fireEvent.click(within(statements).getByRole('checkbox', { name: /^It was easy to contact/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /^First ask who is answering/ }));
    type('Valid for (hours)', '48');
    submit('Make the code');
    await made();
    expect(bodies).toEqual([
      {
        unit: { id: 'khks-paivystys', name: { fi: 'Päivystys', sv: 'Jouren' } },
        surveyTemplate: {
          id: 'national',
          options: {
            askRespondent: true,
            statements: ['access', 'contact', 'safety', 'information', 'useful'],
          },
        },
        ttlHours: 48,
      },
    ]);
  });

  it('shows the code big, with its expiry, a copy button and how a technician uses it', async () => {
    codeServer();
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderForm('en');
    submit('Make the code');
    const heading = await made();
    await vi.waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText('K7QD-M3XP')).toHaveClass('enrollment-code');
    expect(screen.getByText(/^Valid until 4 Dec 2025, \d\d:05\./)).toBeInTheDocument();
    expect(screen.getByText(API_URL)).toBeInTheDocument();
    expect(
      screen.getByText(
        `npm run provision -- --data-dir /var/lib/hymy --api ${API_URL} --code K7QD-M3XP`,
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Copy the code' }));
    expect(await screen.findByText('The code has been copied.')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith('K7QD-M3XP');
  });

  it.each([
    [
      'fi' as const,
      'Uusi yksikkö',
      'Tee koodi',
      'Kirjoita uuden yksikön tunnus.',
      'Kirjoita yksikön nimi ainakin yhdellä kielellä.',
      'Kirjoita kokonaisina tunteina 1–720.',
    ],
    [
      'sv' as const,
      'En ny enhet',
      'Skapa koden',
      'Skriv den nya enhetens id.',
      'Skriv enhetens namn på minst ett språk.',
      'Skriv hela timmar, från 1 till 720.',
    ],
    [
      'en' as const,
      'A new unit',
      'Make the code',
      "Enter the new unit's ID.",
      "Enter the unit's name in at least one language.",
      'Enter whole hours, from 1 to 720.',
    ],
  ])(
    'in %s: shows each problem next to its field, focuses the first, and sends nothing',
    (language, newUnit, make, idProblem, nameProblem, hoursProblem) => {
      const bodies = codeServer();
      renderForm(language);
      fireEvent.click(screen.getByRole('radio', { name: newUnit }));
      const hours = screen.getByRole('spinbutton');
      fireEvent.change(hours, { target: { value: '0' } });
      submit(make);
      expect(bodies).toEqual([]);
      const id = screen.getAllByRole('textbox')[0]!;
      expect(id).toHaveFocus();
      expect(id).toHaveAttribute('aria-invalid', 'true');
      expect(id).toHaveAccessibleDescription(expect.stringContaining(idProblem));
      expect(screen.getByText(nameProblem)).toBeInTheDocument();
      expect(hours).toHaveAccessibleDescription(hoursProblem);
    },
  );

  it('refuses a new unit whose id is taken, pointing to the list instead', () => {
    const bodies = codeServer();
    renderForm('en');
    fireEvent.click(screen.getByRole('radio', { name: 'A new unit' }));
    type("The new unit's ID", 'psykiatria');
    type('In Finnish', 'Toinen nimi');
    submit('Make the code');
    expect(bodies).toEqual([]);
    expect(
      screen.getByText('A unit with this ID exists already. Choose it under “An existing unit”.'),
    ).toBeInTheDocument();
  });

  it('needs the count of statements the template allows', () => {
    const bodies = codeServer();
    renderForm('en');
    fireEvent.click(screen.getByRole('radio', { name: 'National customer feedback' }));
    const statements = screen.getByRole('group', { name: 'Basic statements (choose 2–7)' });
    for (const box of within(statements).getAllByRole('checkbox', { checked: true }).slice(1)) {
      fireEvent.click(box);
    }
    submit('Make the code');
    expect(bodies).toEqual([]);
    expect(within(statements).getByText('Choose from 2 to 7 statements.')).toBeInTheDocument();
  });

  it("turns the server's refusal of a field into the form's own words, never the server's", async () => {
    codeServer({
      status: 400,
      body: {
        error: { code: 'invalid_body', message: 'unit.name.sv: Too big: expected string <=500' },
      },
    });
    renderForm('en');
    fireEvent.click(screen.getByRole('radio', { name: 'A new unit' }));
    type("The new unit's ID", 'uusi');
    type('In Swedish', 'Nya');
    submit('Make the code');
    expect(
      await screen.findByText('The server did not accept a name. Check the names.'),
    ).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByLabelText('In Finnish')).toHaveFocus());
    expect(document.body.textContent).not.toContain('expected string');
  });

  it('says the server could not answer, in words, when it fails', async () => {
    codeServer({ status: 503, body: { error: { code: 'unavailable', message: 'SQLITE_BUSY' } } });
    renderForm('fi');
    submit('Tee koodi');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Palvelin ei pystynyt vastaamaan. Yritä hetken kuluttua uudelleen.',
    );
  });

  it('offers only a new unit when there is none yet', () => {
    codeServer();
    renderForm('en', []);
    expect(screen.getByRole('radio', { name: 'An existing unit' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: 'A new unit' })).toBeChecked();
  });
});

import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EnrollFailureReason, EnrollResult } from '../../core';
import en from '../../locales/en/setup.json';
import fi from '../../locales/fi/setup.json';
import sv from '../../locales/sv/setup.json';
import { deferred, flush, renderWithI18n, ScriptedBridge } from '../testing/scripted-bridge';
import { EnrollmentForm } from './EnrollmentForm';

const LANGUAGES = [
  {
    code: 'fi',
    words: fi,
    labels: [
      'API-osoite',
      'Käyttöönottokoodi',
      'Huollon PIN-koodi (4–8 numeroa)',
      'PIN-koodi uudelleen',
    ],
    submit: 'Ota pääte käyttöön',
    sending: 'Otetaan käyttöön…',
    mismatch: 'PIN-koodit eivät ole samat. Kirjoita ne uudelleen.',
    unknown: 'Koodia ei tunnistettu. Tarkista koodi ja yritä uudelleen.',
    used: 'Tämä koodi on jo käytetty. Pyydä uusi koodi.',
    expired: 'Tämä koodi on vanhentunut. Pyydä uusi koodi.',
    unreachable: 'Palvelimeen ei saatu yhteyttä. Tarkista osoite ja verkkoyhteys.',
  },
  {
    code: 'sv',
    words: sv,
    labels: ['API-adress', 'Aktiveringskod', 'PIN-kod för service (4–8 siffror)', 'PIN-koden igen'],
    submit: 'Ta terminalen i bruk',
    sending: 'Tas i bruk…',
    mismatch: 'PIN-koderna är inte lika. Skriv dem på nytt.',
    unknown: 'Koden kändes inte igen. Kontrollera koden och försök igen.',
    used: 'Koden har redan använts. Be om en ny kod.',
    expired: 'Koden har gått ut. Be om en ny kod.',
    unreachable: 'Det gick inte att nå servern. Kontrollera adressen och nätverksanslutningen.',
  },
  {
    code: 'en',
    words: en,
    labels: ['API address', 'Enrollment code', 'Service PIN (4–8 digits)', 'PIN again'],
    submit: 'Set up the terminal',
    sending: 'Setting up…',
    mismatch: 'The PINs are not the same. Enter them again.',
    unknown: 'The code was not recognised. Check it and try again.',
    used: 'This code has already been used. Ask for a new code.',
    expired: 'This code has expired. Ask for a new code.',
    unreachable: 'The server could not be reached. Check the address and the network connection.',
  },
] as const;

const REASONS: EnrollFailureReason[] = [
  'api_url_invalid',
  'code_malformed',
  'pin_malformed',
  'code_unknown',
  'code_used',
  'code_expired',
  'unreachable',
  'server_busy',
  'server_refused',
  'not_saved',
  'not_allowed',
];

const ENROLLED: EnrollResult = { ok: true, terminalId: 't_01', unitId: 'khks-lapset' };

function renderForm(
  enroll: (args: unknown) => EnrollResult | Promise<EnrollResult> = () => ENROLLED,
  language = 'fi',
  initialApiUrl?: string,
) {
  const bridge = new ScriptedBridge({ 'setup:enroll': enroll });
  const onEnrolled = vi.fn<(result: { terminalId: string; unitId: string }) => void>();
  renderWithI18n(
    <EnrollmentForm
      bridge={bridge}
      language={language}
      onEnrolled={onEnrolled}
      initialApiUrl={initialApiUrl}
    />,
  );
  return { bridge, onEnrolled };
}

/** Types as a physical keyboard would, field by field (fi labels unless given). */
function fill(
  values: { apiUrl?: string; code?: string; pin?: string; pinAgain?: string },
  labels: readonly string[] = LANGUAGES[0].labels,
): void {
  const [apiUrl = '', code = '', pin = '', pinAgain = ''] = labels;
  const entries: [string, string | undefined][] = [
    [apiUrl, values.apiUrl],
    [code, values.code],
    [pin, values.pin],
    [pinAgain, values.pinAgain],
  ];
  for (const [label, value] of entries) {
    if (value !== undefined) {
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    }
  }
}

const GOOD = {
  apiUrl: ' https://palaute.example.fi ',
  code: 'k7qd-m3xp',
  pin: '2468',
  pinAgain: '2468',
};

describe('the enrollment form', () => {
  it.each(LANGUAGES)(
    'labels every field in $code and starts the address with https://',
    ({ code, labels, submit }) => {
      renderForm(undefined, code);
      const [apiUrl = '', enrollmentCode = '', pin = '', pinAgain = ''] = labels;
      expect(screen.getByLabelText(apiUrl)).toHaveValue('https://');
      expect(screen.getByLabelText(apiUrl)).toHaveFocus();
      expect(screen.getByLabelText(enrollmentCode)).toHaveValue('');
      expect(screen.getByLabelText(pin)).toHaveAttribute('type', 'password');
      expect(screen.getByLabelText(pinAgain)).toHaveAttribute('type', 'password');
      expect(screen.getByRole('button', { name: submit })).toBeEnabled();
    },
  );

  it('starts with the address it was given', () => {
    renderForm(undefined, 'fi', 'https://hymy.example.fi');
    expect(screen.getByLabelText('API-osoite')).toHaveValue('https://hymy.example.fi');
  });

  it('sends the address, the code and the PIN to the host, and reports the enrollment', async () => {
    const { bridge, onEnrolled } = renderForm();
    fill(GOOD);
    fireEvent.click(screen.getByRole('button', { name: 'Ota pääte käyttöön' }));
    await flush();
    expect(bridge.argsOf('setup:enroll')).toEqual([
      { apiUrl: 'https://palaute.example.fi', code: 'k7qd-m3xp', pin: '2468' },
    ]);
    expect(onEnrolled).toHaveBeenCalledWith({ terminalId: 't_01', unitId: 'khks-lapset' });
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });

  it.each(LANGUAGES)(
    'in $code says it is working, and takes no second press, until the host answers',
    async ({ code, labels, submit, sending }) => {
      const answer = deferred<EnrollResult>();
      const { bridge, onEnrolled } = renderForm(() => answer.promise, code);
      fill(GOOD, labels);
      fireEvent.click(screen.getByRole('button', { name: submit }));
      await flush();
      const button = screen.getByRole('button', { name: sending });
      expect(button).toBeDisabled();
      fireEvent.click(button);
      fireEvent.submit(button);
      await flush();
      expect(bridge.argsOf('setup:enroll')).toHaveLength(1);
      expect(onEnrolled).not.toHaveBeenCalled();
      answer.resolve(ENROLLED);
      await flush();
      expect(onEnrolled).toHaveBeenCalledTimes(1);
    },
  );

  it.each(LANGUAGES)(
    'in $code catches PINs that differ beside the field, without asking the host',
    async ({ code, labels, submit, mismatch }) => {
      const { bridge } = renderForm(undefined, code);
      fill({ ...GOOD, pinAgain: '2469' }, labels);
      fireEvent.click(screen.getByRole('button', { name: submit }));
      await flush();
      const again = screen.getByLabelText(labels[3]);
      expect(again).toHaveAttribute('aria-invalid', 'true');
      expect(again).toHaveAccessibleDescription(mismatch);
      expect(again).toHaveFocus();
      expect(bridge.argsOf('setup:enroll')).toEqual([]);
    },
  );

  it('names each empty field, and moves to the first of them', async () => {
    const { bridge } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Ota pääte käyttöön' }));
    await flush();
    expect(screen.getByLabelText('API-osoite')).toHaveAccessibleDescription('Kirjoita API-osoite.');
    expect(screen.getByLabelText('Käyttöönottokoodi')).toHaveAccessibleDescription(
      'Kirjoita käyttöönottokoodi.',
    );
    expect(screen.getByLabelText('Huollon PIN-koodi (4–8 numeroa)')).toHaveAccessibleDescription(
      'PIN-koodissa pitää olla 4–8 numeroa.',
    );
    expect(screen.getByLabelText('PIN-koodi uudelleen')).toHaveAccessibleDescription(
      'Kirjoita PIN-koodi toiseen kertaan.',
    );
    expect(screen.getByLabelText('API-osoite')).toHaveFocus();
    expect(bridge.argsOf('setup:enroll')).toEqual([]);
  });

  it.each(['123', '123456789', '12a4', ''])(
    'refuses the PIN "%s", which is not 4 to 8 digits',
    async (pin) => {
      const { bridge } = renderForm(undefined, 'en');
      fill({ ...GOOD, pin, pinAgain: pin }, LANGUAGES[2].labels);
      fireEvent.click(screen.getByRole('button', { name: 'Set up the terminal' }));
      await flush();
      expect(screen.getByLabelText('Service PIN (4–8 digits)')).toHaveAccessibleDescription(
        'The PIN must have 4 to 8 digits.',
      );
      expect(bridge.argsOf('setup:enroll')).toEqual([]);
    },
  );

  it('catches an address that is no web address and a code that cannot be a code', async () => {
    const { bridge } = renderForm(undefined, 'sv');
    fill({ ...GOOD, apiUrl: 'ftp://palaute.example.fi', code: 'K7QD-M3X' }, LANGUAGES[1].labels);
    fireEvent.click(screen.getByRole('button', { name: 'Ta terminalen i bruk' }));
    await flush();
    expect(screen.getByLabelText('API-adress')).toHaveAccessibleDescription(
      'Adressen ska börja med https:// eller http://.',
    );
    expect(screen.getByLabelText('Aktiveringskod')).toHaveAccessibleDescription(
      'Koden har 8 bokstäver och siffror, till exempel K7QD-M3XP. Kontrollera koden.',
    );
    expect(bridge.argsOf('setup:enroll')).toEqual([]);
  });

  it('drops a field’s message once the field is corrected', async () => {
    renderForm();
    fill({ ...GOOD, code: '' });
    fireEvent.click(screen.getByRole('button', { name: 'Ota pääte käyttöön' }));
    await flush();
    const code = screen.getByLabelText('Käyttöönottokoodi');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    fill({ code: 'K7QD-M3XP' });
    expect(code).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText('Kirjoita käyttöönottokoodi.')).not.toBeInTheDocument();
  });

  it.each(LANGUAGES)(
    'in $code tells a wrong, a used and an expired code and an unreachable API apart',
    async ({ code, labels, submit, unknown, used, expired, unreachable }) => {
      const cases: [EnrollFailureReason, string][] = [
        ['code_unknown', unknown],
        ['code_used', used],
        ['code_expired', expired],
        ['unreachable', unreachable],
      ];
      let reason: EnrollFailureReason = 'code_unknown';
      renderForm(() => ({ ok: false, reason }), code);
      fill(GOOD, labels);
      for (const [next, message] of cases) {
        reason = next;
        fireEvent.click(screen.getByRole('button', { name: submit }));
        await flush();
        expect(screen.getByRole('alert')).toHaveTextContent(message);
      }
    },
  );

  describe.each(LANGUAGES)('in $code', ({ code, labels, submit, words }) => {
    it.each(REASONS)('gives the host’s reason %s its own message', async (reason) => {
      renderForm(() => ({ ok: false, reason }), code);
      fill(GOOD, labels);
      fireEvent.click(screen.getByRole('button', { name: submit }));
      await flush();
      expect(screen.getByRole('alert')).toHaveTextContent(words.enroll.failure[reason]);
      expect(screen.getByRole('button', { name: submit })).toBeEnabled();
    });
  });

  it('marks the code field when the code was the trouble', async () => {
    renderForm(() => ({ ok: false, reason: 'code_used' }));
    fill(GOOD);
    fireEvent.click(screen.getByRole('button', { name: 'Ota pääte käyttöön' }));
    await flush();
    const field = screen.getByLabelText('Käyttöönottokoodi');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('Tämä koodi on jo käytetty. Pyydä uusi koodi.');
    expect(screen.getByLabelText('API-osoite')).toHaveAttribute('aria-invalid', 'false');
  });

  it('says only a plain word when the bridge itself fails, never the error', async () => {
    const { onEnrolled } = renderForm(() => {
      throw new Error('ECONNRESET at Socket.emit (node:net:123)');
    }, 'en');
    fill(GOOD, LANGUAGES[2].labels);
    fireEvent.click(screen.getByRole('button', { name: 'Set up the terminal' }));
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Setting up did not succeed. Try again in a moment.',
    );
    expect(document.body).not.toHaveTextContent(/ECONNRESET|node:net|Error/);
    expect(onEnrolled).not.toHaveBeenCalled();
  });

  it('takes an answer it does not know for the plain word too', async () => {
    renderForm(() => ({ ok: false, reason: 'cosmic_rays' }) as unknown as EnrollResult);
    fill(GOOD);
    fireEvent.click(screen.getByRole('button', { name: 'Ota pääte käyttöön' }));
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Käyttöönotto ei onnistunut. Yritä hetken kuluttua uudelleen.',
    );
    expect(document.body).not.toHaveTextContent('cosmic_rays');
  });
});

describe('typing with the on-screen keyboard', () => {
  it('types into the focused field, with the keys that field needs', async () => {
    renderForm();
    const user = userEvent.setup();
    const keyboard = () => screen.getByRole('group', { name: 'Näyttönäppäimistö' });
    const key = (name: string) => user.click(within(keyboard()).getByRole('button', { name }));
    const address = screen.getByLabelText('API-osoite');
    expect(keyboard()).toHaveAttribute('data-layout', 'url');
    for (const name of [...'hymy.fi']) {
      await key(name);
    }
    expect(address).toHaveValue('https://hymy.fi');
    expect(address).toHaveFocus();

    const code = screen.getByLabelText('Käyttöönottokoodi');
    await user.click(code);
    expect(keyboard()).toHaveAttribute('data-layout', 'code');
    for (const name of [...'K7QD-M3XP']) {
      await key(name);
    }
    expect(code).toHaveValue('K7QD-M3XP');

    const pin = screen.getByLabelText('Huollon PIN-koodi (4–8 numeroa)');
    await user.click(pin);
    expect(keyboard()).toHaveAttribute('data-layout', 'digits');
    for (const name of ['2', '4', '6', '9', 'Poista merkki', '8']) {
      await key(name);
    }
    expect(pin).toHaveValue('2468');
    expect(pin).toHaveFocus();
    expect(address).toHaveValue('https://hymy.fi');
  });

  it('puts a key in at the caret, not at the end', async () => {
    renderForm();
    const user = userEvent.setup();
    const address = screen.getByLabelText<HTMLInputElement>('API-osoite');
    fill({ apiUrl: 'https://hymyfi' });
    address.setSelectionRange(12, 12);
    await user.click(screen.getByRole('button', { name: '.' }));
    expect(address).toHaveValue('https://hymy.fi');
    expect(address.selectionStart).toBe(13);
  });

  it('takes no ninth digit for a PIN', () => {
    renderForm();
    const pin = screen.getByLabelText('Huollon PIN-koodi (4–8 numeroa)');
    fireEvent.focus(pin);
    for (let i = 0; i < 10; i += 1) {
      fireEvent.click(screen.getByRole('button', { name: String(i) }));
    }
    expect(pin).toHaveValue('01234567');
  });

  it('moves on with OK, and on the last field sends', async () => {
    const { bridge } = renderForm();
    fill(GOOD);
    const ok = () => fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    ok();
    expect(screen.getByLabelText('Käyttöönottokoodi')).toHaveFocus();
    ok();
    ok();
    expect(screen.getByLabelText('PIN-koodi uudelleen')).toHaveFocus();
    ok();
    await flush();
    expect(bridge.argsOf('setup:enroll')).toHaveLength(1);
  });

  it('sends with Enter from a physical keyboard', async () => {
    const { onEnrolled } = renderForm();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('API-osoite'));
    await user.type(screen.getByLabelText('API-osoite'), 'http://127.0.0.1:8791');
    await user.type(screen.getByLabelText('Käyttöönottokoodi'), 'k7qd m3xp');
    await user.type(screen.getByLabelText('Huollon PIN-koodi (4–8 numeroa)'), '2468');
    await user.type(screen.getByLabelText('PIN-koodi uudelleen'), '2468{Enter}');
    await flush();
    expect(onEnrolled).toHaveBeenCalledTimes(1);
  });
});

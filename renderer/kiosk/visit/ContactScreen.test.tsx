import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContactDetails } from '../../../core';
import { createI18n } from '../../i18n/i18n';
import { renderWithI18n } from '../../testing/scripted-bridge';
import { contactTexts, ContactScreen, type ContactTexts } from './ContactScreen';

const LANGUAGES = [
  {
    code: 'fi',
    question: 'Haluatko, että otamme sinuun yhteyttä palautteesi johdosta?',
    within: 'Otamme yhteyttä 7 päivän kuluessa.',
    yes: 'Kyllä',
    no: 'Ei kiitos',
    name: 'Nimi (vapaaehtoinen)',
    phone: 'Puhelinnumero',
    email: 'Sähköpostiosoite',
    send: 'Lähetä',
    missing: 'Anna puhelinnumero tai sähköpostiosoite.',
    badPhone: /Tarkista puhelinnumero/,
    badEmail: /Tarkista sähköpostiosoite/,
    failed: /^Yhteystietoja ei voitu lähettää/,
  },
  {
    code: 'sv',
    question: 'Vill du att vi kontaktar dig angående din respons?',
    within: 'Vi kontaktar dig inom 7 dagar.',
    yes: 'Ja',
    no: 'Nej tack',
    name: 'Namn (frivilligt)',
    phone: 'Telefonnummer',
    email: 'E-postadress',
    send: 'Skicka',
    missing: 'Ange ett telefonnummer eller en e-postadress.',
    badPhone: /Kontrollera telefonnumret/,
    badEmail: /Kontrollera e-postadressen/,
    failed: /^Kontaktuppgifterna kunde inte skickas/,
  },
  {
    code: 'en',
    question: 'Would you like us to contact you about your feedback?',
    within: 'We will contact you within 7 days.',
    yes: 'Yes',
    no: 'No, thank you',
    name: 'Name (optional)',
    phone: 'Phone number',
    email: 'E-mail address',
    send: 'Send',
    missing: 'Give a phone number or an e-mail address.',
    badPhone: /Check the phone number/,
    badEmail: /Check the e-mail address/,
    failed: /^Your contact details could not be sent/,
  },
] as const;

function textsIn(code: string): ContactTexts {
  return contactTexts(createI18n(code).getFixedT(code), 7);
}

function renderScreen(
  code: string,
  form: boolean,
  result: Promise<{ ok: boolean }> = Promise.resolve({ ok: true }),
) {
  const onAccept = vi.fn<() => void>();
  const onDecline = vi.fn<() => void>();
  const onSend = vi.fn<(details: ContactDetails) => Promise<{ ok: boolean }>>(() => result);
  const view = renderWithI18n(
    <ContactScreen
      language={code}
      unitName={{ text: 'Päivystys', lang: undefined }}
      form={form}
      texts={textsIn(code)}
      onAccept={onAccept}
      onDecline={onDecline}
      onSend={onSend}
    />,
  );
  return { ...view, onAccept, onDecline, onSend };
}

function tap(...names: string[]): void {
  for (const name of names) {
    fireEvent.click(screen.getByRole('button', { name }));
  }
}

describe('the contact question', () => {
  it.each(LANGUAGES)('in $code asks, and says when the reply comes', (lang) => {
    const { onAccept, onDecline } = renderScreen(lang.code, false);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(lang.question);
    expect(screen.getByText(lang.within)).toBeVisible();
    const choice = screen.getByRole('group', { name: lang.question });
    expect(choice).toContainElement(screen.getByRole('button', { name: lang.yes }));
    tap(lang.no);
    expect(onDecline).toHaveBeenCalledTimes(1);
    tap(lang.yes);
    expect(onAccept).toHaveBeenCalledTimes(1);
  });
});

describe('the contact form', () => {
  it.each(LANGUAGES)('in $code labels every field and starts in the name', (lang) => {
    renderScreen(lang.code, true);
    const name = screen.getByRole('textbox', { name: lang.name });
    expect(name).toHaveFocus();
    expect(screen.getByRole('textbox', { name: lang.phone })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: lang.email })).toBeInTheDocument();
  });

  it('types each field with its own keys: letters, then digits and +, then @ and .', async () => {
    const { onSend } = renderScreen('fi', true);
    tap('Isot kirjaimet', 'A', 'i', 'n', 'o');
    act(() => screen.getByRole('textbox', { name: 'Puhelinnumero' }).focus());
    tap('+', '3', '5', '8', '4', '0', '1', '2', '3', '4', '5', '6', '7');
    expect(screen.getByRole('textbox', { name: 'Puhelinnumero' })).toHaveValue('+358401234567');
    // The number pad has no letters; the address's keys have @ and the dot.
    expect(screen.queryByRole('button', { name: 'q' })).not.toBeInTheDocument();
    act(() => screen.getByRole('textbox', { name: 'Sähköpostiosoite' }).focus());
    tap('a', '@', 'b', '.', 'f', 'i');
    expect(screen.getByRole('textbox', { name: 'Sähköpostiosoite' })).toHaveValue('a@b.fi');
    expect(screen.getByRole('textbox', { name: 'Nimi (vapaaehtoinen)' })).toHaveValue('Aino');
    tap('Lähetä');
    await act(async () => {});
    expect(onSend).toHaveBeenCalledExactlyOnceWith({
      name: 'Aino',
      phone: '+358401234567',
      email: 'a@b.fi',
    });
    // Sealed: nothing typed stays on the screen.
    expect(screen.getByRole('textbox', { name: 'Puhelinnumero' })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Nimi (vapaaehtoinen)' })).toHaveValue('');
  });

  it.each(LANGUAGES)(
    'in $code asks for a phone number or an e-mail, tied to both fields',
    (lang) => {
      const { onSend } = renderScreen(lang.code, true);
      tap(lang.send);
      expect(onSend).not.toHaveBeenCalled();
      const phone = screen.getByRole('textbox', { name: lang.phone });
      const email = screen.getByRole('textbox', { name: lang.email });
      for (const field of [phone, email]) {
        expect(field).toHaveAttribute('aria-invalid', 'true');
        expect(field).toHaveAccessibleDescription(expect.stringContaining(lang.missing));
      }
      expect(screen.getByRole('textbox', { name: lang.name })).not.toHaveAttribute('aria-invalid');
      expect(phone).toHaveFocus();
    },
  );

  it.each(LANGUAGES)('in $code names the field that is wrong, and moves to it', async (lang) => {
    const user = userEvent.setup();
    const { onSend } = renderScreen(lang.code, true);
    const phone = screen.getByRole('textbox', { name: lang.phone });
    const email = screen.getByRole('textbox', { name: lang.email });
    await user.type(email, 'aino.example.fi');
    await user.click(screen.getByRole('button', { name: lang.send }));
    expect(onSend).not.toHaveBeenCalled();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(expect.stringMatching(lang.badEmail));
    expect(email).toHaveFocus();
    expect(phone).not.toHaveAttribute('aria-invalid');

    await user.type(phone, '12');
    await user.click(screen.getByRole('button', { name: lang.send }));
    expect(phone).toHaveAccessibleDescription(expect.stringMatching(lang.badPhone));
    expect(phone).toHaveFocus();
    // Typing into a field takes its message away.
    await user.type(phone, '3');
    expect(phone).not.toHaveAttribute('aria-invalid');
  });

  it('works by keyboard alone: Tab between the fields, Enter sends', async () => {
    const user = userEvent.setup();
    const { onSend } = renderScreen('sv', true);
    await user.keyboard('Åsa');
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Telefonnummer' })).toHaveFocus();
    await user.keyboard('040 123 4567{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith({ name: 'Åsa', phone: '0401234567' });
  });

  it.each(LANGUAGES)(
    'in $code says so when it could not be sealed, keeping what was typed to try again',
    async (lang) => {
      const { onSend } = renderScreen(lang.code, true, Promise.resolve({ ok: false }));
      const phone = screen.getByRole('textbox', { name: lang.phone });
      fireEvent.change(phone, { target: { value: '0401234567' } });
      tap(lang.send);
      await act(async () => {});
      expect(onSend).toHaveBeenCalledTimes(1);
      expect(screen.getByRole('alert')).toHaveTextContent(lang.failed);
      expect(phone).toHaveValue('0401234567');
      tap(lang.send);
      await act(async () => {});
      expect(onSend).toHaveBeenCalledTimes(2);
    },
  );

  it('sends once while sealing, and Skip leaves without sending', async () => {
    let finish: (result: { ok: boolean }) => void = () => undefined;
    const pending = new Promise<{ ok: boolean }>((resolve) => {
      finish = resolve;
    });
    const { onSend, onDecline } = renderScreen('en', true, pending);
    fireEvent.change(screen.getByRole('textbox', { name: 'E-mail address' }), {
      target: { value: 'a@b.fi' },
    });
    tap('Send');
    expect(screen.getByRole('button', { name: 'Sending…' })).toBeDisabled();
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');
    await act(async () => {
      finish({ ok: true });
      await pending;
    });
    expect(onSend).toHaveBeenCalledTimes(1);
    tap('Skip');
    expect(onDecline).toHaveBeenCalledTimes(1);
  });
});

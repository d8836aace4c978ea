import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { LanguageCode } from '../../core';
import { flush, renderWithI18n, ScriptedBridge } from '../testing/scripted-bridge';
import { FirstRunScreen } from './FirstRunScreen';

const LANGUAGES = [
  {
    code: 'fi',
    ownName: 'Suomi',
    title: 'Päätettä ei ole vielä otettu käyttöön',
    detail: 'Tällä päätteellä ei voi vielä antaa palautetta.',
    hardwareId: 'Laitetunnus',
    unknown: 'Ei tiedossa',
    setUp: 'Ota käyttöön',
    back: 'Takaisin',
    codeLabel: 'Käyttöönottokoodi',
    formTitle: 'Päätteen käyttöönotto',
  },
  {
    code: 'sv',
    ownName: 'Svenska',
    title: 'Terminalen har inte tagits i bruk ännu',
    detail: 'Det går inte att ge respons på den här terminalen ännu.',
    hardwareId: 'Enhets-id',
    unknown: 'Okänt',
    setUp: 'Ta i bruk',
    back: 'Tillbaka',
    codeLabel: 'Aktiveringskod',
    formTitle: 'Ta terminalen i bruk',
  },
  {
    code: 'en',
    ownName: 'English',
    title: 'This terminal has not been set up yet',
    detail: 'You cannot give feedback on this terminal yet.',
    hardwareId: 'Hardware ID',
    unknown: 'Unknown',
    setUp: 'Set up',
    back: 'Back',
    codeLabel: 'Enrollment code',
    formTitle: 'Set up the terminal',
  },
] as const;

const HARDWARE_ID = 'hw-3f9a2c7b1d04';

/** The screen with its language held as the app holds it. */
function Harness({
  bridge,
  hardwareId = HARDWARE_ID,
  first = 'fi',
  onEnrolled,
}: {
  bridge: ScriptedBridge;
  hardwareId?: string | null;
  first?: LanguageCode;
  onEnrolled: (result: { terminalId: string; unitId: string }) => void;
}) {
  const [language, setLanguage] = useState<LanguageCode>(first);
  return (
    <FirstRunScreen
      bridge={bridge}
      hardwareId={hardwareId}
      language={language}
      onLanguage={setLanguage}
      onEnrolled={onEnrolled}
    />
  );
}

function renderScreen(options: { hardwareId?: string | null; first?: LanguageCode } = {}) {
  const bridge = new ScriptedBridge({
    'setup:enroll': () => ({ ok: true, terminalId: 't_01', unitId: 'khks-lapset' }),
  });
  const onEnrolled = vi.fn<(result: { terminalId: string; unitId: string }) => void>();
  const view = renderWithI18n(<Harness bridge={bridge} onEnrolled={onEnrolled} {...options} />);
  return { ...view, bridge, onEnrolled };
}

describe('the first-run screen', () => {
  it.each(LANGUAGES)(
    'in $code says calmly that the terminal is not in use yet, and shows its hardware id',
    ({ code, title, detail, hardwareId }) => {
      const { container } = renderScreen({ first: code });
      expect(container.querySelector('main')).toHaveAttribute('data-screen', 'first-run');
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
      expect(screen.getByText(detail)).toBeInTheDocument();
      expect(screen.getByRole('term')).toHaveTextContent(hardwareId);
      expect(screen.getByRole('definition')).toHaveTextContent(HARDWARE_ID);
      expect(document.documentElement.lang).toBe(code);
      // Nothing to fill in until the technician asks for it.
      expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    },
  );

  it.each(LANGUAGES)('in $code says so when the host knows no hardware id', ({ code, unknown }) => {
    renderScreen({ first: code, hardwareId: null });
    expect(screen.getByRole('definition')).toHaveTextContent(unknown);
  });

  it('offers Finnish, Swedish and English, each named in its own language', () => {
    renderScreen();
    for (const { ownName, code, title } of LANGUAGES) {
      const button = screen.getByRole('button', { name: ownName });
      expect(button).toHaveAttribute('lang', code);
      fireEvent.click(button);
      expect(button).toHaveAttribute('aria-pressed', 'true');
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    }
  });

  it.each(LANGUAGES)(
    'in $code opens the enrollment form on Set up, and closes it on Back',
    ({ code, setUp, back, codeLabel, formTitle }) => {
      renderScreen({ first: code });
      fireEvent.click(screen.getByRole('button', { name: setUp }));
      expect(screen.getByRole('form', { name: formTitle })).toBeInTheDocument();
      expect(screen.getByLabelText(codeLabel)).toBeInTheDocument();
      // The id stays in sight for the call to the county.
      expect(screen.getByRole('definition')).toHaveTextContent(HARDWARE_ID);
      fireEvent.click(screen.getByRole('button', { name: back }));
      expect(screen.queryByLabelText(codeLabel)).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: setUp })).toBeInTheDocument();
    },
  );

  it('keeps what was typed when the language changes', () => {
    renderScreen();
    fireEvent.click(screen.getByRole('button', { name: 'Ota käyttöön' }));
    fireEvent.change(screen.getByLabelText('Käyttöönottokoodi'), {
      target: { value: 'K7QD-M3XP' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Svenska' }));
    expect(screen.getByLabelText('Aktiveringskod')).toHaveValue('K7QD-M3XP');
  });

  it('hands the enrolled terminal and unit to the app', async () => {
    const { bridge, onEnrolled } = renderScreen({ first: 'en' });
    fireEvent.click(screen.getByRole('button', { name: 'Set up' }));
    fireEvent.change(screen.getByLabelText('API address'), {
      target: { value: 'https://palaute.example.fi' },
    });
    fireEvent.change(screen.getByLabelText('Enrollment code'), { target: { value: 'K7QD-M3XP' } });
    fireEvent.change(screen.getByLabelText('Service PIN (4–8 digits)'), {
      target: { value: '135790' },
    });
    fireEvent.change(screen.getByLabelText('PIN again'), { target: { value: '135790' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set up the terminal' }));
    await flush();
    expect(bridge.argsOf('setup:enroll')).toEqual([
      { apiUrl: 'https://palaute.example.fi', code: 'K7QD-M3XP', pin: '135790' },
    ]);
    expect(onEnrolled).toHaveBeenCalledWith({ terminalId: 't_01', unitId: 'khks-lapset' });
  });
});

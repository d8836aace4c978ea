import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { PinPadState, UnlockResult } from '../../core';
import { manualClock, type ManualClock } from '../../core/timers';
import { TimersContext } from '../app/timers';
import { flush, renderWithI18n, ScriptedBridge } from '../testing/scripted-bridge';
import { PinPad } from './PinPad';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');

const LANGUAGES = [
  {
    code: 'fi',
    title: 'Kirjoita PIN-koodi',
    erase: 'Poista merkki',
    cancel: 'Peruuta',
    entered: 'PIN-koodi: 3 numeroa',
    wrong3: 'Väärä PIN-koodi. 3 yritystä jäljellä.',
    wrong1: 'Väärä PIN-koodi. 1 yritys jäljellä.',
    locked: 'Liian monta väärää PIN-koodia. Näppäimistö on lukittu.',
    unlocksIn: 'Lukitus aukeaa 1 min 30 s kuluttua.',
    noPinTitle: 'Huoltonäyttöjä ei voi avata',
    noPin: /Pääte on otettava käyttöön uudelleen/,
    back: 'Takaisin',
  },
  {
    code: 'sv',
    title: 'Skriv PIN-koden',
    erase: 'Radera tecken',
    cancel: 'Avbryt',
    entered: 'PIN-kod: 3 siffror',
    wrong3: 'Fel PIN-kod. 3 försök kvar.',
    wrong1: 'Fel PIN-kod. 1 försök kvar.',
    locked: 'För många fel PIN-koder. Knappsatsen är låst.',
    unlocksIn: 'Låset öppnas om 1 min 30 s.',
    noPinTitle: 'Serviceskärmarna kan inte öppnas',
    noPin: /Terminalen måste tas i bruk på nytt/,
    back: 'Tillbaka',
  },
  {
    code: 'en',
    title: 'Enter the PIN',
    erase: 'Backspace',
    cancel: 'Cancel',
    entered: 'PIN: 3 digits',
    wrong3: 'Wrong PIN, 3 tries left.',
    wrong1: 'Wrong PIN, 1 try left.',
    locked: 'Too many wrong PINs. The pad is locked.',
    unlocksIn: 'Unlocks in 1 min 30 s.',
    noPinTitle: 'The service screens cannot be opened',
    noPin: /It must be set up again/,
    back: 'Back',
  },
] as const;

const OPEN: PinPadState = { pinSet: true, lockedUntil: null, attemptsLeft: 5 };

function renderPad(
  options: {
    state?: () => PinPadState | Promise<PinPadState>;
    unlock?: (args: { pin: string }) => UnlockResult | Promise<UnlockResult>;
    language?: string;
    /** The pad's clock; the test moves it by hand. */
    clock?: ManualClock;
  } = {},
) {
  const clock = options.clock ?? manualClock({ start: NOW });
  const bridge = new ScriptedBridge({
    'service:pin-state': options.state ?? (() => OPEN),
    'service:unlock': options.unlock ?? (() => ({ ok: true, idleCloseMs: 120_000 })),
  });
  const onUnlocked = vi.fn<(idleCloseMs: number) => void>();
  const onCancel = vi.fn<() => void>();
  const view = renderWithI18n(
    <TimersContext.Provider value={clock.timers}>
      <PinPad
        bridge={bridge}
        language={options.language ?? 'fi'}
        onUnlocked={onUnlocked}
        onCancel={onCancel}
      />
    </TimersContext.Provider>,
  );
  return { ...view, bridge, onUnlocked, onCancel, clock };
}

function tap(...names: string[]): void {
  for (const name of names) {
    fireEvent.click(screen.getByRole('button', { name }));
  }
}

describe('the PIN pad', () => {
  it.each(LANGUAGES)(
    'in $code asks for the PIN and names its keys',
    async ({ code, title, erase, cancel }) => {
      const { container, bridge } = renderPad({ language: code });
      await flush();
      expect(container.querySelector('main')).toHaveAttribute('data-screen', 'pin-pad');
      expect(bridge.argsOf('service:pin-state')).toEqual([null]);
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
      for (const name of [...'0123456789', erase, 'OK', cancel]) {
        expect(screen.getByRole('button', { name })).toBeEnabled();
      }
    },
  );

  it.each(LANGUAGES)('in $code shows typed digits as dots only', async ({ code, entered }) => {
    renderPad({ language: code });
    await flush();
    tap('7', '3', '1');
    expect(screen.getByText(entered)).toBeInTheDocument();
    expect(screen.getByText('● ● ● ○')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('731');
  });

  it('opens with the right PIN, for as long as the host says', async () => {
    const { bridge, onUnlocked } = renderPad();
    await flush();
    tap('2', '4', '6', '9', 'Poista merkki', '8', 'OK');
    await flush();
    expect(bridge.argsOf('service:unlock')).toEqual([{ pin: '2468' }]);
    expect(onUnlocked).toHaveBeenCalledWith(120_000);
  });

  it.each(LANGUAGES)(
    'in $code says how many tries a wrong PIN leaves',
    async ({ code, wrong3, wrong1 }) => {
      let attemptsLeft = 3;
      const { onUnlocked } = renderPad({
        language: code,
        unlock: () => ({ ok: false, reason: 'wrong_pin', attemptsLeft }),
      });
      await flush();
      tap('1', '1', '1', '1', 'OK');
      await flush();
      expect(screen.getByRole('alert')).toHaveTextContent(wrong3);
      expect(screen.getByText('○ ○ ○ ○')).toBeInTheDocument();
      attemptsLeft = 1;
      tap('2', '2', '2', '2', 'OK');
      await flush();
      expect(screen.getByRole('alert')).toHaveTextContent(wrong1);
      expect(onUnlocked).not.toHaveBeenCalled();
    },
  );

  it('does not send a PIN shorter than four digits, and takes no ninth', async () => {
    const { bridge } = renderPad({ language: 'en' });
    await flush();
    tap('1', '2', '3', 'OK');
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent('The PIN has 4 to 8 digits.');
    tap('4', '5', '6', '7', '8', '9', '0', 'OK');
    await flush();
    expect(bridge.argsOf('service:unlock')).toEqual([{ pin: '12345678' }]);
  });

  it('locks at the fifth wrong PIN and counts down until it opens by itself', async () => {
    const clock = manualClock({ start: NOW });
    const lockedUntil = clock.now() + 5 * 60_000;
    const { onUnlocked } = renderPad({
      clock,
      unlock: () => ({ ok: false, reason: 'locked', lockedUntil }),
    });
    await flush();
    tap('9', '9', '9', '9', 'OK');
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Liian monta väärää PIN-koodia. Näppäimistö on lukittu.',
    );
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('Lukitus aukeaa 5 min 0 s kuluttua.');
    expect(screen.getByRole('button', { name: '1' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'OK' })).toBeDisabled();
    // The way out is never locked.
    expect(screen.getByRole('button', { name: 'Peruuta' })).toBeEnabled();

    await act(() => clock.advance(1000));
    expect(timer).toHaveTextContent('Lukitus aukeaa 4 min 59 s kuluttua.');
    await act(() => clock.advance(4 * 60_000));
    expect(timer).toHaveTextContent('Lukitus aukeaa 59 s kuluttua.');
    fireEvent.keyDown(window, { key: '5', code: 'Digit5' });
    expect(screen.getByText('○ ○ ○ ○')).toBeInTheDocument();

    await act(() => clock.advance(59_000));
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
    expect(screen.getByRole('button', { name: '1' })).toBeEnabled();
    expect(onUnlocked).not.toHaveBeenCalled();
  });

  it.each(LANGUAGES)(
    'in $code shows a lock that survived a restart, from the host',
    async ({ code, locked, unlocksIn }) => {
      const clock = manualClock({ start: NOW });
      renderPad({
        clock,
        language: code,
        state: () => ({ pinSet: true, lockedUntil: clock.now() + 90_000, attemptsLeft: 0 }),
      });
      await flush();
      expect(screen.getByRole('alert')).toHaveTextContent(locked);
      expect(screen.getByRole('timer')).toHaveTextContent(unlocksIn);
      expect(screen.getByRole('button', { name: 'OK' })).toBeDisabled();
    },
  );

  it('is open at once when the host’s lock has already passed', async () => {
    const clock = manualClock({ start: NOW });
    renderPad({
      clock,
      state: () => ({ pinSet: true, lockedUntil: clock.now() - 1, attemptsLeft: 5 }),
    });
    await flush();
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'OK' })).toBeEnabled();
  });

  it.each(LANGUAGES)(
    'in $code explains that a terminal without a PIN must be set up again',
    async ({ code, noPinTitle, noPin, back }) => {
      const { onCancel } = renderPad({
        language: code,
        state: () => ({ pinSet: false, lockedUntil: null, attemptsLeft: 0 }),
      });
      await flush();
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(noPinTitle);
      expect(screen.getByText(noPin)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: '1' })).not.toBeInTheDocument();
      tap(back);
      expect(onCancel).toHaveBeenCalledTimes(1);
    },
  );

  it('takes the PIN from a physical keyboard: digits, Backspace, Enter', async () => {
    const { bridge, onUnlocked } = renderPad();
    await flush();
    for (const [key, code] of [
      ['1', 'Digit1'],
      ['3', 'Numpad3'],
      ['5', 'Digit5'],
      ['6', 'Digit6'],
      ['Backspace', 'Backspace'],
      ['7', 'Digit7'],
      ['Enter', 'Enter'],
    ]) {
      fireEvent.keyDown(window, { key, code });
    }
    await flush();
    expect(bridge.argsOf('service:unlock')).toEqual([{ pin: '1357' }]);
    expect(onUnlocked).toHaveBeenCalledTimes(1);
  });

  it('goes back with Escape or Cancel, sending nothing', async () => {
    const { bridge, onCancel } = renderPad({ language: 'sv' });
    await flush();
    tap('1', '2');
    fireEvent.keyDown(window, { key: 'Escape', code: 'Escape' });
    tap('Avbryt');
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(bridge.argsOf('service:unlock')).toEqual([]);
  });

  it('says only a plain word when the host cannot check the PIN', async () => {
    renderPad({
      language: 'en',
      unlock: () => {
        throw new Error('EPIPE write after end');
      },
    });
    await flush();
    tap('1', '2', '3', '4', 'OK');
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent('The PIN could not be checked. Try again.');
    expect(document.body).not.toHaveTextContent(/EPIPE/);
    expect(screen.getByRole('button', { name: 'OK' })).toBeEnabled();
  });
});

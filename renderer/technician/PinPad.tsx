import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bridge, LanguageCode, PinPadState, UnlockResult } from '../../core';
import { useTimers } from '../app/timers';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import './technician.css';

type Props = {
  bridge: Bridge;
  language: LanguageCode;
  onUnlocked: (idleCloseMs: number) => void;
  onCancel: () => void;
};

const PIN_MIN = 4;
const PIN_MAX = 8;

type PadMessage = { kind: 'wrong'; attemptsLeft: number } | { kind: 'short' } | { kind: 'error' };

type PadState =
  | { phase: 'loading' }
  /** The terminal has no PIN: nothing typed here can open the service screens. */
  | { phase: 'no_pin' }
  | { phase: 'ready'; message: PadMessage | null }
  | { phase: 'checking' }
  | { phase: 'locked'; until: number };

/** The pad as the host's state says, at `now`. */
function padFromHost(pad: PinPadState, now: number): PadState {
  if (!pad.pinSet) {
    return { phase: 'no_pin' };
  }
  if (pad.lockedUntil !== null && pad.lockedUntil > now) {
    return { phase: 'locked', until: pad.lockedUntil };
  }
  return { phase: 'ready', message: null };
}

/** The pad after the host's answer to a PIN; undefined: it opened. */
function padAfterUnlock(result: UnlockResult | undefined, now: number): PadState | undefined {
  if (result === undefined) {
    return { phase: 'ready', message: { kind: 'error' } };
  }
  if (result.ok) {
    return undefined;
  }
  switch (result.reason) {
    case 'wrong_pin':
      return { phase: 'ready', message: { kind: 'wrong', attemptsLeft: result.attemptsLeft } };
    case 'locked':
      return padFromHost({ pinSet: true, lockedUntil: result.lockedUntil, attemptsLeft: 0 }, now);
    case 'no_pin':
      return { phase: 'no_pin' };
    default:
      return { phase: 'ready', message: { kind: 'error' } };
  }
}

const DIGIT_CODE = /^(?:Digit|Numpad)(\d)$/;

/** The digit a key types, from the top row or the keypad, whatever the layout. */
function digitOfKey(event: KeyboardEvent): string | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) {
    return undefined;
  }
  return DIGIT_CODE.exec(event.code)?.[1] ?? (/^\d$/.test(event.key) ? event.key : undefined);
}

/**
 * The way into the service screens. The host checks the PIN and keeps the lockout (it survives
 * a restart); the pad only shows what the host says: tries left, or the time until it opens.
 */
export function PinPad({ bridge, language, onUnlocked, onCancel }: Props) {
  const { t } = useTranslation('setup', { lng: language });
  // The page's clock, or the test's: the lock's countdown is read and waited on with it.
  const timers = useTimers();
  const [state, setState] = useState<PadState>({ phase: 'loading' });
  const [pin, setPin] = useState('');
  const [now, setNow] = useState(() => timers.now());

  useEffect(() => {
    let stopped = false;
    bridge.call('service:pin-state', null).then(
      (pad) => {
        if (!stopped) {
          setState(padFromHost(pad, timers.now()));
        }
      },
      // The host will say at the first PIN what it could not say now.
      () => {
        if (!stopped) {
          setState({ phase: 'ready', message: null });
        }
      },
    );
    return () => {
      stopped = true;
    };
  }, [bridge, timers]);

  // A locked pad counts down each second and opens again by itself when the time is up.
  const lockedUntil = state.phase === 'locked' ? state.until : null;
  useEffect(() => {
    if (lockedUntil === null) {
      return undefined;
    }
    let timer: unknown;
    const tick = (): void => {
      const at = timers.now();
      setNow(at);
      const left = lockedUntil - at;
      if (left <= 0) {
        setState({ phase: 'ready', message: null });
        return;
      }
      timer = timers.setTimeout(tick, left % 1000 || 1000);
    };
    tick();
    return () => timers.clearTimeout(timer);
  }, [lockedUntil, timers]);

  const typeDigit = (digit: string): void => {
    if (state.phase === 'ready') {
      setPin((current) => (current.length >= PIN_MAX ? current : current + digit));
    }
  };

  const erase = (): void => setPin((current) => current.slice(0, -1));

  const unlock = async (): Promise<void> => {
    if (state.phase !== 'ready') {
      return;
    }
    if (pin.length < PIN_MIN) {
      setState({ phase: 'ready', message: { kind: 'short' } });
      return;
    }
    setState({ phase: 'checking' });
    setPin('');
    let result: UnlockResult | undefined;
    try {
      result = await bridge.call('service:unlock', { pin });
    } catch {
      result = undefined;
    }
    const next = padAfterUnlock(result, timers.now());
    if (next) {
      setState(next);
    } else if (result?.ok) {
      onUnlocked(result.idleCloseMs);
    }
  };

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const digit = digitOfKey(event);
    // Enter on a focused button is that button's own press.
    const onButton = event.target instanceof HTMLButtonElement;
    if (digit !== undefined) {
      typeDigit(digit);
    } else if (event.key === 'Backspace') {
      erase();
    } else if (event.key === 'Enter' && !onButton) {
      void unlock();
    } else if (event.key === 'Escape') {
      onCancel();
    } else {
      return;
    }
    event.preventDefault();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  if (state.phase === 'no_pin') {
    return (
      <main data-screen="pin-pad" className="screen tech-screen pin-pad">
        <h1 className="tech-title">{t('pin.noPinTitle')}</h1>
        <p className="tech-notice">{t('pin.noPin')}</p>
        <button type="button" className="tech-button tech-secondary" onClick={onCancel}>
          {t('firstRun.back')}
        </button>
      </main>
    );
  }

  const slots = Math.max(PIN_MIN, pin.length);
  const left = Math.max(0, Math.ceil(((lockedUntil ?? now) - now) / 1000));
  const time =
    left >= 60
      ? t('pin.minutesSeconds', { minutes: Math.floor(left / 60), seconds: left % 60 })
      : t('pin.seconds', { seconds: left });

  return (
    <main
      data-screen="pin-pad"
      className="screen tech-screen pin-pad"
      aria-busy={state.phase === 'loading' || state.phase === 'checking'}
    >
      <h1 className="tech-title">{t('pin.title')}</h1>
      <p className="pin-dots">
        <span aria-hidden="true">
          {Array.from({ length: slots }, (_, index) => (index < pin.length ? '●' : '○')).join(' ')}
        </span>
        <span className="visually-hidden">{t('pin.entered', { count: pin.length })}</span>
      </p>
      <div role="status" className="pin-status">
        {state.phase === 'loading' ? t('pin.loading') : null}
        {state.phase === 'checking' ? t('pin.checking') : null}
      </div>
      <div role="alert" className="tech-alert">
        {state.phase === 'locked' ? t('pin.locked') : null}
        {state.phase === 'ready' && state.message ? messageText(state.message, t) : null}
      </div>
      {state.phase === 'locked' ? (
        <p role="timer" className="pin-timer">
          {t('pin.unlocksIn', { time })}
        </p>
      ) : null}
      <OnScreenKeyboard
        layout="digits"
        language={language}
        disabled={state.phase !== 'ready'}
        onKey={typeDigit}
        onBackspace={erase}
        onEnter={() => void unlock()}
      />
      <button type="button" className="tech-button tech-secondary" onClick={onCancel}>
        {t('pin.cancel')}
      </button>
    </main>
  );
}

function messageText(
  message: PadMessage,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  switch (message.kind) {
    case 'wrong':
      return t('pin.wrong', { count: message.attemptsLeft });
    case 'short':
      return t('pin.tooShort');
    case 'error':
      return t('pin.error');
  }
}

import { useEffect, useEffectEvent } from 'react';
import {
  ButtonPressSchema,
  buttonValue,
  isValueOnScale,
  type Bridge,
  type ButtonPress,
  type TerminalConfig,
} from '../../core';
import { tapTime } from './bench-marks';
import { buttonOfKey } from './keys';
import { firstQuestion } from './kiosk-view';
import type { Answer } from './use-answer-flow';

/** The value a box button (or key n) answers on the first question, if it answers one. */
export function valueOfButton(config: TerminalConfig, button: number): number | undefined {
  const value = buttonValue(config, button);
  return value !== undefined && isValueOnScale(firstQuestion(config).scale, value)
    ? value
    : undefined;
}

/** A key typed into a text field (the open question) is text, not a box button. */
function isTyping(event: KeyboardEvent): boolean {
  const target = event.target;
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')
  );
}

/**
 * Keys 1–9 press box button n (keyboard-emulating boxes). Like the serial box's presses, a key
 * pressed during the thank-you is queued behind the answer before it, never dropped.
 */
export function useAnswerKeys(
  config: TerminalConfig | null,
  accepting: boolean,
  submit: (answer: Answer) => void,
): void {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const button = buttonOfKey(event);
    if (!config || !accepting || button === undefined || isTyping(event)) {
      return;
    }
    const value = valueOfButton(config, button);
    if (value !== undefined) {
      submit({ value, source: 'keyboard', start: tapTime(event.timeStamp) });
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

/**
 * Presses of the physical box, in any phase: a press during the thank-you is queued behind the
 * answer before it, never dropped. Unmapped or off-scale buttons record nothing and get no ack.
 */
export function useBoxPresses(
  bridge: Bridge,
  config: TerminalConfig | null,
  submit: (answer: Answer) => void,
  poke: () => void,
): void {
  const onPress = useEffectEvent((data: ButtonPress) => {
    const start = tapTime(undefined);
    poke();
    const press = ButtonPressSchema.safeParse(data);
    if (!config || !press.success) {
      return;
    }
    const value = valueOfButton(config, press.data.button);
    if (value !== undefined) {
      submit({ value, source: 'button', start, pressId: press.data.pressId });
    }
  });

  useEffect(() => bridge.on('button:press', (data) => onPress(data)), [bridge]);
}

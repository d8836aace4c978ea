/** The parts of a key event that say which answer key was pressed. */
export type AnswerKeyEvent = Pick<
  KeyboardEvent,
  'code' | 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'repeat'
>;

const CODE = /^(?:Digit|Numpad)([1-9])$/;
const KEY = /^[1-9]$/;

/**
 * The box button a key stands for: 1–9 of the top row or the keypad (a HID button box types
 * these). `code` names the physical key whatever the layout; `key` covers devices that send no
 * code. A held key's auto-repeat and shortcuts with modifiers are not presses.
 */
export function buttonOfKey(event: AnswerKeyEvent): number | undefined {
  if (event.repeat || event.altKey || event.ctrlKey || event.metaKey) {
    return undefined;
  }
  const digit = CODE.exec(event.code)?.[1] ?? (KEY.test(event.key) ? event.key : undefined);
  return digit === undefined ? undefined : Number(digit);
}

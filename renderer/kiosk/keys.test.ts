import { describe, expect, it } from 'vitest';
import { buttonOfKey, type AnswerKeyEvent } from './keys';

function key(code: string, key: string, extra: Partial<AnswerKeyEvent> = {}): AnswerKeyEvent {
  return { code, key, altKey: false, ctrlKey: false, metaKey: false, repeat: false, ...extra };
}

describe('which button a key presses', () => {
  it('reads the top row and the keypad by physical key, whatever the layout', () => {
    expect(buttonOfKey(key('Digit1', '1'))).toBe(1);
    expect(buttonOfKey(key('Numpad9', '9'))).toBe(9);
    // A French layout types & on Digit1: still button 1.
    expect(buttonOfKey(key('Digit1', '&'))).toBe(1);
  });

  it('falls back to the typed digit for devices that send no code', () => {
    expect(buttonOfKey(key('', '4'))).toBe(4);
  });

  it('is no button for 0, letters, held keys and shortcuts', () => {
    expect(buttonOfKey(key('Digit0', '0'))).toBeUndefined();
    expect(buttonOfKey(key('KeyA', 'a'))).toBeUndefined();
    expect(buttonOfKey(key('Digit2', '2', { repeat: true }))).toBeUndefined();
    expect(buttonOfKey(key('Digit2', '2', { ctrlKey: true }))).toBeUndefined();
  });
});

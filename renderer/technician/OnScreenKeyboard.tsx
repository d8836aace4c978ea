import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../../core';
import './technician.css';

export type KeyboardLayout = 'url' | 'code' | 'digits' | 'text' | 'phone' | 'email';

type Props = {
  layout: KeyboardLayout;
  language: LanguageCode;
  onKey: (key: string) => void;
  onBackspace: () => void;
  /** Without it the keyboard has no OK key. */
  onEnter?: () => void;
  /** Every key greyed out and deaf (a locked PIN pad). */
  disabled?: boolean;
};

const BACKSPACE = '{backspace}';
const ENTER = '{enter}';
const SPACE = '{space}';
const SHIFT = '{shift}';

const DIGITS_ROW = '1 2 3 4 5 6 7 8 9 0 {backspace}';

/** Rows of keys, space-separated; `{…}` are the keys that do something other than type. */
const LAYOUTS: Record<KeyboardLayout, readonly string[]> = {
  url: [DIGITS_ROW, 'q w e r t y u i o p /', 'a s d f g h j k l : {enter}', 'z x c v b n m . - _'],
  code: [DIGITS_ROW, 'Q W E R T Y U I O P -', 'A S D F G H J K L {enter}', 'Z X C V B N M'],
  digits: ['1 2 3', '4 5 6', '7 8 9', '{backspace} 0 {enter}'],
  // Finnish and Swedish share one layout; English needs no more than its letters.
  text: [
    DIGITS_ROW,
    'q w e r t y u i o p å',
    'a s d f g h j k l ö ä',
    '{shift} z x c v b n m , . -',
    '? ! {space} {enter}',
  ],
  // A patient's contact details (the kiosk's contact form): + for an international number.
  phone: ['1 2 3', '4 5 6', '7 8 9', '+ 0 {backspace}', '{enter}'],
  email: [
    DIGITS_ROW,
    'q w e r t y u i o p',
    'a s d f g h j k l',
    'z x c v b n m - _',
    '@ . + {enter}',
  ],
};

/** A tap on a key must leave the caret where it was: the field keeps the focus. */
function keepFocus(event: SyntheticEvent): void {
  event.preventDefault();
}

/**
 * Big keys for a touchscreen without a keyboard. Each key is a button named by what it types
 * (or, for the special keys, in words); tapping one never takes the focus from the field.
 */
export function OnScreenKeyboard({
  layout,
  language,
  onKey,
  onBackspace,
  onEnter,
  disabled = false,
}: Props) {
  const { t } = useTranslation('setup', { lng: language });
  const [shifted, setShifted] = useState(false);

  const press = (key: string): void => {
    if (key === BACKSPACE) {
      onBackspace();
    } else if (key === ENTER) {
      onEnter?.();
    } else if (key === SHIFT) {
      setShifted((on) => !on);
    } else {
      onKey(key === SPACE ? ' ' : shifted ? key.toLocaleUpperCase(language) : key);
      setShifted(false);
    }
  };

  const rows = LAYOUTS[layout].map((row) =>
    row.split(' ').filter((key) => key !== ENTER || onEnter !== undefined),
  );

  return (
    <div role="group" aria-label={t('keyboard.label')} className="osk" data-layout={layout}>
      {rows.map((row, index) => (
        <div key={index} className="osk-row">
          {row.map((key) => (
            <Key
              key={key}
              id={key}
              label={keyLabel(key, shifted, language, t)}
              name={keyName(key, t)}
              pressed={key === SHIFT ? shifted : undefined}
              disabled={disabled}
              onPress={() => press(key)}
            />
          ))}
        </div>
      ))}
    </div>
  );
}

type KeyProps = {
  id: string;
  label: string;
  name: string | undefined;
  pressed: boolean | undefined;
  disabled: boolean;
  onPress: () => void;
};

function Key({ id, label, name, pressed, disabled, onPress }: KeyProps) {
  return (
    <button
      type="button"
      className={id.startsWith('{') ? `osk-key osk-key-${id.slice(1, -1)}` : 'osk-key'}
      data-key={id}
      aria-label={name}
      aria-pressed={pressed}
      disabled={disabled}
      onPointerDown={keepFocus}
      onMouseDown={keepFocus}
      onClick={onPress}
    >
      {label}
    </button>
  );
}

/** What the key shows. */
function keyLabel(
  key: string,
  shifted: boolean,
  language: LanguageCode,
  t: (key: string) => string,
): string {
  switch (key) {
    case BACKSPACE:
      return '⌫';
    case SHIFT:
      return '⇧';
    case SPACE:
      return t('keyboard.space');
    case ENTER:
      return t('keyboard.enter');
    default:
      return shifted ? key.toLocaleUpperCase(language) : key;
  }
}

/** The words a screen reader says for a key that shows a symbol, not words. */
function keyName(key: string, t: (key: string) => string): string | undefined {
  switch (key) {
    case BACKSPACE:
      return t('keyboard.backspace');
    case SHIFT:
      return t('keyboard.shift');
    default:
      return undefined;
  }
}

/** Where a field's caret or selection is; null where the browser cannot say (append). */
export type Selection = { start: number; end: number } | null;

/**
 * One keyboard key applied to a field's text at its caret: `key` replaces the selection, or
 * `null` (backspace) removes it or the character before the caret. Never grows past `maxLength`.
 */
export function editText(
  text: string,
  key: string | null,
  selection: Selection,
  maxLength: number,
): { text: string; caret: number } {
  const start = Math.min(selection?.start ?? text.length, text.length);
  const end = Math.min(Math.max(selection?.end ?? text.length, start), text.length);
  if (key === null) {
    const from = start === end ? Math.max(0, start - 1) : start;
    return { text: text.slice(0, from) + text.slice(end), caret: from };
  }
  const next = text.slice(0, start) + key + text.slice(end);
  if (next.length > maxLength) {
    return { text, caret: end };
  }
  return { text: next, caret: start + key.length };
}

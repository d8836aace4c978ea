import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../testing/scripted-bridge';
import { editText, OnScreenKeyboard, type KeyboardLayout } from './OnScreenKeyboard';

const LANGUAGES = [
  { code: 'fi', group: 'Näyttönäppäimistö', backspace: 'Poista merkki', space: 'Välilyönti' },
  { code: 'sv', group: 'Skärmtangentbord', backspace: 'Radera tecken', space: 'Mellanslag' },
  { code: 'en', group: 'On-screen keyboard', backspace: 'Backspace', space: 'Space' },
] as const;

function renderKeyboard(layout: KeyboardLayout, language = 'fi', withEnter = true) {
  const onKey = vi.fn<(key: string) => void>();
  const onBackspace = vi.fn<() => void>();
  const onEnter = vi.fn<() => void>();
  renderWithI18n(
    <OnScreenKeyboard
      layout={layout}
      language={language}
      onKey={onKey}
      onBackspace={onBackspace}
      onEnter={withEnter ? onEnter : undefined}
    />,
  );
  return { onKey, onBackspace, onEnter };
}

/** What the keys type, in order (the named keys left out). */
function typedKeys(): string[] {
  return screen
    .getAllByRole('button')
    .filter((key) => !key.hasAttribute('aria-label') && !/^(OK|.{2,})$/.test(key.textContent))
    .map((key) => key.textContent);
}

describe('the on-screen keyboard', () => {
  it.each(LANGUAGES)('names itself and its keys in $code', ({ code, group, backspace, space }) => {
    const { onBackspace, onEnter, onKey } = renderKeyboard('text', code);
    const keyboard = screen.getByRole('group', { name: group });
    fireEvent.click(within(keyboard).getByRole('button', { name: backspace }));
    fireEvent.click(within(keyboard).getByRole('button', { name: 'OK' }));
    fireEvent.click(within(keyboard).getByRole('button', { name: space }));
    expect(onBackspace).toHaveBeenCalledTimes(1);
    expect(onEnter).toHaveBeenCalledTimes(1);
    expect(onKey).toHaveBeenCalledWith(' ');
    for (const key of within(keyboard).getAllByRole('button')) {
      expect(key).toHaveAccessibleName();
    }
  });

  it('offers the letters, digits and marks of a web address for the address', () => {
    renderKeyboard('url');
    const keys = typedKeys();
    expect(keys).toEqual(expect.arrayContaining([...'abcdefghijklmnopqrstuvwxyz0123456789.:/-_']));
    expect(keys.some((key) => key !== key.toLowerCase())).toBe(false);
  });

  it('offers capitals, digits and the dash for the enrollment code', () => {
    renderKeyboard('code');
    const keys = typedKeys();
    expect(keys).toEqual(expect.arrayContaining([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-']));
    expect(keys.some((key) => key !== key.toUpperCase())).toBe(false);
  });

  it('offers only digits for a PIN', () => {
    renderKeyboard('digits');
    expect(typedKeys().sort()).toEqual([...'0123456789']);
  });

  it('has å, ä and ö and a space bar for free text', async () => {
    const { onKey } = renderKeyboard('text', 'sv');
    const user = userEvent.setup();
    for (const letter of ['å', 'ä', 'ö']) {
      await user.click(screen.getByRole('button', { name: letter }));
    }
    await user.click(screen.getByRole('button', { name: 'Mellanslag' }));
    expect(onKey.mock.calls.map(([key]) => key)).toEqual(['å', 'ä', 'ö', ' ']);
  });

  it('types one capital after the shift key, then small letters again', () => {
    const { onKey } = renderKeyboard('text', 'fi');
    const shift = screen.getByRole('button', { name: 'Isot kirjaimet' });
    fireEvent.click(shift);
    expect(shift).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Ä' }));
    expect(shift).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(screen.getByRole('button', { name: 'ä' }));
    expect(onKey.mock.calls.map(([key]) => key)).toEqual(['Ä', 'ä']);
  });

  it('has no OK key when nothing listens for it', () => {
    renderKeyboard('digits', 'en', false);
    expect(screen.queryByRole('button', { name: 'OK' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '0' })).toBeInTheDocument();
  });

  it('leaves the focus and the caret in the field while its keys are tapped', async () => {
    function Field() {
      const [text, setText] = useState('');
      return (
        <>
          <label htmlFor="f">Field</label>
          <input id="f" value={text} onChange={(event) => setText(event.target.value)} />
          <OnScreenKeyboard
            layout="digits"
            language="fi"
            onKey={(key) => setText((current) => current + key)}
            onBackspace={() => setText((current) => current.slice(0, -1))}
          />
        </>
      );
    }
    renderWithI18n(<Field />);
    const user = userEvent.setup();
    const field = screen.getByLabelText('Field');
    await user.click(field);
    await user.click(screen.getByRole('button', { name: '4' }));
    await user.click(screen.getByRole('button', { name: '2' }));
    await user.click(screen.getByRole('button', { name: 'Poista merkki' }));
    await user.click(screen.getByRole('button', { name: '7' }));
    expect(field).toHaveValue('47');
    expect(field).toHaveFocus();
  });
});

describe('a key applied to a field', () => {
  it.each([
    { text: 'abc', key: 'd', selection: null, max: 10, expected: { text: 'abcd', caret: 4 } },
    {
      text: 'abc',
      key: 'X',
      selection: { start: 1, end: 1 },
      max: 10,
      expected: { text: 'aXbc', caret: 2 },
    },
    {
      text: 'abc',
      key: 'X',
      selection: { start: 0, end: 2 },
      max: 10,
      expected: { text: 'Xc', caret: 1 },
    },
    { text: 'abc', key: null, selection: null, max: 10, expected: { text: 'ab', caret: 2 } },
    {
      text: 'abc',
      key: null,
      selection: { start: 1, end: 1 },
      max: 10,
      expected: { text: 'bc', caret: 0 },
    },
    {
      text: 'abc',
      key: null,
      selection: { start: 0, end: 0 },
      max: 10,
      expected: { text: 'abc', caret: 0 },
    },
    {
      text: 'abc',
      key: null,
      selection: { start: 1, end: 3 },
      max: 10,
      expected: { text: 'a', caret: 1 },
    },
    { text: '1234', key: '5', selection: null, max: 4, expected: { text: '1234', caret: 4 } },
  ])(
    '$text with $key at $selection gives $expected.text',
    ({ text, key, selection, max, expected }) => {
      expect(editText(text, key, selection, max)).toEqual(expected);
    },
  );
});

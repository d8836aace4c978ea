import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { COMMENT_MAX_LENGTH } from '../../../core';
import { createI18n } from '../../i18n/i18n';
import { renderWithI18n } from '../../testing/scripted-bridge';
import { clipComment, CommentScreen } from './CommentScreen';

const LANGUAGES = [
  {
    code: 'fi',
    prompt: 'Mikä vaikutti kokemukseesi eniten?',
    warning: /^Älä kirjoita nimeäsi, henkilötunnustasi, puhelinnumeroasi, sähköpostiosoitettasi/,
    send: 'Lähetä',
    skip: 'Ohita',
    space: 'Välilyönti',
    backspace: 'Poista merkki',
    counter: (count: number) => `${count}/500 merkkiä`,
  },
  {
    code: 'sv',
    prompt: 'Vad påverkade din upplevelse mest?',
    warning: /^Skriv inte ditt namn, din personbeteckning, ditt telefonnummer, din e-postadress/,
    send: 'Skicka',
    skip: 'Hoppa över',
    space: 'Mellanslag',
    backspace: 'Radera tecken',
    counter: (count: number) => `${count}/500 tecken`,
  },
  {
    code: 'en',
    prompt: 'What had the greatest impact on your experience?',
    warning: /^Do not write your name, personal identity code, phone number, e-mail address/,
    send: 'Send',
    skip: 'Skip',
    space: 'Space',
    backspace: 'Backspace',
    counter: (count: number) => `${count}/500 characters`,
  },
] as const;

function renderScreen(code: string, maxLength?: number) {
  const t = createI18n(code).getFixedT(code);
  const onSend = vi.fn<(text: string) => void>();
  const onSkip = vi.fn<() => void>();
  const view = renderWithI18n(
    <CommentScreen
      language={code}
      unitName={{ text: 'Päivystys', lang: undefined }}
      prompt={t('visit.comment.prompt')}
      warning={t('visit.comment.warning')}
      sendLabel={t('visit.comment.send')}
      skipLabel={t('visit.skip')}
      counter={(count, max) => t('visit.comment.counter', { count, max })}
      maxLength={maxLength}
      onSend={onSend}
      onSkip={onSkip}
    />,
  );
  const field = screen.getByRole<HTMLTextAreaElement>('textbox');
  return { ...view, field, onSend, onSkip };
}

function tap(...names: string[]): void {
  for (const name of names) {
    fireEvent.click(screen.getByRole('button', { name }));
  }
}

describe('the open question', () => {
  it.each(LANGUAGES)(
    'in $code warns against personal details before any typing, as the field’s description',
    ({ code, prompt, warning, send, counter }) => {
      const { container, field } = renderScreen(code);
      expect(container.querySelector('main')).toHaveAttribute('data-screen', 'comment');
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(prompt);
      expect(screen.getByRole('textbox', { name: prompt })).toBe(field);
      const shown = screen.getByText(warning);
      expect(shown).toBeVisible();
      expect(field).toHaveAccessibleDescription(warning);
      expect(field).toHaveValue('');
      // Above the field: read and seen before it.
      expect(shown.compareDocumentPosition(field)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
      expect(screen.getByText(counter(0))).toBeVisible();
      expect(screen.getByRole('button', { name: send })).toBeDisabled();
    },
  );

  it.each(LANGUAGES)(
    'in $code types with the on-screen keys, å, ä and ö too, and sends the text',
    ({ code, send, space, backspace, counter, prompt }) => {
      const { field, onSend } = renderScreen(code);
      tap('h', 'y', 'v', 'ä', space, 'ö', 'å', 'x', backspace);
      expect(field).toHaveValue('hyvä öå');
      expect(screen.getByText(counter(7))).toBeVisible();
      expect(screen.getByRole('textbox', { name: prompt })).toHaveFocus();
      tap(send);
      expect(onSend).toHaveBeenCalledExactlyOnceWith('hyvä öå');
    },
  );

  it('types at the caret, not only at the end', () => {
    const { field } = renderScreen('fi');
    tap('k', 's', 'a');
    field.setSelectionRange(1, 1);
    tap('i');
    expect(field).toHaveValue('kisa');
    expect(field.selectionStart).toBe(2);
    // A selection is replaced by a key, or removed by Backspace.
    field.setSelectionRange(1, 3);
    tap('Poista merkki');
    expect(field).toHaveValue('ka');
    field.setSelectionRange(0, 1);
    tap('p');
    expect(field).toHaveValue('pa');
  });

  it('takes a physical keyboard too', async () => {
    const user = userEvent.setup();
    const { field, onSend } = renderScreen('sv');
    await user.type(field, 'Bra vård, tack!');
    expect(screen.getByText('15/500 tecken')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Skicka' }));
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Bra vård, tack!');
  });

  it('stops the on-screen keys at 500 characters', () => {
    const { field, onSend } = renderScreen('fi');
    fireEvent.change(field, { target: { value: 'a'.repeat(COMMENT_MAX_LENGTH - 1) } });
    tap('b', 'c', 'd', 'Välilyönti');
    expect(field).toHaveValue(`${'a'.repeat(COMMENT_MAX_LENGTH - 1)}b`);
    expect(screen.getByText('500/500 merkkiä')).toBeVisible();
    tap('Lähetä');
    expect(onSend.mock.calls[0]?.[0]).toHaveLength(COMMENT_MAX_LENGTH);
  });

  it('cuts a pasted text longer than 500 characters to 500', () => {
    const { field, onSend } = renderScreen('en');
    expect(field).toHaveAttribute('maxlength', String(COMMENT_MAX_LENGTH));
    fireEvent.change(field, { target: { value: 'Long story. '.repeat(60) } });
    expect(field.value).toHaveLength(COMMENT_MAX_LENGTH);
    expect(screen.getByText('500/500 characters')).toBeVisible();
    tap('Send');
    expect(onSend.mock.calls[0]?.[0]?.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
  });

  it('holds a shorter limit when given one', async () => {
    const user = userEvent.setup();
    const { field } = renderScreen('en', 10);
    await user.click(field);
    await user.paste('Twelve chars');
    tap('x');
    expect(field).toHaveValue('Twelve cha');
    expect(screen.getByText('10/10 characters')).toBeVisible();
  });

  it.each(LANGUAGES)(
    'in $code does not send only spaces, and sends the rest trimmed',
    ({ code, send, space }) => {
      const { field, onSend } = renderScreen(code);
      tap(space, space);
      expect(screen.getByRole('button', { name: send })).toBeDisabled();
      tap('OK');
      expect(onSend).not.toHaveBeenCalled();
      fireEvent.change(field, { target: { value: '  \n kiva  \n' } });
      expect(screen.getByRole('button', { name: send })).toBeEnabled();
      tap(send);
      expect(onSend).toHaveBeenCalledExactlyOnceWith('kiva');
    },
  );

  it('sends with the keyboard’s own OK key', () => {
    const { onSend } = renderScreen('fi');
    tap('m', 'o', 'i', 'Välilyönti', 'OK');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('moi');
  });

  it.each(LANGUAGES)('in $code Skip leaves without sending', ({ code, skip }) => {
    const { onSend, onSkip } = renderScreen(code);
    tap('a');
    tap(skip);
    expect(onSkip).toHaveBeenCalledTimes(1);
    expect(onSend).not.toHaveBeenCalled();
  });
});

describe('cutting a comment to its limit', () => {
  it('never leaves half of an emoji at the end', () => {
    expect(clipComment('ab😀', 3)).toBe('ab');
    expect(clipComment('ab😀', 4)).toBe('ab😀');
    expect(clipComment('abc', 5)).toBe('abc');
  });
});

import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Respondent } from '../../../core';
import { createI18n } from '../../i18n/i18n';
import { renderWithI18n } from '../../testing/scripted-bridge';
import { RespondentScreen } from './RespondentScreen';

const LANGUAGES = [
  {
    code: 'fi',
    prompt: 'Kuka vastaa?',
    names: ['Potilas tai asiakas', 'Vanhempi tai läheinen', 'Joku muu'],
    skip: 'Ohita',
  },
  {
    code: 'sv',
    prompt: 'Vem svarar?',
    names: ['Patient eller klient', 'Förälder eller närstående', 'Någon annan'],
    skip: 'Hoppa över',
  },
  {
    code: 'en',
    prompt: 'Who is answering?',
    names: ['Patient or client', 'Parent or relative', 'Someone else'],
    skip: 'Skip',
  },
] as const;

const RESPONDENTS: readonly Respondent[] = ['patient', 'relative', 'other'];

function renderScreen(code: string) {
  const t = createI18n(code).getFixedT(code);
  const onChoose = vi.fn<(respondent: Respondent | null) => void>();
  const view = renderWithI18n(
    <RespondentScreen
      unitName={{ text: 'Lastenpoliklinikka', lang: code === 'fi' ? undefined : 'fi' }}
      prompt={t('visit.respondent.prompt')}
      choices={RESPONDENTS.map((id) => ({
        id,
        label: t(`visit.respondent.${id}`),
        icon: <svg data-testid={`icon-${id}`} />,
      }))}
      skipLabel={t('visit.skip')}
      onChoose={onChoose}
    />,
  );
  return { ...view, onChoose };
}

describe('who is answering', () => {
  it.each(LANGUAGES)(
    'in $code asks, and offers each answer as a big button in one named group',
    ({ code, prompt, names }) => {
      const { container } = renderScreen(code);
      expect(container.querySelector('main')).toHaveAttribute('data-screen', 'respondent');
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(prompt);
      expect(screen.getByText('Lastenpoliklinikka')).toBeVisible();
      const group = screen.getByRole('group', { name: prompt });
      const buttons = within(group).getAllByRole('button');
      // The pictures are decoration: each button is named by its words alone.
      expect(buttons.map((button) => button.getAttribute('data-respondent'))).toEqual(RESPONDENTS);
      buttons.forEach((button, index) => expect(button).toHaveAccessibleName(names[index]));
      expect(within(group).getByTestId('icon-patient').parentElement).toHaveAttribute(
        'aria-hidden',
        'true',
      );
    },
  );

  it.each(LANGUAGES)('in $code a tap on an answer gives its id', ({ code, names }) => {
    const { onChoose } = renderScreen(code);
    fireEvent.click(screen.getByRole('button', { name: names[1] }));
    expect(onChoose).toHaveBeenCalledExactlyOnceWith('relative');
  });

  it.each(LANGUAGES)('in $code Skip goes on without an answer', ({ code, prompt, skip }) => {
    const { onChoose } = renderScreen(code);
    const skipButton = screen.getByRole('button', { name: skip });
    // Skip is not one of the answers.
    expect(within(screen.getByRole('group', { name: prompt })).queryByText(skip)).toBeNull();
    fireEvent.click(skipButton);
    expect(onChoose).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('marks a unit name shown in another language with its language', () => {
    renderScreen('sv');
    expect(screen.getByText('Lastenpoliklinikka')).toHaveAttribute('lang', 'fi');
  });
});

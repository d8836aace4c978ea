import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../i18n/i18n';
import { renderWithI18n } from '../../testing/scripted-bridge';
import type { ShownText } from '../kiosk-view';
import { FollowUpScreen, type FollowUpChip } from './FollowUpScreen';

const LANGUAGES = [
  {
    code: 'fi',
    prompt: 'Mikä vaikutti vastaukseesi eniten?',
    progress: 'Kysymys 3/6',
    skip: 'Ohita',
    chips: ['Odotusaika', 'Henkilökunnan ystävällisyys', 'Tiedon saaminen'],
  },
  {
    code: 'sv',
    prompt: 'Vad påverkade ditt svar mest?',
    progress: 'Fråga 3/6',
    skip: 'Hoppa över',
    chips: ['Väntetiden', 'Personalens vänlighet', 'Att få information'],
  },
  {
    code: 'en',
    prompt: 'What affected your answer most?',
    progress: 'Question 3 of 6',
    skip: 'Skip',
    chips: ['Waiting time', 'Friendly staff', 'Getting information'],
  },
] as const;

const CHIP_IDS = ['waiting', 'staff', 'information'] as const;

function text(value: string, lang?: string): ShownText {
  return { text: value, lang };
}

function renderScreen(code: string, chips: FollowUpChip[], withProgress = true) {
  const t = createI18n(code).getFixedT(code);
  const onChoose = vi.fn<(id: string | null) => void>();
  const view = renderWithI18n(
    <FollowUpScreen
      unitName={text('Päivystys')}
      prompt={t('visit.followUp.prompt')}
      chips={chips}
      progress={
        withProgress
          ? { current: 3, total: 6, label: t('visit.progress', { current: 3, total: 6 }) }
          : undefined
      }
      skipLabel={t('visit.skip')}
      onChoose={onChoose}
    />,
  );
  return { ...view, onChoose };
}

describe('the follow-up question', () => {
  it.each(LANGUAGES)(
    'in $code asks, says where the visit is, and names each chip',
    ({ code, prompt, progress, chips }) => {
      const { container } = renderScreen(
        code,
        CHIP_IDS.map((id, index) => ({ id, label: text(chips[index] ?? id) })),
      );
      expect(container.querySelector('main')).toHaveAttribute('data-screen', 'follow-up');
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(prompt);
      expect(screen.getByText(progress)).toBeInTheDocument();
      const buttons = within(screen.getByRole('group', { name: prompt })).getAllByRole('button');
      expect(buttons.map((button) => button.getAttribute('data-chip'))).toEqual(CHIP_IDS);
      buttons.forEach((button, index) => expect(button).toHaveAccessibleName(chips[index]));
    },
  );

  it.each(LANGUAGES)('in $code a tap on a chip gives its id', ({ code, chips }) => {
    const { onChoose } = renderScreen(
      code,
      CHIP_IDS.map((id, index) => ({ id, label: text(chips[index] ?? id) })),
    );
    fireEvent.click(screen.getByRole('button', { name: chips[1] }));
    expect(onChoose).toHaveBeenCalledExactlyOnceWith('staff');
  });

  it.each(LANGUAGES)('in $code Skip goes on without a chip', ({ code, prompt, skip }) => {
    const { onChoose } = renderScreen(code, [{ id: 'waiting', label: text('Odotusaika') }]);
    expect(within(screen.getByRole('group', { name: prompt })).queryByText(skip)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: skip }));
    expect(onChoose).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('shows all twelve chips of a long list, in order', () => {
    const ids = Array.from({ length: 12 }, (_, index) => `reason-${index + 1}`);
    const { onChoose } = renderScreen(
      'fi',
      ids.map((id) => ({ id, label: text(`Syy ${id}`) })),
    );
    const group = screen.getByRole('group', { name: LANGUAGES[0].prompt });
    expect(group).toHaveAttribute('data-count', '12');
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((button) => button.getAttribute('data-chip'))).toEqual(ids);
    fireEvent.click(screen.getByRole('button', { name: 'Syy reason-12' }));
    expect(onChoose).toHaveBeenCalledExactlyOnceWith('reason-12');
  });

  it('marks a chip written in another language with its language', () => {
    renderScreen('sv', [
      { id: 'waiting', label: text('Väntetiden') },
      { id: 'parking', label: text('Pysäköinti', 'fi') },
    ]);
    expect(screen.getByRole('button', { name: 'Pysäköinti' })).toHaveAttribute('lang', 'fi');
    expect(screen.getByRole('button', { name: 'Väntetiden' })).not.toHaveAttribute('lang');
  });

  it('says nothing of progress when the caller gives none', () => {
    renderScreen('en', [{ id: 'waiting', label: text('Waiting time') }], false);
    expect(screen.queryByText(/Question/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Waiting time' })).toBeInTheDocument();
  });
});

import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../i18n/i18n';
import { renderWithI18n } from '../../testing/scripted-bridge';
import { StepActions } from './StepActions';

const LANGUAGES = [
  { code: 'fi', skip: 'Ohita', finish: 'Lopeta' },
  { code: 'sv', skip: 'Hoppa över', finish: 'Avsluta' },
  { code: 'en', skip: 'Skip', finish: 'Finish' },
] as const;

describe('the actions under a question', () => {
  it.each(LANGUAGES)('in $code skip the question with one tap', ({ code, skip }) => {
    const t = createI18n(code).getFixedT(code);
    const onSkip = vi.fn<() => void>();
    renderWithI18n(<StepActions skipLabel={t('visit.skip')} onSkip={onSkip} />);
    // The arrow is drawn, not read: the button is named by its word alone.
    const button = screen.getByRole('button', { name: skip });
    expect(button).toHaveAccessibleName(skip);
    fireEvent.click(button);
    expect(onSkip).toHaveBeenCalledTimes(1);
    expect(screen.getAllByRole('button')).toHaveLength(1);
  });

  it.each(LANGUAGES)('in $code finish the visit early, when offered', ({ code, skip, finish }) => {
    const t = createI18n(code).getFixedT(code);
    const onSkip = vi.fn<() => void>();
    const onFinish = vi.fn<() => void>();
    renderWithI18n(
      <StepActions
        skipLabel={t('visit.skip')}
        onSkip={onSkip}
        finishLabel={t('visit.finish')}
        onFinish={onFinish}
      />,
    );
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual([
      skip,
      finish,
    ]);
    fireEvent.click(screen.getByRole('button', { name: finish }));
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onSkip).not.toHaveBeenCalled();
  });

  it('offers no Finish without something to call', () => {
    renderWithI18n(<StepActions skipLabel="Skip" onSkip={vi.fn()} finishLabel="Finish" />);
    expect(screen.queryByRole('button', { name: 'Finish' })).not.toBeInTheDocument();
  });
});

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n';
import { renderWithI18n } from '../../testing/scripted-bridge';
import { ProgressDots } from './ProgressDots';

const LANGUAGES = [
  { code: 'fi', said: 'Kysymys 2/6' },
  { code: 'sv', said: 'Fråga 2/6' },
  { code: 'en', said: 'Question 2 of 6' },
] as const;

function dotStates(container: HTMLElement): (string | null)[] {
  return [...container.querySelectorAll('.visit-progress-dot')].map((dot) =>
    dot.getAttribute('data-state'),
  );
}

describe('the progress of a visit', () => {
  it.each(LANGUAGES)('in $code says which question of how many', ({ code, said }) => {
    const t = createI18n(code).getFixedT(code);
    renderWithI18n(
      <ProgressDots current={2} total={6} label={t('visit.progress', { current: 2, total: 6 })} />,
    );
    expect(screen.getByText(said)).toBeInTheDocument();
    // What is seen, "2 / 6" and the dots, is not read out twice.
    expect(screen.getByText('2 / 6')).toHaveAttribute('aria-hidden', 'true');
  });

  it('fills the dots up to the current question and leaves the rest hollow', () => {
    const { container } = renderWithI18n(<ProgressDots current={3} total={5} label="3/5" />);
    expect(dotStates(container)).toEqual(['done', 'done', 'current', 'todo', 'todo']);
    expect(container.querySelector('.visit-progress-dots')).toHaveAttribute('aria-hidden', 'true');
  });

  it('fills every dot at the last question', () => {
    const { container } = renderWithI18n(<ProgressDots current={4} total={4} label="4/4" />);
    expect(dotStates(container)).toEqual(['done', 'done', 'done', 'current']);
    expect(screen.getByText('4 / 4')).toBeInTheDocument();
  });

  it.each([0, 1])('shows nothing for a visit of %i questions', (total) => {
    const { container } = renderWithI18n(<ProgressDots current={1} total={total} label="1/1" />);
    expect(container).toBeEmptyDOMElement();
  });
});

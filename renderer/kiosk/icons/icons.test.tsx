import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QUESTION_ICONS } from '../../../core';
import { QuestionIcon } from './QuestionIcon';
import { RespondentIcon } from './RespondentIcon';
import { RESPONDENT_KINDS } from './respondent-icon-shapes';

/** The one svg drawn, checked to be a decorative picture, and the path data it draws. */
function drawnPicture(container: HTMLElement, className: string): string {
  const svgs = container.querySelectorAll('svg');
  expect(svgs).toHaveLength(1);
  const svg = svgs[0]!;
  expect(svg).toHaveClass(className);
  expect(svg).toHaveAttribute('aria-hidden', 'true');
  expect(svg).toHaveAttribute('focusable', 'false');
  expect(svg).toHaveAttribute('viewBox', '0 0 100 100');
  expect(screen.queryByRole('img')).toBeNull();
  const paths = [...svg.querySelectorAll('path')].map((path) => path.getAttribute('d') ?? '');
  expect(paths.length).toBeGreaterThan(0);
  expect(paths.every((d) => d.startsWith('M'))).toBe(true);
  return paths.join(' ');
}

describe('the question pictograms', () => {
  it.each(QUESTION_ICONS)('%s is one picture hidden from screen readers and focus', (icon) => {
    const { container } = render(<QuestionIcon icon={icon} />);
    drawnPicture(container, 'question-icon');
    expect(container).toHaveTextContent('');
  });

  it('draw a different picture for each question', () => {
    const pictures = QUESTION_ICONS.map((icon) => {
      const { container, unmount } = render(<QuestionIcon icon={icon} />);
      const picture = drawnPicture(container, 'question-icon');
      unmount();
      return picture;
    });
    expect(new Set(pictures).size).toBe(QUESTION_ICONS.length);
  });
});

describe('the respondent pictograms', () => {
  it.each(RESPONDENT_KINDS)('%s is one picture hidden from screen readers and focus', (kind) => {
    const { container } = render(<RespondentIcon kind={kind} />);
    drawnPicture(container, 'respondent-icon');
    expect(container).toHaveTextContent('');
  });

  it('draw a patient, a relative and someone else differently', () => {
    const pictures = RESPONDENT_KINDS.map((kind) => {
      const { container, unmount } = render(<RespondentIcon kind={kind} />);
      const picture = drawnPicture(container, 'respondent-icon');
      unmount();
      return picture;
    });
    expect(new Set(pictures).size).toBe(RESPONDENT_KINDS.length);
  });
});

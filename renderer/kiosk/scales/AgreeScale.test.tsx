import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../testing/stores';
import { renderApp, settle, testConfig, waitForKiosk } from '../../testing/render-app';

const AGREE = testConfig({
  survey: { id: 'service', version: 1, questions: [{ id: 'good', scale: 'agree5' }] },
});

const LANGUAGES = [
  {
    ownName: 'Suomi',
    code: 'fi',
    question: 'Sain tänään hyvää palvelua.',
    steps: [
      'Täysin eri mieltä',
      'Jokseenkin eri mieltä',
      'Ei samaa eikä eri mieltä',
      'Jokseenkin samaa mieltä',
      'Täysin samaa mieltä',
    ],
  },
  {
    ownName: 'Svenska',
    code: 'sv',
    question: 'Jag fick god service i dag.',
    steps: [
      'Helt av annan åsikt',
      'Delvis av annan åsikt',
      'Varken av samma eller annan åsikt',
      'Delvis av samma åsikt',
      'Helt av samma åsikt',
    ],
  },
  {
    ownName: 'English',
    code: 'en',
    question: 'I received good service today.',
    steps: [
      'Fully disagree',
      'Somewhat disagree',
      'Neither agree nor disagree',
      'Somewhat agree',
      'Fully agree',
    ],
  },
] as const;

describe('the five agreement steps', () => {
  it.each(LANGUAGES)(
    'in $ownName shows five steps from fully disagree to fully agree, each with its words',
    async ({ ownName, question, steps }) => {
      const { container } = renderApp(new MemoryStore(), AGREE);
      await waitForKiosk(container);
      fireEvent.click(screen.getByRole('button', { name: ownName }));
      const group = screen.getByRole('group', { name: question });
      const buttons = within(group).getAllByRole('button');
      expect(buttons.map((button) => button.getAttribute('data-value'))).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
      ]);
      expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual(steps);
      expect(buttons.map((button) => button.textContent)).toEqual(steps);
      // The step cue: one dot filled more at each step, so the order shows without colour.
      expect(
        buttons.map((button) => button.querySelectorAll('[data-filled="true"]').length),
      ).toEqual([1, 2, 3, 4, 5]);
    },
  );

  it.each(LANGUAGES)(
    'in $ownName a tap on fully agree stores 5, and on fully disagree stores 1',
    async ({ ownName, code, steps }) => {
      const store = new MemoryStore();
      const { container } = renderApp(store, AGREE);
      await waitForKiosk(container);
      fireEvent.click(screen.getByRole('button', { name: ownName }));
      fireEvent.click(screen.getByRole('button', { name: steps[4] }));
      await settle();
      await waitForKiosk(container);
      fireEvent.click(screen.getByRole('button', { name: ownName }));
      fireEvent.click(screen.getByRole('button', { name: steps[0] }));
      await settle();
      expect(store.rows.map((row) => [row.value, row.scale, row.language])).toEqual([
        [5, 'agree5', code],
        [1, 'agree5', code],
      ]);
    },
  );
});

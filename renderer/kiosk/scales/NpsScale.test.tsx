import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../testing/stores';
import { renderApp, settle, testConfig, waitForKiosk } from '../../testing/render-app';

const NPS = testConfig({
  survey: { id: 'nps', version: 2, questions: [{ id: 'recommend', scale: 'nps11' }] },
});

const LANGUAGES = [
  {
    ownName: 'Suomi',
    code: 'fi',
    question: 'Kuinka todennäköisesti suosittelisit saamaasi hoitoa/palvelua läheisellesi?',
    low: 'Erittäin epätodennäköisesti',
    high: 'Erittäin todennäköisesti',
    lowName: '0, erittäin epätodennäköisesti',
    highName: '10, erittäin todennäköisesti',
  },
  {
    ownName: 'Svenska',
    code: 'sv',
    question:
      'Hur sannolikt skulle du rekommendera servicen du fått till din närmaste om hens situation var likadan?',
    low: 'Inte alls troligt',
    high: 'Mycket troligt',
    lowName: '0, inte alls troligt',
    highName: '10, mycket troligt',
  },
  {
    ownName: 'English',
    code: 'en',
    question:
      'How likely would you be to recommend the service you received to a family member or friend in the same situation?',
    low: 'Not at all likely',
    high: 'Extremely likely',
    lowName: '0, not at all likely',
    highName: '10, extremely likely',
  },
] as const;

describe('the 0–10 recommendation scale', () => {
  it.each(LANGUAGES)(
    'in $ownName shows eleven buttons 0–10, named by the question, with both ends explained',
    async ({ ownName, question, low, high, lowName, highName }) => {
      const { container } = renderApp(new MemoryStore(), NPS);
      await waitForKiosk(container);
      fireEvent.click(screen.getByRole('button', { name: ownName }));
      const group = screen.getByRole('group', { name: question });
      const buttons = within(group).getAllByRole('button');
      expect(buttons.map((button) => button.getAttribute('data-value'))).toEqual(
        Array.from({ length: 11 }, (_, value) => String(value)),
      );
      expect(buttons.map((button) => button.textContent)).toEqual(
        Array.from({ length: 11 }, (_, value) => String(value)),
      );
      expect(within(group).getByRole('button', { name: lowName })).toBe(buttons[0]);
      expect(within(group).getByRole('button', { name: highName })).toBe(buttons[10]);
      for (const value of [1, 5, 9]) {
        expect(within(group).getByRole('button', { name: String(value) })).toBe(buttons[value]);
      }
      expect(within(group).getByText(low)).toBeVisible();
      expect(within(group).getByText(high)).toBeVisible();
      // The low end is written before the high one, as 0 comes before 10.
      expect(
        within(group).getByText(low).compareDocumentPosition(within(group).getByText(high)),
      ).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    },
  );

  it.each(LANGUAGES)('in $ownName a tap on 7 stores the answer 7', async ({ ownName, code }) => {
    const store = new MemoryStore();
    const { container } = renderApp(store, NPS);
    await waitForKiosk(container);
    fireEvent.click(screen.getByRole('button', { name: ownName }));
    fireEvent.click(screen.getByRole('button', { name: '7' }));
    await settle();
    expect(store.rows).toMatchObject([
      {
        value: 7,
        scale: 'nps11',
        language: code,
        source: 'touch',
        surveyId: 'nps',
        questionId: 'recommend',
      },
    ]);
    expect(await screen.findByRole('status')).toBeInTheDocument();
  });

  it('stores 0 and 10, the ends, as themselves', async () => {
    const store = new MemoryStore();
    const { container } = renderApp(store, NPS);
    await waitForKiosk(container);
    fireEvent.click(screen.getByRole('button', { name: LANGUAGES[0].lowName }));
    await settle();
    await waitForKiosk(container);
    fireEvent.click(screen.getByRole('button', { name: LANGUAGES[0].highName }));
    await settle();
    expect(store.rows.map((row) => row.value)).toEqual([0, 10]);
  });
});

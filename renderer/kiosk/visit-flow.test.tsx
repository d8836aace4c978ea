import { act, fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { surveyTemplate, type TerminalConfig } from '../../core';
import { manualClock, type ManualClock } from '../../core/timers';
import type { ResponseStore } from '../store/response-store';
import { MemoryStore } from '../testing/stores';
import { renderApp, screenOf, settle, testConfig, waitForKiosk } from '../testing/render-app';

const LANGUAGES = [
  {
    ownName: 'Suomi',
    code: 'fi',
    who: 'Kuka vastaa?',
    relative: 'Vanhempi tai läheinen',
    progress: (n: number) => `Kysymys ${n}/6`,
    skip: 'Ohita',
    finish: 'Lopeta',
    cannotSay: 'En osaa sanoa',
    comment: 'Mikä vaikutti kokemukseesi eniten?',
    warning: /Älä kirjoita nimeäsi/,
    send: 'Lähetä',
    removed: '[poistettu]',
    reasons: 'Mikä vaikutti vastaukseesi eniten?',
    waiting: 'Odotusaika',
    lowest: 'Erittäin tyytymätön',
    highest: 'Erittäin tyytyväinen',
    thanks: 'Kiitos!',
  },
  {
    ownName: 'Svenska',
    code: 'sv',
    who: 'Vem svarar?',
    relative: 'Förälder eller närstående',
    progress: (n: number) => `Fråga ${n}/6`,
    skip: 'Hoppa över',
    finish: 'Avsluta',
    cannotSay: 'Kan inte säga',
    comment: 'Vad påverkade din upplevelse mest?',
    warning: /Skriv inte ditt namn/,
    send: 'Skicka',
    removed: '[borttaget]',
    reasons: 'Vad påverkade ditt svar mest?',
    waiting: 'Väntetid',
    lowest: 'Mycket missnöjd',
    highest: 'Mycket nöjd',
    thanks: 'Tack!',
  },
  {
    ownName: 'English',
    code: 'en',
    who: 'Who is answering?',
    relative: 'Parent or relative',
    progress: (n: number) => `Question ${n} of 6`,
    skip: 'Skip',
    finish: 'Finish',
    cannotSay: 'Cannot say',
    comment: 'What had the greatest impact on your experience?',
    warning: /Do not write your name/,
    send: 'Send',
    removed: '[removed]',
    reasons: 'What affected your answer most?',
    waiting: 'Waiting time',
    lowest: 'Very unhappy',
    highest: 'Very happy',
    thanks: 'Thank you!',
  },
] as const;

const NATIONAL = testConfig({ survey: surveyTemplate('national', { askRespondent: true }) });
const VISIT = testConfig({ survey: surveyTemplate('visit-smiley') });

/** The answer button of `value` on the question shown now. */
function answer(container: HTMLElement, value: number): void {
  const button = container.querySelector<HTMLButtonElement>(`main [data-value="${value}"]`);
  if (!button) {
    throw new Error(`no answer ${value} on screen ${screenOf(container)}`);
  }
  fireEvent.click(button);
}

function questionShown(container: HTMLElement): string | null {
  return container.querySelector('main')?.getAttribute('data-question') ?? null;
}

// The kiosk's timers (the thank-you, the visit's idle end) run on a clock the test moves.
let clock: ManualClock;

beforeEach(() => {
  clock = manualClock();
});

function renderVisit(store: ResponseStore, config: TerminalConfig) {
  return renderApp(store, config, { timers: clock.timers });
}

async function advance(ms: number): Promise<void> {
  await act(async () => {
    await clock.advance(ms);
  });
}

describe('a national survey, screen by screen', () => {
  it.each(LANGUAGES)(
    'in $ownName: who answers, the 0–10 question, statements answered, "cannot say" and skipped, then a redacted comment',
    async (lang) => {
      const store = new MemoryStore();
      const { container } = renderVisit(store, NATIONAL);
      await settle();
      expect(screenOf(container)).toBe('respondent');
      fireEvent.click(screen.getByRole('button', { name: lang.ownName }));
      const who = screen.getByRole('group', { name: lang.who });
      fireEvent.click(within(who).getByRole('button', { name: lang.relative }));

      expect(questionShown(container)).toBe('0');
      expect(screen.getByText(lang.progress(1))).toBeInTheDocument();
      // The first question is the visit itself: it has no skip.
      expect(screen.queryByRole('button', { name: lang.skip })).not.toBeInTheDocument();
      answer(container, 9);
      await settle();

      expect(questionShown(container)).toBe('1');
      expect(screen.getByText(lang.progress(2))).toBeInTheDocument();
      answer(container, 5);
      await settle();
      expect(questionShown(container)).toBe('2');
      fireEvent.click(screen.getByRole('button', { name: lang.cannotSay }));
      expect(questionShown(container)).toBe('3');
      fireEvent.click(screen.getByRole('button', { name: lang.skip }));
      expect(questionShown(container)).toBe('4');
      answer(container, 4);
      await settle();
      answer(container, 2);
      await settle();

      expect(screenOf(container)).toBe('comment');
      const field = screen.getByRole('textbox', { name: lang.comment });
      expect(field).toHaveAccessibleDescription(lang.warning);
      // A digit typed into the text is text, not a box key answering the first question.
      fireEvent.keyDown(field, { code: 'Digit1', key: '1' });
      fireEvent.change(field, {
        target: { value: 'Hoitaja 131052-308T soitti 040 123 4567, matti.m@example.fi kiitos' },
      });
      fireEvent.click(screen.getByRole('button', { name: lang.send }));
      await settle();
      expect(screen.getByRole('status')).toHaveTextContent(lang.thanks);

      expect(store.rows.map((row) => [row.questionId, row.scale, row.value])).toEqual([
        ['nps', 'nps11', 9],
        ['access', 'agree5', 5],
        ['information', 'agree5', 4],
        ['useful', 'agree5', 2],
      ]);
      for (const row of store.rows) {
        expect(row).toMatchObject({ respondent: 'relative', language: lang.code, flags: [] });
      }
      const comment = store.rows[0]?.comment ?? '';
      expect(comment).toBe(
        `Hoitaja ${lang.removed} soitti ${lang.removed}, ${lang.removed} kiitos`,
      );
      expect(store.rows.slice(1).every((row) => row.comment === undefined)).toBe(true);
      // Held from the visit's first answer until it ended; then it may go.
      expect(store.holds).toContain(store.rows[0]?.answeredAt);
      expect(store.holds.at(-1)).toBeNull();
    },
  );

  it('ends the visit with the thank-you on "finish", keeping what was answered', async () => {
    const store = new MemoryStore();
    const { container } = renderVisit(store, NATIONAL);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Ohita' }));
    answer(container, 7);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Lopeta' }));
    await settle();
    expect(screen.getByRole('status')).toHaveTextContent('Kiitos!');
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]).toMatchObject({ questionId: 'nps', value: 7 });
    expect(store.rows[0]?.respondent).toBeUndefined();
    expect(store.holds.at(-1)).toBeNull();
  });

  it('begins a new visit when the box is pressed on a later question', async () => {
    const store = new MemoryStore();
    const config = testConfig({ survey: surveyTemplate('national') });
    const { container, bridge } = renderVisit(store, config);
    await waitForKiosk(container);
    answer(container, 9);
    await settle();
    expect(questionShown(container)).toBe('1');
    act(() => bridge.emit('button:press', { pressId: 'p1', button: 3, at: Date.now() }));
    await settle();
    expect(bridge.acks()).toEqual(['p1']);
    expect(store.rows.map((row) => [row.questionId, row.value, row.source])).toEqual([
      ['nps', 9, 'touch'],
      ['nps', 3, 'button'],
    ]);
    // The new visit goes on from its own first answer.
    expect(questionShown(container)).toBe('1');
    expect(store.holds.at(-1)).toBe(store.rows[1]?.answeredAt);
  });
});

describe('the follow-up after a low answer', () => {
  it.each(LANGUAGES)(
    'in $ownName stores the chosen chip with its answer, and asks nothing after a good one',
    async (lang) => {
      const store = new MemoryStore();
      const { container } = renderVisit(store, VISIT);
      await waitForKiosk(container);
      fireEvent.click(screen.getByRole('button', { name: lang.ownName }));
      fireEvent.click(screen.getByRole('button', { name: lang.lowest }));
      await settle();
      expect(screenOf(container)).toBe('follow-up');
      const chips = screen.getByRole('group', { name: lang.reasons });
      expect(within(chips).getAllByRole('button')).toHaveLength(5);
      fireEvent.click(within(chips).getByRole('button', { name: lang.waiting }));
      await settle();
      expect(screen.getByRole('status')).toHaveTextContent(lang.thanks);
      expect(store.rows[0]).toMatchObject({
        value: 1,
        followUp: { questionId: 'reason', value: 'waiting-time' },
      });

      await advance(400);
      await waitForKiosk(container);
      fireEvent.click(screen.getByRole('button', { name: lang.highest }));
      await settle();
      expect(screen.getByRole('status')).toHaveTextContent(lang.thanks);
      expect(store.rows[1]).toMatchObject({ value: 4 });
      expect(store.rows[1]?.followUp).toBeUndefined();
    },
  );

  it('can be skipped: the answer stays, without a follow-up', async () => {
    const store = new MemoryStore();
    const { container } = renderVisit(store, VISIT);
    await waitForKiosk(container);
    fireEvent.click(screen.getByRole('button', { name: 'Tyytymätön' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Ohita' }));
    await settle();
    expect(screen.getByRole('status')).toHaveTextContent('Kiitos!');
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]?.followUp).toBeUndefined();
  });

  it('times out when left alone: back to the faces, the answer kept, no thank-you', async () => {
    const store = new MemoryStore();
    const config = testConfig({
      survey: surveyTemplate('visit-smiley'),
      timing: { thankYouMs: 400, idleResetMs: 60_000, visitIdleMs: 8000 },
    });
    const { container } = renderVisit(store, config);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Erittäin tyytymätön' }));
    await settle();
    expect(screenOf(container)).toBe('follow-up');
    await advance(7999);
    expect(screenOf(container)).toBe('follow-up');
    await advance(1);
    expect(screenOf(container)).toBe('kiosk');
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]?.followUp).toBeUndefined();
    expect(store.holds.at(-1)).toBeNull();
  });
});

describe('the open question', () => {
  it('waits three times the visit idle time before it gives up, the answer kept', async () => {
    const store = new MemoryStore();
    const config = testConfig({
      survey: {
        id: 'with-comment',
        version: 1,
        questions: [{ id: 'q', scale: 'smiley4' }],
        comment: { enabled: true },
      },
      timing: { thankYouMs: 400, idleResetMs: 600_000, visitIdleMs: 5000 },
    });
    const { container } = renderVisit(store, config);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Tyytyväinen' }));
    await settle();
    expect(screenOf(container)).toBe('comment');
    await advance(14_999);
    expect(screenOf(container)).toBe('comment');
    await advance(1);
    expect(screenOf(container)).toBe('kiosk');
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]?.comment).toBeUndefined();
  });
});

describe('child mode', () => {
  it('marks the screen for bigger, gently moving faces and draws the question’s pictogram', async () => {
    const { container } = renderApp(
      new MemoryStore(),
      testConfig({ survey: surveyTemplate('children') }),
    );
    await waitForKiosk(container);
    const main = container.querySelector('main');
    expect(main).toHaveAttribute('data-child', 'true');
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent('Kuunneltiinko sinua?');
    // The picture is beside the words, not instead of them, and silent for screen readers.
    expect(heading.querySelector('svg.question-icon')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByRole('group', { name: 'Kuunneltiinko sinua?' })).toBeInTheDocument();
  });

  it('is off for other surveys', async () => {
    const { container } = renderApp(new MemoryStore(), VISIT);
    await waitForKiosk(container);
    expect(container.querySelector('main')).not.toHaveAttribute('data-child');
    expect(container.querySelector('svg.question-icon')).toBeNull();
  });
});

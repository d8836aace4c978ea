import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HymyDb } from '../store/db';
import { createResponseStore } from '../store/response-store';
import { GatedStore, MemoryStore } from '../testing/stores';
import { renderApp, screenOf, settle, testConfig, waitForKiosk } from '../testing/render-app';

let dbCount = 0;
const dbs: HymyDb[] = [];

function freshDb(): HymyDb {
  dbCount += 1;
  const db = new HymyDb(`hymy-kiosk-taps-${dbCount}`);
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const LANGUAGES = [
  {
    ownName: 'Suomi',
    code: 'fi',
    question: 'Millainen käyntisi oli tänään?',
    faces: ['Erittäin tyytymätön', 'Tyytymätön', 'Tyytyväinen', 'Erittäin tyytyväinen'],
    thanks: 'Kiitos!',
  },
  {
    ownName: 'Svenska',
    code: 'sv',
    question: 'Hur var ditt besök i dag?',
    faces: ['Mycket missnöjd', 'Missnöjd', 'Nöjd', 'Mycket nöjd'],
    thanks: 'Tack!',
  },
  {
    ownName: 'English',
    code: 'en',
    question: 'How was your visit today?',
    faces: ['Very unhappy', 'Unhappy', 'Happy', 'Very happy'],
    thanks: 'Thank you!',
  },
] as const;

describe('tapping a face', () => {
  it.each(LANGUAGES)(
    'in $ownName stores every face with its value, and thanks only after the commit',
    async ({ ownName, code, faces, thanks }) => {
      const db = freshDb();
      const store = new GatedStore(createResponseStore(db));
      const quick = testConfig({ timing: { thankYouMs: 50, idleResetMs: 60_000 } });
      const { container, clock } = renderApp(store, quick);
      await waitForKiosk(container);
      for (const [index, name] of faces.entries()) {
        fireEvent.click(screen.getByRole('button', { name: ownName }));
        fireEvent.click(screen.getByRole('button', { name }));
        await waitFor(() => expect(store.waiting).toBe(1));
        // Held before the commit: no thank-you, nothing stored yet.
        expect(screenOf(container)).toBe('kiosk');
        expect(screen.queryByText(thanks)).not.toBeInTheDocument();
        expect(await db.responses.count()).toBe(index);
        store.release();
        expect(await screen.findByRole('status')).toHaveTextContent(thanks);
        expect(await db.responses.count()).toBe(index + 1);
        await waitForKiosk(container);
        await clock.advance(5000);
      }
      const rows = await db.responses.orderBy('answeredAt').toArray();
      expect(rows.map((row) => row.value)).toEqual([1, 2, 3, 4]);
      for (const row of rows) {
        expect(row).toMatchObject({
          language: code,
          source: 'touch',
          scale: 'smiley4',
          surveyId: 'visit-smiley',
          surveyVersion: 3,
          questionId: 'overall',
          syncState: 'pending',
        });
      }
    },
  );

  it('names each face by its meaning, on buttons that carry their value', async () => {
    renderApp(new MemoryStore());
    const group = await screen.findByRole('group', { name: 'Millainen käyntisi oli tänään?' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((button) => button.getAttribute('data-value'))).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual(LANGUAGES[0].faces);
  });

  it.each(LANGUAGES)(
    'the $ownName button switches the question, the faces and the page language at once',
    async ({ ownName, code, question, faces }) => {
      const { container } = renderApp(new MemoryStore());
      await waitForKiosk(container);
      fireEvent.click(screen.getByRole('button', { name: ownName }));
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(question);
      for (const name of faces) {
        expect(screen.getByRole('button', { name })).toBeInTheDocument();
      }
      expect(document.documentElement.lang).toBe(code);
      expect(document.title).toMatch(/^Hymy – /);
      const pressed = screen.getByRole('button', { pressed: true });
      expect(pressed).toHaveTextContent(ownName);
      expect(pressed).toHaveAttribute('lang', code);
    },
  );

  it('shows the unit name in the language on screen, or in another when it has none', async () => {
    const config = testConfig({
      unit: { id: 'u1', name: { fi: 'Päivystys', en: 'Emergency' } },
    });
    renderApp(new MemoryStore(), config);
    expect(await screen.findByText('Päivystys')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByText('Emergency')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Svenska' }));
    expect(screen.getByText('Päivystys')).toHaveAttribute('lang', 'fi');
  });

  it('asks the question text of the survey, else the default question of its scale', async () => {
    const config = testConfig({
      survey: {
        id: 's',
        version: 1,
        questions: [{ id: 'q', scale: 'smiley3', text: { fi: 'Saitko apua?' } }],
      },
    });
    renderApp(new MemoryStore(), config);
    expect(await screen.findByRole('heading', { name: 'Saitko apua?' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /tyytyväinen|tyytymätön|väliltä/i })).toHaveLength(
      3,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Svenska' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Hur var ditt besök i dag?',
    );
  });

  it('offers numbered buttons with translated names on the nps11 and agree5 scales', async () => {
    const nps = testConfig({
      survey: { id: 's', version: 1, questions: [{ id: 'q', scale: 'nps11' }] },
    });
    const { unmount } = renderApp(new MemoryStore(), nps);
    const group = await screen.findByRole('group', { name: /suosittelisit/ });
    expect(within(group).getAllByRole('button')).toHaveLength(11);
    expect(
      within(group).getByRole('button', { name: '0, erittäin epätodennäköisesti' }),
    ).toHaveTextContent('0');
    unmount();
    const agree = testConfig({
      survey: { id: 's', version: 1, questions: [{ id: 'q', scale: 'agree5' }] },
    });
    renderApp(new MemoryStore(), agree);
    expect(await screen.findByRole('button', { name: 'Täysin samaa mieltä' })).toHaveAttribute(
      'data-value',
      '5',
    );
  });

  it('flags a second answer within the repeat window as a repeat', async () => {
    const store = new MemoryStore();
    const { container, clock } = renderApp(store);
    await waitForKiosk(container);
    fireEvent.click(screen.getByRole('button', { name: 'Tyytyväinen' }));
    await screen.findByRole('status');
    await waitForKiosk(container);
    await clock.advance(1000);
    fireEvent.click(screen.getByRole('button', { name: 'Tyytyväinen' }));
    await screen.findByRole('status');
    await waitForKiosk(container);
    await clock.advance(10_000);
    fireEvent.click(screen.getByRole('button', { name: 'Tyytyväinen' }));
    await settle();
    expect(store.rows.map((row) => row.flags)).toEqual([[], ['repeat'], []]);
  });
});

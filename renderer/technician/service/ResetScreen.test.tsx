import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HymyDb } from '../../store/db';
import { hostStatus } from '../../testing/scripted-service-bridge';
import { ResetScreen } from './ResetScreen';
import {
  LANGUAGES,
  closeDbs,
  renderIn,
  settle,
  storedAnswer,
  testDeps,
  type TestDeps,
} from './testing/service-kit';

afterEach(closeDbs);

type Language = (typeof LANGUAGES)[number];

function showReset(language: Language, deps: TestDeps) {
  const onReset = vi.fn();
  const onExport = vi.fn();
  const rendered = renderIn(
    language,
    <ResetScreen
      deps={deps}
      host={deps.bridge.status}
      language={language}
      onExport={onExport}
      onReset={onReset}
    />,
  );
  return { ...rendered, onReset, onExport };
}

async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((db) => db.name === name);
}

describe.each(LANGUAGES)('the factory reset in %s', (language) => {
  it('refuses while unsent answers exist that no export holds, and points to the export', async () => {
    const deps = testDeps();
    await deps.db.responses.bulkAdd([storedAnswer(1), storedAnswer(2), storedAnswer(3, 'sent')]);
    const { container, t, onExport, onReset } = showReset(language, deps);
    expect(container.querySelector('[data-screen="service-reset"]')).toBeInTheDocument();
    expect(
      await screen.findByText(t('reset.unsent', { count: 2, number: '2' })),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(t('reset.refused'));
    expect(screen.queryByRole('button', { name: t('reset.start') })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: t('reset.toExport') }));
    expect(onExport).toHaveBeenCalledTimes(1);
    expect(deps.bridge.argsOf('service:factory-reset')).toEqual([]);
    expect(onReset).not.toHaveBeenCalled();
  });

  it('asks twice, the second time with an explicit button, then erases the host and the store', async () => {
    const deps = testDeps({
      status: hostStatus({
        lastExport: {
          at: '2026-11-23T09:00:00.000Z',
          answers: 3,
          unsent: 2,
          newestUnsentAt: storedAnswer(2).answeredAt,
          files: ['/media/hymy/USB/hymy-export.csv'],
        },
      }),
    });
    await deps.db.responses.bulkAdd([storedAnswer(1), storedAnswer(2), storedAnswer(3, 'sent')]);
    const name = deps.db.name;
    const { t, onReset } = showReset(language, deps);
    fireEvent.click(await screen.findByRole('button', { name: t('reset.start') }));
    expect(screen.getByText(t('reset.question'))).toBeInTheDocument();
    expect(deps.bridge.argsOf('service:factory-reset')).toEqual([]);
    const confirm = screen.getByRole('button', { name: t('reset.confirm') });
    expect(confirm).not.toHaveTextContent(t('reset.start'));
    fireEvent.click(confirm);
    await waitFor(() => expect(onReset).toHaveBeenCalledTimes(1));
    expect(deps.bridge.argsOf('service:factory-reset')).toEqual([
      { unsent: 2, newestUnsentAt: storedAnswer(2).answeredAt },
    ]);
    expect(await databaseExists(name)).toBe(false);
  });

  it('can be cancelled at the second question', async () => {
    const deps = testDeps();
    const { t, onReset } = showReset(language, deps);
    expect(await screen.findByText(t('reset.noneUnsent'))).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: t('reset.start') }));
    fireEvent.click(screen.getByRole('button', { name: t('reset.cancel') }));
    expect(screen.getByRole('button', { name: t('reset.start') })).toBeInTheDocument();
    await settle();
    expect(deps.bridge.argsOf('service:factory-reset')).toEqual([]);
    expect(onReset).not.toHaveBeenCalled();
  });

  it('keeps every answer when the host refuses, and says why', async () => {
    const deps = testDeps();
    deps.bridge.answer('service:factory-reset', () => ({ ok: false, reason: 'failed' }));
    await deps.db.responses.bulkAdd([storedAnswer(1, 'sent')]);
    const { t, onReset } = showReset(language, deps);
    fireEvent.click(await screen.findByRole('button', { name: t('reset.start') }));
    fireEvent.click(screen.getByRole('button', { name: t('reset.confirm') }));
    expect(await screen.findByRole('alert')).toHaveTextContent(t('reset.failure.failed'));
    expect(onReset).not.toHaveBeenCalled();
    const again = new HymyDb(deps.db.name);
    expect(await again.responses.count()).toBe(1);
    again.close();
  });

  it('refuses when an answer came in after the export, as the host does', async () => {
    const deps = testDeps({
      status: hostStatus({
        lastExport: {
          at: '2026-11-23T09:00:00.000Z',
          answers: 1,
          unsent: 1,
          newestUnsentAt: storedAnswer(1).answeredAt,
          files: [],
        },
      }),
    });
    await deps.db.responses.bulkAdd([storedAnswer(1)]);
    const { t, onReset } = showReset(language, deps);
    fireEvent.click(await screen.findByRole('button', { name: t('reset.start') }));
    // A test answer lands while the technician reads the question.
    await deps.db.responses.add(storedAnswer(2));
    fireEvent.click(screen.getByRole('button', { name: t('reset.confirm') }));
    expect(await screen.findByText(t('reset.refused'))).toBeInTheDocument();
    expect(onReset).not.toHaveBeenCalled();
  });
});

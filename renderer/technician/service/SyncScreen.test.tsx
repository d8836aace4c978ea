import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncScreen } from './SyncScreen';
import { LANGUAGES, closeDbs, idleSync, renderIn, settle, testDeps } from './testing/service-kit';

afterEach(closeDbs);

describe.each(LANGUAGES)('sync now in %s', (language) => {
  it('runs a sync and shows the queue before, now and sent so far as it goes', async () => {
    const deps = testDeps({
      sync: idleSync({ queued: 30, state: 'waiting', lastError: 'offline' }),
    });
    let finish: () => void = () => undefined;
    deps.fakeSync.run = () => new Promise<void>((resolve) => (finish = resolve));
    const { container, t } = renderIn(
      language,
      <SyncScreen deps={deps} language={language} keepAlive={() => undefined} />,
    );
    expect(container.querySelector('[data-screen="service-sync"]')).toBeInTheDocument();
    const progress = screen.getByRole('status');
    expect(progress).toHaveTextContent(t('syncState.waiting'));
    expect(progress).toHaveTextContent(t('syncError.offline'));

    fireEvent.click(screen.getByRole('button', { name: t('sync.start') }));
    expect(deps.fakeSync.runs).toBe(1);
    const running = screen.getByRole('button', { name: t('sync.running') });
    expect(running).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(running);
    expect(deps.fakeSync.runs).toBe(1);

    deps.fakeSync.set({ state: 'syncing', queued: 12, lastError: null });
    expect(progress).toHaveTextContent(`${t('sync.before')}30`);
    expect(progress).toHaveTextContent(`${t('sync.now')}12`);
    expect(progress).toHaveTextContent(`${t('sync.sent')}18`);
    expect(progress).toHaveTextContent(t('syncState.syncing'));

    deps.fakeSync.set({ state: 'idle', queued: 0 });
    finish();
    await settle();
    expect(progress).toHaveTextContent(`${t('sync.sent')}30`);
    expect(progress).toHaveTextContent(t('sync.done'));
    expect(screen.getByRole('button', { name: t('sync.start') })).toBeInTheDocument();
  });

  it('says plainly when the sync ended with an error', async () => {
    const deps = testDeps({ sync: idleSync({ queued: 5 }) });
    deps.fakeSync.run = () => {
      deps.fakeSync.set({ state: 'waiting', lastError: 'server_error' });
      return Promise.resolve();
    };
    const { t } = renderIn(
      language,
      <SyncScreen deps={deps} language={language} keepAlive={() => undefined} />,
    );
    fireEvent.click(screen.getByRole('button', { name: t('sync.start') }));
    await settle();
    const progress = screen.getByRole('status');
    expect(progress).toHaveTextContent(t('sync.doneWithError'));
    expect(progress).toHaveTextContent(t('syncError.server_error'));
    expect(progress).not.toHaveTextContent(/Error:|at .*\.ts/);
  });
});

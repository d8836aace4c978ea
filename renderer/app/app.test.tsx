import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeBridge } from '../testing/fake-bridge';
import { renderApp, screenOf, testConfig, waitForKiosk } from '../testing/render-app';
import { MemoryStore } from '../testing/stores';
import { ErrorBoundary } from './ErrorBoundary';
import { createAppDeps } from './start';

function Broken(): never {
  throw new Error('a bug in a screen');
}

describe('the terminal', () => {
  it('shows a calm starting message until it has a config, then the faces', async () => {
    const { container, bridge } = renderApp(new MemoryStore(), null);
    expect(screenOf(container)).toBe('starting');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Pääte käynnistyy');
    expect(screen.getByText('Terminalen startar')).toHaveAttribute('lang', 'sv');
    act(() => bridge.emit('config:changed', testConfig()));
    await waitForKiosk(container);
  });

  it('follows a changed config, and keeps the last good one when a bad one comes', async () => {
    const { container, bridge } = renderApp(new MemoryStore());
    await waitForKiosk(container);
    const changed = testConfig({
      unit: { id: 'u2', name: { fi: 'Neuvola' } },
      languages: ['fi', 'en'],
    });
    act(() => bridge.emit('config:changed', changed));
    expect(await screen.findByText('Neuvola')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Svenska' })).not.toBeInTheDocument();
    act(() => bridge.emit('config:changed', { ...changed, languages: [] }));
    expect(screen.getByText('Neuvola')).toBeInTheDocument();
  });

  it('a screen that breaks shows the calm message, never a stack trace', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { container } = render(
      <ErrorBoundary language="fi">
        <Broken />
      </ErrorBoundary>,
    );
    quiet.mockRestore();
    expect(screenOf(container)).toBe('unavailable');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Pääte ei ole juuri nyt käytettävissä',
    );
    expect(container).not.toHaveTextContent('a bug in a screen');
  });

  it('tells the host at start that the store is working', async () => {
    const bridge = new FakeBridge(null);
    createAppDeps(bridge);
    await waitFor(() =>
      expect(bridge.reports()[0]).toEqual({ store: { ok: true }, persisted: null, sync: null }),
    );
  });

  it('tells the host how many answers wait to be sent', async () => {
    const bridge = new FakeBridge(null);
    createAppDeps(bridge);
    await waitFor(() =>
      expect(bridge.reports().at(-1)?.sync).toEqual(
        expect.objectContaining({ queued: 0, oldestQueuedAt: null }),
      ),
    );
  });
});

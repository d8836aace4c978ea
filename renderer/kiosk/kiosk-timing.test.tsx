import { act, fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TerminalConfig } from '../../core';
import { manualClock, type ManualClock } from '../../core/timers';
import type { ResponseStore } from '../store/response-store';
import { MemoryStore } from '../testing/stores';
import { renderApp, screenOf, settle, testConfig } from '../testing/render-app';

// The kiosk's timers run on a clock the test moves; promises and the store run as they would.
let clock: ManualClock;

beforeEach(() => {
  clock = manualClock();
});

function renderKiosk(store: ResponseStore, config: TerminalConfig = testConfig()) {
  return renderApp(store, config, { timers: clock.timers });
}

async function advance(ms: number): Promise<void> {
  await act(async () => {
    await clock.advance(ms);
  });
}

function key(code: string, key: string): void {
  fireEvent.keyDown(window, { code, key });
}

describe('the kiosk over time', () => {
  it('returns to the faces when the thank-you time has passed', async () => {
    const config = testConfig({ timing: { thankYouMs: 4000, idleResetMs: 60_000 } });
    const { container } = renderKiosk(new MemoryStore(), config);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Tyytyväinen' }));
    await settle();
    expect(screenOf(container)).toBe('thanks');
    expect(screen.getByRole('status')).toHaveTextContent('Kiitos!');
    await advance(3999);
    expect(screenOf(container)).toBe('thanks');
    await advance(1);
    expect(screenOf(container)).toBe('kiosk');
  });

  it('returns to the default language when nobody has touched it for the idle time', async () => {
    const config = testConfig({ timing: { thankYouMs: 400, idleResetMs: 30_000 } });
    renderKiosk(new MemoryStore(), config);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(document.documentElement.lang).toBe('en');
    await advance(20_000);
    // A touch anywhere starts the idle time again.
    fireEvent.pointerDown(document.body);
    await advance(29_999);
    expect(document.documentElement.lang).toBe('en');
    await advance(1);
    expect(document.documentElement.lang).toBe('fi');
    expect(screen.getByRole('button', { name: 'Suomi' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Millainen käyntisi oli tänään?',
    );
  });

  it('presses the faces with the keys 1–4 of the top row and the keypad', async () => {
    const store = new MemoryStore();
    const { container } = renderKiosk(store);
    await settle();
    const presses: [string, string][] = [
      ['Digit1', '1'],
      ['Digit2', '2'],
      ['Numpad3', '3'],
      ['Numpad4', '4'],
    ];
    for (const [code, digit] of presses) {
      key(code, digit);
      await settle();
      expect(screenOf(container)).toBe('thanks');
      await advance(400);
      expect(screenOf(container)).toBe('kiosk');
    }
    expect(store.rows.map((row) => [row.value, row.source])).toEqual([
      [1, 'keyboard'],
      [2, 'keyboard'],
      [3, 'keyboard'],
      [4, 'keyboard'],
    ]);
  });

  it('ignores keys that answer nothing and held keys, and records a key pressed during the thank-you', async () => {
    const store = new MemoryStore();
    renderKiosk(store);
    await settle();
    key('Digit5', '5');
    key('KeyA', 'a');
    fireEvent.keyDown(window, { code: 'Digit2', key: '2', repeat: true });
    fireEvent.keyDown(window, { code: 'Digit2', key: '2', ctrlKey: true });
    await settle();
    expect(store.rows).toEqual([]);
    key('Digit1', '1');
    await settle();
    key('Digit2', '2');
    await settle();
    expect(store.rows.map((row) => row.value)).toEqual([1, 2]);
    expect(store.rows.map((row) => row.source)).toEqual(['keyboard', 'keyboard']);
  });

  it('maps keys through the button map of the config', async () => {
    const store = new MemoryStore();
    const config = testConfig({ buttonBox: { map: { '1': 4, '2': 3 } } });
    renderKiosk(store, config);
    await settle();
    key('Digit1', '1');
    await settle();
    await advance(400);
    key('Digit3', '3');
    await settle();
    expect(store.rows.map((row) => row.value)).toEqual([4]);
  });

  it('a tap that was not stored shows no thank-you, and the kiosk stays usable', async () => {
    const store = new MemoryStore();
    store.fail = { ok: false, code: 'quota_exceeded' };
    const { container, bridge } = renderKiosk(store);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Erittäin tyytyväinen' }));
    await settle();
    expect(screenOf(container)).toBe('failed');
    expect(screen.queryByText('Kiitos!')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Yritä uudelleen');
    expect(container).not.toHaveTextContent(/Error|at \w+ \(/);
    expect(bridge.reports()).toContainEqual({
      store: { ok: false, code: 'quota_exceeded', reopenFailures: 0 },
      persisted: true,
      sync: null,
    });

    // The faces are still there; once the store recovers, the next tap is thanked.
    store.fail = undefined;
    fireEvent.click(screen.getByRole('button', { name: 'Erittäin tyytyväinen' }));
    await settle();
    expect(screenOf(container)).toBe('thanks');
    expect(store.rows).toHaveLength(1);
    expect(bridge.reports().at(-1)).toEqual({ store: { ok: true }, persisted: true, sync: null });
  });

  it('takes the failure message away after a few seconds', async () => {
    const store = new MemoryStore();
    store.fail = { ok: false, code: 'write_failed' };
    const { container } = renderKiosk(store);
    await settle();
    key('Digit1', '1');
    await settle();
    expect(screenOf(container)).toBe('failed');
    await advance(3000);
    expect(screenOf(container)).toBe('kiosk');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

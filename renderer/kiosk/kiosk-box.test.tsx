import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HymyDb } from '../store/db';
import { createResponseStore } from '../store/response-store';
import { GatedStore, MemoryStore } from '../testing/stores';
import { renderApp, screenOf, settle, testConfig, waitForKiosk } from '../testing/render-app';
import type { FakeBridge } from '../testing/fake-bridge';

const dbs: HymyDb[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

function press(bridge: FakeBridge, pressId: string, button: number): void {
  act(() => bridge.emit('button:press', { pressId, button, at: Date.now() }));
}

describe('the button box', () => {
  it('a box press is lit only after its answer is stored', async () => {
    const db = new HymyDb('hymy-kiosk-box-1');
    dbs.push(db);
    const store = new GatedStore(createResponseStore(db));
    const { container, bridge } = renderApp(store);
    await waitForKiosk(container);
    press(bridge, 'p-1', 2);
    await waitFor(() => expect(store.waiting).toBe(1));
    expect(bridge.acks()).toEqual([]);
    expect(screenOf(container)).toBe('kiosk');
    store.release();
    await waitFor(() => expect(bridge.acks()).toEqual(['p-1']));
    expect(screenOf(container)).toBe('thanks');
    expect(await db.responses.toArray()).toMatchObject([
      { value: 2, source: 'button', language: 'fi', syncState: 'pending' },
    ]);
  });

  it('a press of a button that answers nothing is neither stored nor lit', async () => {
    const store = new MemoryStore();
    const config = testConfig({ buttonBox: { map: { '1': 1, '2': 2, '3': 3, '4': 4, '5': 9 } } });
    const { container, bridge } = renderApp(store, config);
    await waitForKiosk(container);
    press(bridge, 'unmapped', 6);
    press(bridge, 'off-scale', 5);
    act(() => bridge.emit('button:press', { pressId: '', button: 1, at: 0 }));
    await settle();
    expect(store.rows).toEqual([]);
    expect(bridge.acks()).toEqual([]);
    expect(screenOf(container)).toBe('kiosk');
  });

  it('a box press that was not stored is never lit', async () => {
    const store = new MemoryStore();
    store.fail = { ok: false, code: 'database_closed' };
    const { container, bridge } = renderApp(store);
    await waitForKiosk(container);
    press(bridge, 'p-lost', 3);
    await settle();
    expect(screenOf(container)).toBe('failed');
    expect(bridge.acks()).toEqual([]);
    expect(bridge.reports()).toContainEqual({
      store: { ok: false, code: 'database_closed', reopenFailures: 0 },
      persisted: true,
      sync: null,
    });
  });

  it('stores presses that come during the thank-you in order, and thanks again', async () => {
    const store = new GatedStore(new MemoryStore());
    const { container, bridge } = renderApp(store);
    await waitForKiosk(container);
    press(bridge, 'a', 1);
    press(bridge, 'b', 4);
    await waitFor(() => expect(store.waiting).toBe(1));
    store.release();
    await waitFor(() => expect(bridge.acks()).toEqual(['a']));
    expect(screenOf(container)).toBe('thanks');
    press(bridge, 'c', 2);
    await waitFor(() => expect(store.waiting).toBe(1));
    store.release();
    await waitFor(() => expect(bridge.acks()).toEqual(['a', 'b']));
    // The thank-you stays up and starts over; the third press is still being written.
    expect(screenOf(container)).toBe('thanks');
    await waitFor(() => expect(store.waiting).toBe(1));
    store.release();
    await waitFor(() => expect(bridge.acks()).toEqual(['a', 'b', 'c']));
    await waitForKiosk(container);
  });

  it('answers a box press in the language on screen', async () => {
    const store = new MemoryStore();
    const { container, bridge } = renderApp(store);
    await waitForKiosk(container);
    act(() => screen.getByRole('button', { name: 'Svenska' }).click());
    press(bridge, 'sv-1', 4);
    await settle();
    expect(store.rows).toMatchObject([{ value: 4, language: 'sv', source: 'button' }]);
  });
});

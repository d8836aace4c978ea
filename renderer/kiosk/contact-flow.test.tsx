import { act, fireEvent, screen } from '@testing-library/react';
import sodium from 'libsodium-wrappers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { surveyTemplate } from '../../core';
import { manualClock, type ManualClock } from '../../core/timers';
import { MemoryStore } from '../testing/stores';
import { renderApp, screenOf, settle, testConfig, waitForKiosk } from '../testing/render-app';

const { ORIGINAL } = sodium.base64_variants;
let keys: { publicKey: Uint8Array; privateKey: Uint8Array };
let clock: ManualClock;

beforeAll(async () => {
  await sodium.ready;
  keys = sodium.crypto_box_keypair();
});

beforeEach(() => {
  clock = manualClock();
});

function contactConfig() {
  return testConfig({
    survey: surveyTemplate('visit-smiley'),
    timing: { thankYouMs: 400, idleResetMs: 600_000, visitIdleMs: 5000 },
    contact: { enabled: true, publicKey: sodium.to_base64(keys.publicKey, ORIGINAL) },
  });
}

/** The sealed box the county's server would open. */
function open(sealed: string | undefined): unknown {
  const box = sodium.from_base64(sealed ?? '', ORIGINAL);
  return JSON.parse(sodium.crypto_box_seal_open(box, keys.publicKey, keys.privateKey, 'text'));
}

function tap(...names: string[]): void {
  for (const name of names) {
    fireEvent.click(screen.getByRole('button', { name }));
  }
}

describe('a contact request at the end of a visit', () => {
  it('is stored only sealed with the first answer, and thanked', async () => {
    const store = new MemoryStore();
    const { container } = renderApp(store, contactConfig(), { timers: clock.timers });
    await waitForKiosk(container);
    tap('Tyytyväinen');
    await settle();
    expect(screenOf(container)).toBe('contact');
    tap('Kyllä');
    expect(screenOf(container)).toBe('contact-form');
    act(() => screen.getByRole('textbox', { name: 'Puhelinnumero' }).focus());
    tap('0', '4', '0', '1', '2', '3', '4', '5', '6', '7');
    tap('Lähetä');
    // Sealing loads libsodium (a dynamic import and its WebAssembly) the first time.
    expect(await screen.findByRole('status', {}, { timeout: 5000 })).toHaveTextContent('Kiitos!');

    expect(store.rows).toHaveLength(1);
    const [row] = store.rows;
    expect(open(row?.contactSealed)).toEqual({ phone: '0401234567' });
    // Nowhere plain: not in the row, not on the screen.
    expect(JSON.stringify(store.rows)).not.toContain('0401234567');
    expect(container.innerHTML).not.toContain('0401234567');
    expect(store.holds.at(-1)).toBeNull();
  });

  it('ends with the thank-you on No, the answer kept without a request', async () => {
    const store = new MemoryStore();
    const { container } = renderApp(store, contactConfig(), { timers: clock.timers });
    await waitForKiosk(container);
    tap('Erittäin tyytyväinen');
    await settle();
    tap('Ei kiitos');
    await settle();
    expect(screen.getByRole('status')).toHaveTextContent('Kiitos!');
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]?.contactSealed).toBeUndefined();
  });

  it('waits three times the visit idle time on the form, then ends with nothing kept of it', async () => {
    const store = new MemoryStore();
    const { container } = renderApp(store, contactConfig(), { timers: clock.timers });
    await waitForKiosk(container);
    tap('Tyytyväinen');
    await settle();
    tap('Kyllä');
    fireEvent.change(screen.getByRole('textbox', { name: 'Puhelinnumero' }), {
      target: { value: '0401234567' },
    });
    await act(async () => {
      await clock.advance(14_999);
    });
    expect(screenOf(container)).toBe('contact-form');
    await act(async () => {
      await clock.advance(1);
    });
    expect(screenOf(container)).toBe('kiosk');
    expect(store.rows[0]?.contactSealed).toBeUndefined();
    expect(container.innerHTML).not.toContain('0401234567');
  });
});

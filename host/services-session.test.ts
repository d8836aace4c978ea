import { describe, expect, it } from 'vitest';
import { deadApiUrl } from './fake-central';
import { enrolledTerminal, services, t, unlocked, useServicesFixture } from './services-fixture';

/** The service session domain: the PIN pad and the guard on every service call. */
useServicesFixture();

describe('the service session', () => {
  it('every service call but the PIN pad answers session_closed until the PIN is given', async () => {
    await enrolledTerminal(await deadApiUrl());
    const host = await services();
    const closed = { ok: false, reason: 'session_closed' };
    const h = host.handlers;
    expect(await h['service:export-targets'](null)).toEqual(closed);
    expect(await h['service:export-open']({ dir: t.root })).toEqual(closed);
    expect(await h['service:export-append']({ exportId: 'x', file: 'csv', text: '' })).toEqual(
      closed,
    );
    expect(
      await h['service:export-close']({
        exportId: 'x',
        summary: { answers: 0, unsent: 0, newestUnsentAt: null },
      }),
    ).toEqual(closed);
    expect(await h['service:set-language']({ language: 'sv' })).toEqual(closed);
    expect(await h['service:factory-reset']({ unsent: 0, newestUnsentAt: null })).toEqual(closed);
    expect(await h['service:touch'](null)).toEqual({ open: false });
    expect(await h['service:pin-state'](null)).toEqual({
      pinSet: true,
      lockedUntil: null,
      attemptsLeft: 5,
    });
  });

  it('opens with the PIN and closes itself when idle: service:closed and the status say so', async () => {
    await enrolledTerminal(await deadApiUrl());
    const host = await services();
    const seen: string[] = [];
    host.on('service:closed', () => seen.push('closed'));
    let open = host.status().serviceOpen;
    host.on('status:changed', (status) => {
      // Other news (the config poll) comes too; only the session's opening and closing count.
      if (status.serviceOpen !== open) {
        open = status.serviceOpen;
        seen.push(`open=${open}`);
      }
    });
    await unlocked(host);
    expect(host.status().serviceOpen).toBe(true);
    t.clock.fire();
    expect(seen).toEqual(['open=true', 'open=false', 'closed']);
    expect(await host.handlers['service:touch'](null)).toEqual({ open: false });
  });
});

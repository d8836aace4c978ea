import { describe, expect, it } from 'vitest';
import type { HostStatus, RendererStatus } from '../core/bridge';
import { events, services, useServicesFixture } from './services-fixture';

/** The status domain: what the page reports of its store, and its reload. */
useServicesFixture();

describe('the renderer status', () => {
  const failing: RendererStatus = {
    store: { ok: false, code: 'quota_exceeded', reopenFailures: 0 },
    persisted: true,
    sync: null,
  };

  it('a store failure is logged with its code and announced once', async () => {
    const host = await services();
    const changes: HostStatus[] = [];
    host.on('status:changed', (status) => changes.push(status));
    await host.handlers['status:report'](failing);
    await host.handlers['status:report'](failing);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.renderer).toEqual(failing);
    expect(events().filter((line) => line.event === 'renderer_store_failed')).toEqual([
      expect.objectContaining({ code: 'quota_exceeded' }),
    ]);
    expect((await host.handlers['status:get'](null)).renderer).toEqual(failing);
    await host.close();
  });
});

describe('a page that cannot open its store again', () => {
  const failing = (reopenFailures: number): RendererStatus => ({
    store: { ok: false, code: 'database_closed', reopenFailures },
    persisted: true,
    sync: null,
  });
  let nowMs = Date.parse('2026-12-01T08:00:00Z');

  it('is reloaded by the host after five failed re-opens, and no more than once a minute', async () => {
    const host = await services({ now: () => nowMs });
    let reloads = 0;
    host.on('page:reload', () => {
      reloads += 1;
    });
    for (const failures of [0, 1, 2, 3, 4]) {
      await host.handlers['status:report'](failing(failures));
    }
    expect(reloads).toBe(0);
    await host.handlers['status:report'](failing(5));
    expect(reloads).toBe(1);
    expect(events()).toContainEqual(
      expect.objectContaining({ event: 'page_reload', code: 'database_closed', failures: 5 }),
    );
    // The page came back and failed again: not within the minute.
    nowMs += 59_000;
    for (const failures of [0, 5, 6]) {
      await host.handlers['status:report'](failing(failures));
    }
    expect(reloads).toBe(1);
    nowMs += 1_000;
    await host.handlers['status:report'](failing(7));
    expect(reloads).toBe(2);
  });

  it('a store that is well again is never reloaded', async () => {
    const host = await services({ now: () => nowMs });
    let reloads = 0;
    host.on('page:reload', () => {
      reloads += 1;
    });
    await host.handlers['status:report'](failing(2));
    await host.handlers['status:report']({ store: { ok: true }, persisted: true, sync: null });
    expect(reloads).toBe(0);
  });
});

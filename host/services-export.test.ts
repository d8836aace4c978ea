import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostStatus } from '../core/bridge';
import { sampleResponse } from '../core/sample-response';
import { deadApiUrl } from './fake-central';
import type { HostServices } from './services-types';
import {
  PIN,
  enrolledTerminal,
  events,
  services,
  startCentral,
  t,
  unlocked,
  until,
  useServicesFixture,
} from './services-fixture';

/** The export domain, and the factory reset its last export guards. */
useServicesFixture();

describe('export and factory reset', () => {
  const summary = { answers: 2, unsent: 1, newestUnsentAt: '2026-03-02T07:00:00.000Z' };

  async function exportTo(host: HostServices, dir: string): Promise<string[]> {
    const opened = await host.handlers['service:export-open']({ dir });
    if (!opened.ok) {
      throw new Error(`export-open: ${opened.reason}`);
    }
    const { exportId } = opened;
    await host.handlers['service:export-append']({ exportId, file: 'csv', text: 'id\na\nb\n' });
    await host.handlers['service:export-append']({ exportId, file: 'json', text: '[]' });
    const done = await host.handlers['service:export-close']({ exportId, summary });
    if (!done.ok) {
      throw new Error(`export-close: ${done.reason}`);
    }
    return done.files;
  }

  it('exports to the terminal itself, and remembers the export across a restart', async () => {
    await enrolledTerminal(await deadApiUrl());
    const host = await services();
    await unlocked(host);
    const targets = await host.handlers['service:export-targets'](null);
    expect(targets).toMatchObject({ ok: true, last: null });
    const local = targets.ok ? targets.targets.find((target) => target.kind === 'local') : null;
    expect(local?.path).toBe(join(t.dataDir, 'exports'));
    const files = await exportTo(host, local?.path ?? '');
    expect(files).toEqual([
      expect.stringMatching(/exports\/hymy-t_first-\d{8}-\d{6}\.csv$/),
      expect.stringMatching(/\.json$/),
    ]);
    expect(await readFile(files[0] ?? '', 'utf8')).toBe('id\na\nb\n');
    expect(host.status().lastExport).toMatchObject({ ...summary, files });
    const restarted = await services();
    expect(restarted.status().lastExport).toMatchObject({ ...summary, files });
  });

  it('an export left open when the session closes is removed', async () => {
    await enrolledTerminal(await deadApiUrl());
    const host = await services();
    await unlocked(host);
    expect(await host.handlers['service:export-open']({ dir: t.root })).toMatchObject({ ok: true });
    expect((await readdir(t.root)).filter((name) => name.endsWith('.part'))).toHaveLength(2);
    await host.handlers['service:close'](null);
    await until(
      async () => !(await readdir(t.root)).some((name) => name.endsWith('.part')),
      'the temporary files to go',
    );
    expect(host.status().lastExport).toBeNull();
  });

  it('refuses a reset while unsent answers are not exported, then forgets the enrollment', async () => {
    const { central } = await startCentral();
    await enrolledTerminal(central.url);
    const host = await services({ linkTimers: t.linkClock.timers });
    await unlocked(host);
    await host.handlers['journal:append']({ response: sampleResponse() });
    const statuses: HostStatus[] = [];
    host.on('status:changed', (status) => statuses.push(status));
    const asked = { unsent: 1, newestUnsentAt: summary.newestUnsentAt };
    expect(await host.handlers['service:factory-reset'](asked)).toEqual({
      ok: false,
      reason: 'unsent_not_exported',
    });
    await exportTo(host, t.root);
    // A newer unsent answer than the export holds is not covered.
    expect(
      await host.handlers['service:factory-reset']({
        unsent: 1,
        newestUnsentAt: '2026-03-02T09:00:00.000Z',
      }),
    ).toMatchObject({ reason: 'unsent_not_exported' });
    expect(await host.handlers['service:factory-reset'](asked)).toEqual({ ok: true });

    expect(statuses.at(-1)).toMatchObject({
      configSource: 'none',
      serviceOpen: false,
      central: null,
      lastExport: null,
    });
    expect(await host.handlers['config:get'](null)).toBeNull();
    // Settings, token, PIN hash, config, its ETag and the journal are gone (the machine id is
    // the system's): an answer of the old enrollment is never restored into a new one.
    expect(await readdir(t.dataDir)).toEqual([]);
    expect(await host.handlers['journal:unconfirmed'](null)).toEqual({ ids: [] });
    expect(await host.handlers['sync:upload']({ responses: [] })).toEqual({
      ok: false,
      reason: 'not_enrolled',
    });
    // Nothing polls any more, and a restart shows the first-run screen.
    const before = central.requests.length;
    expect(t.linkClock.pending()).toEqual([]);
    await t.linkClock.advance(60 * 60_000);
    expect(central.requests.length).toBe(before);
    expect((await services()).status().configSource).toBe('none');
    // The first-run screen may enroll it again.
    expect(
      await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: PIN }),
    ).toMatchObject({ ok: true });
  });

  it('a reset with nothing unsent needs no export; one it cannot finish says failed', async () => {
    await enrolledTerminal(await deadApiUrl());
    await mkdir(join(t.dataDir, 'pin-lock.json', 'stuck'), { recursive: true });
    const host = await services();
    await unlocked(host);
    expect(
      await host.handlers['service:factory-reset']({ unsent: 0, newestUnsentAt: null }),
    ).toEqual({ ok: false, reason: 'failed' });
    expect(events()).toContainEqual(expect.objectContaining({ event: 'factory_reset_failed' }));
    // Still enrolled: the settings went last and stayed.
    expect(await readdir(t.dataDir)).toContain('settings.json');
    expect(host.status().configSource).toBe('central');
    expect(
      await host.handlers['service:factory-reset']({ unsent: 0, newestUnsentAt: null }),
    ).toMatchObject({ reason: 'failed' });
  });
});

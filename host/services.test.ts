import { watch } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_CALL_NAMES } from '../core/bridge';
import {
  enrolledTerminal,
  events,
  services,
  startCentral,
  t,
  until,
  useServicesFixture,
} from './services-fixture';

/**
 * The composition of the host's services: the domains' handlers together answer every bridge
 * call, their events reach every listener, and close() stops them all. Each domain has its own
 * test file (services-status, -box, -sync, -central, -session, -export).
 */
useServicesFixture();

describe('the services put together', () => {
  it('every bridge call has its handler, and nothing else is answered', async () => {
    const host = await services();
    expect(Object.keys(host.handlers).sort()).toEqual([...BRIDGE_CALL_NAMES].sort());
  });

  it('a listener that throws does not keep the event from the others', async () => {
    const host = await services();
    const seen: string[] = [];
    host.on('status:changed', () => {
      throw new Error('broken listener');
    });
    host.on('status:changed', () => seen.push('second'));
    await host.handlers['status:report']({ store: { ok: true }, persisted: null, sync: null });
    expect(seen).toEqual(['second']);
    expect(events()).toContainEqual(expect.objectContaining({ event: 'event_listener_failed' }));
    await host.close();
  });
  it('closed while a new config is on its way to the disk, it writes nothing after close()', async () => {
    const { central, state } = await startCentral();
    await enrolledTerminal(central.url);
    state.surveyVersion = 2;
    const host = await services();
    // The poll's answer is in: the config it brought is being stored as the host closes.
    await until(() => host.status().central?.clock != null, 'the first poll answered');
    await host.close();
    const written: string[] = [];
    const watcher = watch(t.dataDir, (event, name) => written.push(`${event} ${name}`));
    // A write of our own after close(): by the time its news arrives, a write the host still had
    // under way when close() resolved would have landed and been seen too.
    await writeFile(join(t.dataDir, 'after-close'), '');
    await until(() => written.some((line) => line.endsWith('after-close')), 'our own write');
    watcher.close();
    expect(written.filter((line) => !line.endsWith('after-close'))).toEqual([]);
  });
});

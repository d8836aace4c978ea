import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ButtonPress, HostStatus, RendererStatus } from '../core/bridge';
import { DEMO_CONFIG } from '../core/demo';
import { TerminalConfigSchema } from '../core/terminal-config';
import { writeConfig, writeSettings } from './terminal-files';
import { createLogger } from './log';
import { createHostServices } from './services';
import type { ButtonBoxPort, HostServicesOptions } from './services-types';

let dataDir: string;
let logLines: string[];
let said: string[];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hymy-services-'));
  logLines = [];
  said = [];
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function services(extra: Partial<HostServicesOptions> = {}) {
  return createHostServices({
    dataDir,
    host: 'browser',
    appVersion: '1.2.3',
    logger: createLogger({ write: (line) => logLines.push(line) }),
    say: (line) => said.push(line),
    ...extra,
  });
}

const events = () => logLines.map((line) => JSON.parse(line) as { event: string });

describe('the config a terminal starts on', () => {
  it('an empty data dir runs the built-in demo unit', async () => {
    const host = await services();
    expect(await host.handlers['config:get'](null)).toEqual(
      TerminalConfigSchema.parse(DEMO_CONFIG),
    );
    expect(host.status()).toMatchObject({
      configSource: 'demo',
      appVersion: '1.2.3',
      host: 'browser',
    });
    await host.close();
  });

  it('a valid config.json from the central API is used', async () => {
    const config = TerminalConfigSchema.parse({ ...DEMO_CONFIG, terminalId: 't_central' });
    await writeConfig(dataDir, config);
    const host = await services();
    expect(await host.handlers['config:get'](null)).toEqual(config);
    expect(host.status().configSource).toBe('central');
    await host.close();
  });

  it('an invalid config.json gives no config, and names the field in the log and to a person', async () => {
    await writeFile(
      join(dataDir, 'config.json'),
      JSON.stringify({ ...DEMO_CONFIG, languages: [] }),
    );
    const host = await services();
    expect(await host.handlers['config:get'](null)).toBeNull();
    expect(events()).toContainEqual(
      expect.objectContaining({ level: 'error', event: 'config_invalid', field: 'languages' }),
    );
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('"languages"');
    await host.close();
  });

  it('an enrolled terminal without a config waits for one rather than run the demo', async () => {
    await writeSettings(dataDir, { terminalId: 't_1', token: 'tok' });
    const host = await services();
    expect(await host.handlers['config:get'](null)).toBeNull();
    expect(host.status().configSource).toBe('central');
    await host.close();
  });

  it('a new config from the poller reaches listeners as config:changed', async () => {
    const host = await services();
    const seen: unknown[] = [];
    host.on('config:changed', (config) => seen.push(config.terminalId));
    const next = TerminalConfigSchema.parse({ ...DEMO_CONFIG, terminalId: 't_new' });
    host.setConfig(next, 'central');
    expect(seen).toEqual(['t_new']);
    expect(await host.handlers['config:get'](null)).toEqual(next);
    await host.close();
  });
});

describe('the renderer status', () => {
  const failing: RendererStatus = {
    store: { ok: false, code: 'quota_exceeded' },
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
});

describe('the button box seam', () => {
  it('presses from the box become button:press, and acks go back to the box', async () => {
    let pressListener: ((press: ButtonPress) => void) | null = null;
    const acked: string[] = [];
    const box: ButtonBoxPort = {
      ack: (pressId) => void acked.push(pressId),
      onPress: (listener) => {
        pressListener = listener;
        return () => (pressListener = null);
      },
      status: () => ({
        connected: true,
        port: '/dev/ttyX',
        model: 'HB-4',
        firmware: '1.0',
        protocol: 'line',
        malformedLines: 0,
        lastPressAt: null,
        problem: null,
        boxError: null,
      }),
    };
    const host = await services({ buttonBox: box });
    const presses: ButtonPress[] = [];
    const stop = host.on('button:press', (press) => presses.push(press));
    pressListener!({ pressId: 'a', button: 1, at: 5 });
    stop();
    pressListener!({ pressId: 'b', button: 2, at: 6 });
    expect(presses).toEqual([{ pressId: 'a', button: 1, at: 5 }]);
    await host.handlers['button:ack']({ pressId: 'a' });
    expect(acked).toEqual(['a']);
    expect(host.status().buttonBox?.model).toBe('HB-4');
    await host.close();
    expect(pressListener).toBeNull();
  });

  it('without a box, an ack resolves and the status has no box', async () => {
    const host = await services();
    await expect(host.handlers['button:ack']({ pressId: 'x' })).resolves.toBeUndefined();
    expect(host.status().buttonBox).toBeNull();
    await host.close();
  });
});

describe('sync before enrollment', () => {
  it('an upload is answered not_enrolled', async () => {
    const host = await services();
    expect(await host.handlers['sync:upload']({ responses: [] })).toEqual({
      ok: false,
      reason: 'not_enrolled',
    });
    await host.close();
  });

  it('an enrolled terminal uploads to its API with its token, which the page never sees', async () => {
    const seen: string[] = [];
    const api = http.createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ accepted: [], duplicate: [], rejected: [] }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const { port } = api.address() as AddressInfo;
    await writeSettings(dataDir, { apiUrl: `http://127.0.0.1:${port}`, token: 'secret-token' });
    const host = await services();
    const outcome = await host.handlers['sync:upload']({ responses: [] });
    expect(outcome).toEqual({ ok: true, accepted: [], duplicate: [], rejected: [] });
    expect(seen).toContain('POST /v1/terminal/responses Bearer secret-token');
    expect(JSON.stringify(host.status())).not.toContain('secret-token');
    await host.close();
    await new Promise((resolve) => api.close(resolve));
  });
});

import { watch } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ButtonPress, HostStatus, RendererStatus } from '../core/bridge';
import { DEMO_CONFIG } from '../core/demo';
import { sampleResponse } from '../core/sample-response';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { readSettings, writeConfig, writeSettings } from './terminal-files';
import { hardwareIdFromMachineId } from './hardware-id';
import { createLogger } from './log';
import { manualClock, type ManualClock } from '../core/timers';
import { hashPin } from './pin';
import { createHostServices } from './services';
import type { ButtonBoxPort, HostServices, HostServicesOptions } from './services-types';
import {
  deadApiUrl,
  sampleConfig,
  sendError,
  sendJson,
  startFakeCentral,
  type FakeCentral,
  type SeenRequest,
} from './fake-central';
import { keystoreVault } from './fake-keystore-vault';

const MACHINE_ID = '4c4c4544004d3510804ab4c04f4e4b32';
const PIN = '482913';

let root: string;
let dataDir: string;
let machineIdFile: string;
let logLines: string[];
let said: string[];
let clock: ManualClock;
let api: FakeCentral | null;
const hosts: HostServices[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-services-'));
  dataDir = join(root, 'data');
  machineIdFile = join(root, 'machine-id');
  await writeFile(machineIdFile, `${MACHINE_ID}\n`);
  await mkdir(dataDir, { mode: 0o700 });
  logLines = [];
  said = [];
  clock = manualClock();
  api = null;
});
afterEach(async () => {
  for (const host of hosts.splice(0)) {
    await host.close();
  }
  await api?.close();
  await rm(root, { recursive: true, force: true });
});

async function services(extra: Partial<HostServicesOptions> = {}): Promise<HostServices> {
  const host = await createHostServices({
    dataDir,
    host: 'browser',
    appVersion: '1.2.3',
    logger: createLogger({ write: (line) => logLines.push(line) }),
    say: (line) => said.push(line),
    hardwareId: { machineIdFiles: [machineIdFile] },
    timers: clock.timers,
    ...extra,
  });
  hosts.push(host);
  return host;
}

const events = () => logLines.map((line) => JSON.parse(line) as { event: string });

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A token the fake central API hands out for a terminal, and knows it by. */
const tokenOf = (terminalId: string) => `tok_${terminalId}_0123456789abcdef`;

/**
 * A central API that enrolls any code into the terminal `nextTerminal` names, serves each token's
 * terminal its config (`surveyVersion` as the test sets it), and takes heartbeats.
 */
async function startCentral(
  state: { nextTerminal: string; surveyVersion: number; invalid?: boolean } = {
    nextTerminal: 't_first',
    surveyVersion: 1,
  },
) {
  const central = await startFakeCentral((request: SeenRequest, response) => {
    if (request.method === 'POST' && request.path === '/v1/enroll') {
      const terminalId = state.nextTerminal;
      sendJson(response, 201, {
        terminalId,
        token: tokenOf(terminalId),
        config: sampleConfig(terminalId),
      });
      return;
    }
    const terminalId = /^Bearer tok_(\w+?)_0123/.exec(request.headers.authorization ?? '')?.[1];
    if (request.path === '/v1/terminal/config' && terminalId) {
      const config = { ...sampleConfig(terminalId, state.surveyVersion), languages: ['fi', 'sv'] };
      sendJson(response, 200, state.invalid ? { ...config, languages: [] } : config, {
        etag: `"${terminalId}-${state.surveyVersion}-${state.invalid ? 'x' : 'ok'}"`,
      });
      return;
    }
    if (request.path === '/v1/terminal/heartbeat' && terminalId) {
      response.writeHead(204);
      response.end();
      return;
    }
    sendError(response, 401, 'unauthorized');
  });
  api = central;
  return { central, state };
}

/** The data dir of a terminal enrolled with `apiUrl` as `t_first`, with the PIN set. */
async function enrolledTerminal(apiUrl: string, terminalId = 't_first'): Promise<TerminalConfig> {
  const hashed = await hashPin(PIN, { N: 2 ** 10, r: 8, p: 1 });
  if (!hashed.ok) {
    throw new Error('bad test PIN');
  }
  await writeSettings(dataDir, {
    apiUrl,
    terminalId,
    token: tokenOf(terminalId),
    pinHash: hashed.pinHash,
  });
  const config = TerminalConfigSchema.parse({
    ...sampleConfig(terminalId),
    languages: ['fi', 'sv'],
  });
  await writeConfig(dataDir, config);
  return config;
}

async function unlocked(host: HostServices): Promise<void> {
  expect(await host.handlers['service:unlock']({ pin: PIN })).toMatchObject({ ok: true });
}

describe('the config a terminal starts on', () => {
  it('an empty data dir has no config: the first-run screen, with the hardware id', async () => {
    const host = await services();
    expect(await host.handlers['config:get'](null)).toBeNull();
    expect(host.status()).toMatchObject({
      configSource: 'none',
      hardwareId: hardwareIdFromMachineId(MACHINE_ID),
      serviceOpen: false,
      defaultLanguage: null,
      lastExport: null,
      central: null,
    });
  });

  it('settings with only local choices (the serial port) are not an enrollment', async () => {
    await writeSettings(dataDir, { serial: 'none' });
    const host = await services();
    expect(host.status().configSource).toBe('none');
  });

  it('a machine without a machine id keeps one it made, and shows the same after a restart', async () => {
    const first = (await services({ hardwareId: { machineIdFiles: [] } })).status().hardwareId;
    const second = (await services({ hardwareId: { machineIdFiles: [] } })).status().hardwareId;
    expect(first).toMatch(/^hw-[0-9a-f]{12}$/);
    expect(second).toBe(first);
  });

  it('with demo, an empty data dir runs the built-in demo unit', async () => {
    const host = await services({ demo: true });
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
    const host = await services({ demo: true });
    expect(await host.handlers['config:get'](null)).toBeNull();
    expect(host.status().configSource).toBe('central');
    await host.close();
  });

  it('a new config from the poller reaches listeners as config:changed', async () => {
    const host = await services({ demo: true });
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

describe('enrolling from the first-run screen', () => {
  it('enrolls with the code and the PIN, shows the unit at once, and starts syncing', async () => {
    const { central } = await startCentral();
    const host = await services();
    const configs: TerminalConfig[] = [];
    host.on('config:changed', (config) => configs.push(config));
    const result = await host.handlers['setup:enroll']({
      apiUrl: central.url,
      code: 'k7qd-m3xp',
      pin: PIN,
    });
    expect(result).toEqual({ ok: true, terminalId: 't_first', unitId: 'khks-lapset' });
    expect(configs[0]?.terminalId).toBe('t_first');
    expect(host.status()).toMatchObject({
      configSource: 'central',
      central: { terminalId: 't_first', configReceivedAt: expect.any(String) as unknown },
    });
    const enroll = JSON.parse(central.requests[0]?.body ?? '{}') as { hardwareId?: string };
    expect(enroll.hardwareId).toBe(hardwareIdFromMachineId(MACHINE_ID));
    // The new token is used at once, by the config poll the enrollment started.
    await until(
      () => central.requests.some((request) => request.path === '/v1/terminal/config'),
      'the first config poll',
    );
    expect(central.requests.at(-1)?.headers.authorization).toBe(`Bearer ${tokenOf('t_first')}`);
    // The PIN is kept only as its hash, and it opens the service screens.
    const settings = await readFile(join(dataDir, 'settings.json'), 'utf8');
    expect(settings).not.toContain(PIN);
    await unlocked(host);
  });

  it.each([
    ['a used code', 410, 'code_used', 'code_used'],
    ['an expired code', 410, 'code_expired', 'code_expired'],
    ['an unknown code', 404, 'code_unknown', 'code_unknown'],
    ['a busy server', 503, 'unavailable', 'server_busy'],
    ['a refusal', 400, 'bad_request', 'server_refused'],
  ])(
    '%s gets its own reason, and the terminal stays not set up',
    async (_what, status, code, reason) => {
      api = await startFakeCentral((_request, response) => sendError(response, status, code));
      const host = await services();
      expect(
        await host.handlers['setup:enroll']({ apiUrl: api.url, code: 'K7QD-M3XP', pin: PIN }),
      ).toEqual({ ok: false, reason });
      expect(host.status().configSource).toBe('none');
      expect(await readdir(dataDir)).not.toContain('settings.json');
    },
  );

  it('an address where nothing answers is unreachable; a malformed code never leaves', async () => {
    const host = await services();
    const apiUrl = await deadApiUrl();
    expect(await host.handlers['setup:enroll']({ apiUrl, code: 'K7QD-M3XP', pin: PIN })).toEqual({
      ok: false,
      reason: 'unreachable',
    });
    expect(await host.handlers['setup:enroll']({ apiUrl, code: 'K7Q', pin: PIN })).toEqual({
      ok: false,
      reason: 'code_malformed',
    });
    expect(
      await host.handlers['setup:enroll']({ apiUrl: 'ftp://x', code: 'K7QD-M3XP', pin: PIN }),
    ).toEqual({ ok: false, reason: 'api_url_invalid' });
  });

  it('a demo terminal can be enrolled, and never goes back to the demo', async () => {
    const { central } = await startCentral();
    const host = await services({ demo: true });
    await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: PIN });
    expect(host.status().configSource).toBe('central');
    const restarted = await services({ demo: true });
    expect(restarted.status().configSource).toBe('central');
    expect((await restarted.handlers['config:get'](null))?.terminalId).toBe('t_first');
  });

  it('an enrolled terminal is not enrolled again without the PIN', async () => {
    const { central } = await startCentral();
    await enrolledTerminal(central.url);
    const host = await services();
    expect(
      await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: PIN }),
    ).toEqual({ ok: false, reason: 'not_allowed' });
    expect(central.requests.some((request) => request.path === '/v1/enroll')).toBe(false);
  });

  it('re-enrolled in a service session, it polls and beats with the new token only', async () => {
    const { central, state } = await startCentral();
    await enrolledTerminal(central.url);
    const host = await services({ heartbeatMs: 50, configPollMs: 50 });
    await unlocked(host);
    state.nextTerminal = 't_second';
    expect(
      await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: '1111' }),
    ).toMatchObject({ ok: true, terminalId: 't_second' });
    expect((await host.handlers['config:get'](null))?.terminalId).toBe('t_second');
    const enrolledAt = central.requests.length;
    await until(() => central.requests.length > enrolledAt + 3, 'polls after re-enrolling');
    // Requests in flight at the switch may still carry the old token; after them, only the new.
    const later = central.requests.slice(enrolledAt + 2);
    expect(later.map((request) => request.headers.authorization)).not.toContain(
      `Bearer ${tokenOf('t_first')}`,
    );
    expect(host.status().central?.terminalId).toBe('t_second');
    // The new PIN opens the pad.
    await host.handlers['service:close'](null);
    expect(await host.handlers['service:unlock']({ pin: '1111' })).toMatchObject({ ok: true });
  });
});

describe('the token kept by the keystore', () => {
  it('a plain token is sealed at start, and the terminal goes on syncing with it', async () => {
    const { central } = await startCentral();
    await enrolledTerminal(central.url);
    const host = await services({ tokenVault: keystoreVault('here') });
    const text = await readFile(join(dataDir, 'settings.json'), 'utf8');
    expect(text).not.toContain(tokenOf('t_first'));
    expect(JSON.parse(text)).toMatchObject({ terminalId: 't_first', sealedToken: {} });
    await until(
      () => central.requests.some((request) => request.path === '/v1/terminal/config'),
      'the first config poll',
    );
    expect(central.requests.at(-1)?.headers.authorization).toBe(`Bearer ${tokenOf('t_first')}`);
    expect(JSON.stringify(host.status())).not.toContain(tokenOf('t_first'));
    expect(logLines.join('')).not.toContain(tokenOf('t_first'));
    expect(events().map((line) => line.event)).toContain('token_sealed');
  });

  it('a token the keystore no longer opens: no crash, unauthorized, the status says why', async () => {
    const { central } = await startCentral();
    await enrolledTerminal(central.url);
    const enrolled = await readSettings(dataDir);
    if (!enrolled.ok) {
      throw new Error('test settings unreadable');
    }
    const { token: _plain, ...kept } = enrolled.value;
    const sealed = keystoreVault('old').seal(tokenOf('t_first')).sealedToken;
    await writeSettings(dataDir, { ...kept, sealedToken: sealed });
    const host = await services({ tokenVault: keystoreVault('new') });
    expect(host.status()).toMatchObject({
      configSource: 'central',
      central: {
        terminalId: 't_first',
        configPoll: { error: 'token_unopenable' },
        heartbeat: { error: 'token_unopenable' },
      },
    });
    expect(await host.handlers['sync:upload']({ responses: [] })).toEqual({
      ok: false,
      reason: 'unauthorized',
    });
    expect(events().map((line) => line.event)).toContain('token_unopenable');
    expect(said.join('\n')).toContain('enrolls it again');
    // No poll and no heartbeat go out with a token it does not have.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(central.requests).toHaveLength(0);

    // The technician enrolls it again with the PIN: sealed by this keystore, syncing again.
    const before = central.requests.length;
    await unlocked(host);
    expect(
      await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: PIN }),
    ).toMatchObject({ ok: true, terminalId: 't_first' });
    await until(
      () =>
        central.requests.slice(before).some((request) => request.path === '/v1/terminal/config'),
      'a config poll after re-enrolling',
    );
    expect(host.status().central?.configPoll?.error ?? null).not.toBe('token_unopenable');
    const text = await readFile(join(dataDir, 'settings.json'), 'utf8');
    expect(text).not.toContain(tokenOf('t_first'));
  });

  it('enrolling from the screen keeps the token sealed', async () => {
    const { central } = await startCentral();
    const host = await services({ tokenVault: keystoreVault('here') });
    expect(
      await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: PIN }),
    ).toMatchObject({ ok: true });
    const settings = await readSettings(dataDir);
    expect(settings.ok && settings.value.sealedToken?.scheme).toBe('electron-safe-storage');
    expect(settings.ok && 'token' in settings.value).toBe(false);
  });
});

describe('the remote config and the clock', () => {
  it('a refused config names its field on the status, and the last good config stays', async () => {
    const { central, state } = await startCentral();
    const good = await enrolledTerminal(central.url);
    state.invalid = true;
    const host = await services();
    await until(() => host.status().central?.configPoll != null, 'the first poll');
    expect(host.status().central?.configPoll).toMatchObject({
      error: 'invalid',
      field: 'languages',
    });
    expect(await host.handlers['config:get'](null)).toEqual(good);
  });

  it("learns the terminal's clock skew from the server's Date header", async () => {
    const { central } = await startCentral();
    await enrolledTerminal(central.url);
    const host = await services();
    await until(() => host.status().central?.clock != null, 'a Date header');
    const clock = host.status().central?.clock;
    expect(Math.abs(clock?.skewMs ?? Infinity)).toBeLessThan(2000);
    expect(Date.parse(clock?.at ?? '')).toBeGreaterThan(Date.now() - 10_000);
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
    const watcher = watch(dataDir, (event, name) => written.push(`${event} ${name}`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    watcher.close();
    expect(written).toEqual([]);
  });
});

describe('the service session', () => {
  it('every service call but the PIN pad answers session_closed until the PIN is given', async () => {
    await enrolledTerminal(await deadApiUrl());
    const host = await services();
    const closed = { ok: false, reason: 'session_closed' };
    const h = host.handlers;
    expect(await h['service:export-targets'](null)).toEqual(closed);
    expect(await h['service:export-open']({ dir: root })).toEqual(closed);
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
    clock.fire();
    expect(seen).toEqual(['open=true', 'open=false', 'closed']);
    expect(await host.handlers['service:touch'](null)).toEqual({ open: false });
  });
});

describe('the default language', () => {
  it('is one the config offers; it is served, shown and kept, also over a new config', async () => {
    const { central } = await startCentral();
    await enrolledTerminal(central.url);
    const host = await services();
    await unlocked(host);
    expect(await host.handlers['service:set-language']({ language: 'en' })).toEqual({
      ok: false,
      reason: 'not_offered',
    });
    const configs: string[] = [];
    host.on('config:changed', (config) => configs.push(config.defaultLanguage));
    expect(await host.handlers['service:set-language']({ language: 'sv' })).toEqual({ ok: true });
    expect(configs).toEqual(['sv']);
    expect((await host.handlers['config:get'](null))?.defaultLanguage).toBe('sv');
    expect(host.status().defaultLanguage).toBe('sv');
    expect(await readSettings(dataDir)).toMatchObject({ value: { defaultLanguage: 'sv' } });

    const next = TerminalConfigSchema.parse({
      ...sampleConfig('t_first', 2),
      languages: ['fi', 'sv'],
    });
    host.setConfig(next, 'central');
    expect(configs.at(-1)).toBe('sv');
    // A config that no longer offers it falls back to its own default.
    host.setConfig(TerminalConfigSchema.parse(sampleConfig('t_first', 3)), 'central');
    expect(configs.at(-1)).toBe('sv');
    host.setConfig(
      TerminalConfigSchema.parse({ ...sampleConfig('t_first', 4), languages: ['fi'] }),
      'central',
    );
    expect(configs.at(-1)).toBe('fi');
    expect(host.status().defaultLanguage).toBeNull();
  });
});

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
    expect(local?.path).toBe(join(dataDir, 'exports'));
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
    expect(await host.handlers['service:export-open']({ dir: root })).toMatchObject({ ok: true });
    expect((await readdir(root)).filter((name) => name.endsWith('.part'))).toHaveLength(2);
    await host.handlers['service:close'](null);
    await until(
      async () => !(await readdir(root)).some((name) => name.endsWith('.part')),
      'the temporary files to go',
    );
    expect(host.status().lastExport).toBeNull();
  });

  it('refuses a reset while unsent answers are not exported, then forgets the enrollment', async () => {
    const { central } = await startCentral();
    await enrolledTerminal(central.url);
    const host = await services();
    await unlocked(host);
    await host.handlers['journal:append']({ response: sampleResponse() });
    const statuses: HostStatus[] = [];
    host.on('status:changed', (status) => statuses.push(status));
    const asked = { unsent: 1, newestUnsentAt: summary.newestUnsentAt };
    expect(await host.handlers['service:factory-reset'](asked)).toEqual({
      ok: false,
      reason: 'unsent_not_exported',
    });
    await exportTo(host, root);
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
    expect(await readdir(dataDir)).toEqual([]);
    expect(await host.handlers['journal:unconfirmed'](null)).toEqual({ ids: [] });
    expect(await host.handlers['sync:upload']({ responses: [] })).toEqual({
      ok: false,
      reason: 'not_enrolled',
    });
    // Nothing polls any more, and a restart shows the first-run screen.
    const before = central.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(central.requests.length).toBe(before);
    expect((await services()).status().configSource).toBe('none');
    // The first-run screen may enroll it again.
    expect(
      await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: PIN }),
    ).toMatchObject({ ok: true });
  });

  it('a reset with nothing unsent needs no export; one it cannot finish says failed', async () => {
    await enrolledTerminal(await deadApiUrl());
    await mkdir(join(dataDir, 'pin-lock.json', 'stuck'), { recursive: true });
    const host = await services();
    await unlocked(host);
    expect(
      await host.handlers['service:factory-reset']({ unsent: 0, newestUnsentAt: null }),
    ).toEqual({ ok: false, reason: 'failed' });
    expect(events()).toContainEqual(expect.objectContaining({ event: 'factory_reset_failed' }));
    // Still enrolled: the settings went last and stayed.
    expect(await readdir(dataDir)).toContain('settings.json');
    expect(host.status().configSource).toBe('central');
    expect(
      await host.handlers['service:factory-reset']({ unsent: 0, newestUnsentAt: null }),
    ).toMatchObject({ reason: 'failed' });
  });
});

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../core/demo';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { readSettings, writeConfig, writeSettings } from './terminal-files';
import { hardwareIdFromMachineId } from './hardware-id';
import { deadApiUrl, sampleConfig, sendError, startFakeCentral } from './fake-central';
import { keystoreVault } from './fake-keystore-vault';
import {
  MACHINE_ID,
  PIN,
  enrolledTerminal,
  events,
  services,
  startCentral,
  t,
  tokenOf,
  unlocked,
  until,
  useServicesFixture,
} from './services-fixture';

/** The central link's domain: the config a terminal starts on, enrollment, the token, the poll. */
useServicesFixture();

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
    await writeSettings(t.dataDir, { serial: 'none' });
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
    await writeConfig(t.dataDir, config);
    const host = await services();
    expect(await host.handlers['config:get'](null)).toEqual(config);
    expect(host.status().configSource).toBe('central');
    await host.close();
  });

  it('an invalid config.json gives no config, and names the field in the log and to a person', async () => {
    await writeFile(
      join(t.dataDir, 'config.json'),
      JSON.stringify({ ...DEMO_CONFIG, languages: [] }),
    );
    const host = await services();
    expect(await host.handlers['config:get'](null)).toBeNull();
    expect(events()).toContainEqual(
      expect.objectContaining({ level: 'error', event: 'config_invalid', field: 'languages' }),
    );
    expect(t.said).toHaveLength(1);
    expect(t.said[0]).toContain('"languages"');
    await host.close();
  });

  it('an enrolled terminal without a config waits for one rather than run the demo', async () => {
    await writeSettings(t.dataDir, { terminalId: 't_1', token: 'tok' });
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
    const settings = await readFile(join(t.dataDir, 'settings.json'), 'utf8');
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
      const failing = await startFakeCentral((_request, response) =>
        sendError(response, status, code),
      );
      t.api = failing;
      const host = await services();
      expect(
        await host.handlers['setup:enroll']({ apiUrl: failing.url, code: 'K7QD-M3XP', pin: PIN }),
      ).toEqual({ ok: false, reason });
      expect(host.status().configSource).toBe('none');
      expect(await readdir(t.dataDir)).not.toContain('settings.json');
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
    const text = await readFile(join(t.dataDir, 'settings.json'), 'utf8');
    expect(text).not.toContain(tokenOf('t_first'));
    expect(JSON.parse(text)).toMatchObject({ terminalId: 't_first', sealedToken: {} });
    await until(
      () => central.requests.some((request) => request.path === '/v1/terminal/config'),
      'the first config poll',
    );
    expect(central.requests.at(-1)?.headers.authorization).toBe(`Bearer ${tokenOf('t_first')}`);
    expect(JSON.stringify(host.status())).not.toContain(tokenOf('t_first'));
    expect(t.logLines.join('')).not.toContain(tokenOf('t_first'));
    expect(events().map((line) => line.event)).toContain('token_sealed');
  });

  it('a token the keystore no longer opens: no crash, unauthorized, the status says why', async () => {
    const { central } = await startCentral();
    await enrolledTerminal(central.url);
    const enrolled = await readSettings(t.dataDir);
    if (!enrolled.ok) {
      throw new Error('test settings unreadable');
    }
    const { token: _plain, ...kept } = enrolled.value;
    const sealed = keystoreVault('old').seal(tokenOf('t_first')).sealedToken;
    await writeSettings(t.dataDir, { ...kept, sealedToken: sealed });
    const host = await services({
      tokenVault: keystoreVault('new'),
      linkTimers: t.linkClock.timers,
    });
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
    expect(t.said.join('\n')).toContain('enrolls it again');
    // No poll and no heartbeat go out with a token it does not have: none is even due.
    expect(t.linkClock.pending()).toEqual([]);
    await t.linkClock.advance(60 * 60_000);
    expect(central.requests).toHaveLength(0);

    // The technician enrolls it again with the PIN: sealed by this keystore, syncing again.
    const before = central.requests.length;
    await unlocked(host);
    expect(
      await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: PIN }),
    ).toMatchObject({ ok: true, terminalId: 't_first' });
    // The new link asks at once.
    await t.linkClock.advance(0);
    await until(
      () =>
        central.requests.slice(before).some((request) => request.path === '/v1/terminal/config'),
      'a config poll after re-enrolling',
    );
    expect(host.status().central?.configPoll?.error ?? null).not.toBe('token_unopenable');
    const text = await readFile(join(t.dataDir, 'settings.json'), 'utf8');
    expect(text).not.toContain(tokenOf('t_first'));
  });

  it('enrolling from the screen keeps the token sealed', async () => {
    const { central } = await startCentral();
    const host = await services({ tokenVault: keystoreVault('here') });
    expect(
      await host.handlers['setup:enroll']({ apiUrl: central.url, code: 'K7QD-M3XP', pin: PIN }),
    ).toMatchObject({ ok: true });
    const settings = await readSettings(t.dataDir);
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
    expect(await readSettings(t.dataDir)).toMatchObject({ value: { defaultLanguage: 'sv' } });

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

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalConfigSchema } from '../core/terminal-config';
import { TerminalListSchema, type EnrollAnswer, type Heartbeat } from '../core/central-api';
import type { StoreHealth } from '../core/durability';
import { answer, startTestServer, type Call, type TestServer } from './test-support';

const BEAT: Heartbeat = {
  appVersion: '0.2.0',
  queued: 12,
  oldestQueuedAt: '2026-11-23T10:15:00.123Z',
  lastSyncAt: '2026-11-23T10:10:00.000Z',
  buttonBox: { connected: true, model: 'HYMY-BOX', firmware: '1.0.0' },
  clock: '2026-11-23T10:16:00.000Z',
};

const errorCodeOf = (call: Call): string | undefined =>
  (call.body as { error?: { code?: string } } | undefined)?.error?.code;

describe('terminal calls', () => {
  let t: TestServer;
  let terminal: EnrollAnswer;

  beforeEach(async () => {
    t = await startTestServer();
    terminal = await t.enroll();
  });
  afterEach(() => t.cleanup());

  const calls = (token?: string) => [
    t.call('GET', '/v1/terminal/config', { token }),
    t.call('POST', '/v1/terminal/responses', { token, body: { responses: [answer(1)] } }),
    t.call('POST', '/v1/terminal/heartbeat', { token, body: BEAT }),
  ];

  it('a terminal without a token, or with a wrong one, gets 401 on every call', async () => {
    for (const token of [undefined, 'not-a-token', `${terminal.token}x`]) {
      for (const refused of await Promise.all(calls(token))) {
        expect(refused.status).toBe(401);
        expect(errorCodeOf(refused)).toBe('unauthorized');
      }
    }
  });

  it('a terminal with the admin token is not a terminal (401)', async () => {
    const refused = await t.call('GET', '/v1/terminal/config', { token: t.server.adminToken });
    expect(refused.status).toBe(401);
  });

  it('a revoked terminal gets 403 terminal_revoked until it is let back in', async () => {
    await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, { revoked: true });
    for (const refused of await Promise.all(calls(terminal.token))) {
      expect(refused.status).toBe(403);
      expect(errorCodeOf(refused)).toBe('terminal_revoked');
    }
    await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, { revoked: false });
    expect((await t.call('GET', '/v1/terminal/config', { token: terminal.token })).status).toBe(
      200,
    );
  });

  it('a terminal reads its config with an ETag, and 304 while it has not changed', async () => {
    const first = await t.call('GET', '/v1/terminal/config', { token: terminal.token });
    expect(first.status).toBe(200);
    expect(TerminalConfigSchema.parse(first.body)).toEqual(terminal.config);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);

    const same = await t.call('GET', '/v1/terminal/config', {
      token: terminal.token,
      headers: { 'if-none-match': etag! },
    });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers.get('etag')).toBe(etag);

    const weak = await t.call('GET', '/v1/terminal/config', {
      token: terminal.token,
      headers: { 'if-none-match': `"other", W/${etag!}` },
    });
    expect(weak.status).toBe(304);
  });

  it('a changed config gets a new ETag, and the terminal gets the new config', async () => {
    const first = await t.call('GET', '/v1/terminal/config', { token: terminal.token });
    const etag = first.headers.get('etag')!;
    await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, {
      timing: { thankYouMs: 2000 },
    });
    const changed = await t.call('GET', '/v1/terminal/config', {
      token: terminal.token,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(TerminalConfigSchema.parse(changed.body).timing.thankYouMs).toBe(2000);
  });

  it('a heartbeat is stored (204) and shown in the admin list of terminals', async () => {
    const before = TerminalListSchema.parse((await t.admin('GET', '/v1/admin/terminals')).body);
    expect(before).toEqual([
      expect.objectContaining({
        terminalId: terminal.terminalId,
        unitId: 'khks-lapset',
        hardwareId: 'test-hw',
        appVersion: '0.1.0',
        queued: null,
        buttonBox: null,
        revoked: false,
      }),
    ]);
    const beat = await t.call('POST', '/v1/terminal/heartbeat', {
      token: terminal.token,
      body: BEAT,
    });
    expect(beat.status).toBe(204);
    expect(beat.text).toBe('');
    const [row] = TerminalListSchema.parse((await t.admin('GET', '/v1/admin/terminals')).body);
    expect(row).toMatchObject({
      appVersion: '0.2.0',
      queued: 12,
      oldestQueuedAt: BEAT.oldestQueuedAt,
      lastSyncAt: BEAT.lastSyncAt,
      clock: BEAT.clock,
      buttonBox: BEAT.buttonBox,
    });
    expect(Date.parse(row!.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(row!.enrolledAt));
  });

  it("the admin list shows the store health of the terminal's last heartbeat, null until one carried it", async () => {
    const list = async () =>
      TerminalListSchema.parse((await t.admin('GET', '/v1/admin/terminals')).body);
    expect((await list())[0]?.health).toBeNull();
    const health: StoreHealth = {
      store: 'ok',
      journal: 'disk_full',
      restored: { count: 3, at: '2026-11-23T09:00:00.000Z' },
      freeBytes: 12_000_000,
      storageLow: true,
    };
    const beat = (body: Heartbeat) =>
      t.call('POST', '/v1/terminal/heartbeat', { token: terminal.token, body });
    expect((await beat({ ...BEAT, health })).status).toBe(204);
    expect((await list())[0]?.health).toEqual(health);

    // Kept across a restart, like the rest of the heartbeat.
    t = await t.restart();
    expect((await list())[0]?.health).toEqual(health);

    // An app too old to report it: no reading, rather than an old one shown as current.
    await beat(BEAT);
    expect((await list())[0]?.health).toBeNull();
  });

  it('a heartbeat whose health does not fit the schema is refused, naming the field', async () => {
    const bad = await t.call('POST', '/v1/terminal/heartbeat', {
      token: terminal.token,
      body: { ...BEAT, health: { store: 'ok', journal: 'melted' } },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toMatch(
      /^health\.journal: /,
    );
  });

  it('a heartbeat that does not fit the schema is refused, naming the field', async () => {
    const bad = await t.call('POST', '/v1/terminal/heartbeat', {
      token: terminal.token,
      body: { ...BEAT, queued: -1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: { code: 'invalid_body', message: expect.stringMatching(/^queued: /) as string },
    });
  });

  it('the admin list needs the admin token', async () => {
    expect((await t.call('GET', '/v1/admin/terminals')).status).toBe(401);
    expect((await t.call('GET', '/v1/admin/terminals', { token: terminal.token })).status).toBe(
      401,
    );
  });
});

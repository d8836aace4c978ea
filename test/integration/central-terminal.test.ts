import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostStatus, TerminalConfig } from '../../core';
import { createLogger } from '../../host/log';
import { createHostServices } from '../../host/services';
import type { HostServices } from '../../host/services-types';
import {
  adminCall,
  startTestCentral,
  WARD_SURVEY,
  WARD_UNIT,
  type TestCentral,
} from '../support/central';
import { provision } from '../support/provision';

let dir: string;
let central: TestCentral;
let host: HostServices | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hymy-central-terminal-'));
  central = await startTestCentral(join(dir, 'central'));
});

afterEach(async () => {
  await host?.close();
  host = undefined;
  await central.close();
  await rm(dir, { recursive: true, force: true });
});

async function newCode(): Promise<string> {
  const made = await adminCall(central, 'POST', '/v1/admin/enrollment-codes', {
    unit: WARD_UNIT,
    survey: WARD_SURVEY,
  });
  return ((await made.json()) as { code: string }).code;
}

const terminalDir = () => join(dir, 'terminal');

async function until<T>(read: () => T, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (check(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`);
    }
    await new Promise((wake) => setTimeout(wake, 25));
  }
}

describe('provisioning a terminal against the real central server', () => {
  it('a good code enrolls the terminal; the token file is readable by the owner only', async () => {
    const code = await newCode();
    const run = await provision([
      '--data-dir',
      terminalDir(),
      '--api',
      central.url,
      '--code',
      code,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^provisioned t_\S+ unit ward-7\n$/);
    expect((await stat(join(terminalDir(), 'settings.json'))).mode & 0o777).toBe(0o600);
    const config = JSON.parse(
      await readFile(join(terminalDir(), 'config.json'), 'utf8'),
    ) as TerminalConfig;
    expect(config.unit.id).toBe('ward-7');
  });

  it('a code used once is refused the second time with exit 2, and nothing is written', async () => {
    const code = await newCode();
    const first = await provision([
      '--data-dir',
      join(dir, 'first'),
      '--api',
      central.url,
      '--code',
      code,
    ]);
    expect(first.code).toBe(0);
    const again = await provision([
      '--data-dir',
      terminalDir(),
      '--api',
      central.url,
      '--code',
      code,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/used/i);
    await expect(readdir(terminalDir())).rejects.toThrow();
  });

  it('an unknown code exits 2 and an unreachable API exits 3, writing nothing', async () => {
    const unknown = await provision([
      '--data-dir',
      terminalDir(),
      '--api',
      central.url,
      '--code',
      'ABCD-EFGH',
    ]);
    expect(unknown.code).toBe(2);
    const url = central.url;
    await central.close();
    const unreachable = await provision([
      '--data-dir',
      terminalDir(),
      '--api',
      url,
      '--code',
      'ABCD-EFGH',
    ]);
    expect(unreachable.code).toBe(3);
    await expect(readdir(terminalDir())).rejects.toThrow();
  });
});

describe('an enrolled terminal and its central server', () => {
  async function enrolledHost(): Promise<{ terminalId: string }> {
    const run = await provision([
      '--data-dir',
      terminalDir(),
      '--api',
      central.url,
      '--code',
      await newCode(),
      '--serial',
      'none',
    ]);
    expect(run.code, run.stderr).toBe(0);
    host = await createHostServices({
      dataDir: terminalDir(),
      host: 'browser',
      appVersion: '9.9.9',
      logger: createLogger({ write: () => undefined }),
      say: () => undefined,
      configPollMs: 200,
      heartbeatMs: 200,
    });
    return { terminalId: /^provisioned (\S+)/.exec(run.stdout)?.[1] ?? '' };
  }

  it('a config changed on the server reaches the kiosk at the next poll and is kept for a restart', async () => {
    const { terminalId } = await enrolledHost();
    const configs: TerminalConfig[] = [];
    host!.on('config:changed', (config) => configs.push(config));
    const patched = await adminCall(central, 'PATCH', `/v1/admin/terminals/${terminalId}`, {
      defaultLanguage: 'sv',
      timing: { thankYouMs: 2500 },
    });
    expect(patched.status).toBe(200);
    await until(
      () => configs.length,
      (n) => n > 0,
      'the new config arrives',
    );
    expect(configs[0]).toMatchObject({ defaultLanguage: 'sv', timing: { thankYouMs: 2500 } });
    expect(await host!.handlers['config:get'](null)).toMatchObject({ defaultLanguage: 'sv' });
    const stored = JSON.parse(
      await readFile(join(terminalDir(), 'config.json'), 'utf8'),
    ) as TerminalConfig;
    expect(stored.defaultLanguage).toBe('sv');
    // Unchanged since: the next polls are answered 304 and change nothing.
    const pollsSince = new Set<string>();
    host!.on('status:changed', (status) => {
      const at = status.central?.configPoll?.at;
      if (at !== undefined) {
        pollsSince.add(at);
      }
    });
    await until(
      () => pollsSince.size,
      (n) => n >= 3,
      'three more polls are answered',
    );
    expect(configs).toHaveLength(1);
    expect(host!.status().central?.configPoll).toMatchObject({ error: null });
  });

  it('the heartbeat tells the server the queue the page reported, and the server lists it', async () => {
    const { terminalId } = await enrolledHost();
    await host!.handlers['status:report']({
      store: { ok: true },
      persisted: true,
      sync: {
        state: 'waiting',
        queued: 17,
        oldestQueuedAt: '2026-11-20T08:00:00.000Z',
        lastSyncAt: null,
        lastError: 'offline',
      },
    });
    type Listed = { terminalId: string; queued: number | null; appVersion: string | null };
    const listed = async (): Promise<Listed | undefined> =>
      ((await (await adminCall(central, 'GET', '/v1/admin/terminals')).json()) as Listed[]).find(
        (terminal) => terminal.terminalId === terminalId,
      );
    const deadline = Date.now() + 10_000;
    while ((await listed())?.queued !== 17 && Date.now() < deadline) {
      await new Promise((wake) => setTimeout(wake, 50));
    }
    expect(await listed()).toMatchObject({ queued: 17, appVersion: '9.9.9' });
    expect(host!.status().central?.heartbeat).toMatchObject({ error: null });
  });

  it('a revoked terminal shows it on its status', async () => {
    const { terminalId } = await enrolledHost();
    await adminCall(central, 'PATCH', `/v1/admin/terminals/${terminalId}`, { revoked: true });
    const status = await until(
      () => host!.status(),
      (now: HostStatus) => now.central?.configPoll?.error === 'revoked',
      'the status says revoked',
    );
    expect(status.central?.terminalId).toBe(terminalId);
  });
});

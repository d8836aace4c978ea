import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { manualClock, type ManualClock } from '../core/timers';
import {
  sampleConfig,
  sendError,
  sendJson,
  startFakeCentral,
  type FakeCentral,
  type SeenRequest,
} from './fake-central';
import { createLogger } from './log';
import { hashPin } from './pin';
import { createHostServices } from './services';
import type { HostServices, HostServicesOptions } from './services-types';
import { writeConfig, writeSettings } from './terminal-files';

/** The host's services on a data dir of their own, for the tests of each domain. */

export const MACHINE_ID = '4c4c4544004d3510804ab4c04f4e4b32';
export const PIN = '482913';

export type ServicesFixture = {
  root: string;
  dataDir: string;
  machineIdFile: string;
  logLines: string[];
  said: string[];
  /** The service session's idle timer. */
  clock: ManualClock;
  /** The config poll's and the heartbeat's timers, for tests that pass it as `linkTimers`. */
  linkClock: ManualClock;
  /** A fake central API the test started; closed after the test. */
  api: FakeCentral | null;
};

export const t: ServicesFixture = {
  root: '',
  dataDir: '',
  machineIdFile: '',
  logLines: [],
  said: [],
  clock: manualClock(),
  linkClock: manualClock(),
  api: null,
};
const hosts: HostServices[] = [];

/**
 * How long a test may take. These tests enroll over real HTTP and hash PINs with scrypt: a
 * loaded machine (CI, a busy core) can stretch one past vitest's 5 s default without anything
 * being wrong. They wait on events, never on a fixed time, so a generous ceiling costs nothing.
 */
const TEST_TIMEOUT_MS = 30_000;
/** How long `until` waits for what a test expects before it calls it missing. */
const UNTIL_MS = 15_000;

/** Gives each test of the file a fresh data dir, and closes what it started. */
export function useServicesFixture(): void {
  vi.setConfig({ testTimeout: TEST_TIMEOUT_MS, hookTimeout: TEST_TIMEOUT_MS });
  beforeEach(async () => {
    t.root = await mkdtemp(join(tmpdir(), 'hymy-services-'));
    t.dataDir = join(t.root, 'data');
    t.machineIdFile = join(t.root, 'machine-id');
    await writeFile(t.machineIdFile, `${MACHINE_ID}\n`);
    await mkdir(t.dataDir, { mode: 0o700 });
    t.logLines = [];
    t.said = [];
    t.clock = manualClock();
    t.linkClock = manualClock();
    t.api = null;
  });
  afterEach(async () => {
    for (const host of hosts.splice(0)) {
      await host.close();
    }
    await t.api?.close();
    await rm(t.root, { recursive: true, force: true });
  });
}

export async function services(extra: Partial<HostServicesOptions> = {}): Promise<HostServices> {
  const host = await createHostServices({
    dataDir: t.dataDir,
    host: 'browser',
    appVersion: '1.2.3',
    logger: createLogger({ write: (line) => t.logLines.push(line) }),
    say: (line) => t.said.push(line),
    hardwareId: { machineIdFiles: [t.machineIdFile] },
    timers: t.clock.timers,
    ...extra,
  });
  hosts.push(host);
  return host;
}

/** Forgets a host the test closed itself (it is not closed again). */
export function forgetHosts(): void {
  hosts.splice(0);
}

export const events = () => t.logLines.map((line) => JSON.parse(line) as { event: string });

export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + UNTIL_MS;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A token the fake central API hands out for a terminal, and knows it by. */
export const tokenOf = (terminalId: string) => `tok_${terminalId}_0123456789abcdef`;

/**
 * A central API that enrolls any code into the terminal `nextTerminal` names, serves each token's
 * terminal its config (`surveyVersion` as the test sets it), and takes heartbeats.
 */
export async function startCentral(
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
  t.api = central;
  return { central, state };
}

/** The data dir of a terminal enrolled with `apiUrl` as `t_first`, with the PIN set. */
export async function enrolledTerminal(
  apiUrl: string,
  terminalId = 't_first',
): Promise<TerminalConfig> {
  const hashed = await hashPin(PIN, { N: 2 ** 10, r: 8, p: 1 });
  if (!hashed.ok) {
    throw new Error('bad test PIN');
  }
  await writeSettings(t.dataDir, {
    apiUrl,
    terminalId,
    token: tokenOf(terminalId),
    pinHash: hashed.pinHash,
  });
  const config = TerminalConfigSchema.parse({
    ...sampleConfig(terminalId),
    languages: ['fi', 'sv'],
  });
  await writeConfig(t.dataDir, config);
  return config;
}

export async function unlocked(host: HostServices): Promise<void> {
  expect(await host.handlers['service:unlock']({ pin: PIN })).toMatchObject({ ok: true });
}

import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import {
  deadApiUrl,
  sampleConfig,
  SAMPLE_TOKEN,
  sendError,
  sendJson,
  startFakeCentral,
  type Answer,
  type FakeCentral,
} from './fake-central';
import {
  CONFIG_ETAG_FILE,
  readConfigEtag,
  startConfigPoller,
  type ConfigPollStatus,
  type ConfigPollerOptions,
} from './config-poller';
import { ensureDataDir } from './data-dir';
import { createLogger } from './log';
import { manualClock, type ManualClock } from '../core/timers';
import type { Fetch } from './central-http';
import { writeConfig } from './terminal-files';

const MINUTE = 60_000;

let central: FakeCentral | null = null;
let root: string;
const stops: (() => Promise<void>)[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-poller-'));
});
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  await central?.close();
  central = null;
  await rm(root, { recursive: true, force: true });
});

async function serve(answer: Answer): Promise<FakeCentral> {
  central = await startFakeCentral(answer);
  return central;
}

/** Config version n has ETag "vn"; a terminal that holds it hears 304. */
function versioned(current: () => number): Answer {
  return (request, response) => {
    const etag = `"v${current()}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag });
      response.end();
      return;
    }
    sendJson(response, 200, sampleConfig('t_1', current()), { etag });
  };
}

/** Whether `promise` has settled once everything already under way has had its turn. */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

/** A fetch that answers config version 1 (ETag "v1") only when the test says so. */
function heldFetch(): { fetchImpl: Fetch; asked: Promise<void>; answer(): void } {
  let asked: () => void = () => undefined;
  let answer: () => void = () => undefined;
  const fetchImpl: Fetch = () =>
    new Promise<Response>((resolve) => {
      answer = () =>
        resolve(
          new Response(JSON.stringify(sampleConfig('t_1', 1)), {
            status: 200,
            headers: { 'content-type': 'application/json', etag: '"v1"' },
          }),
        );
      asked();
    });
  return {
    fetchImpl,
    asked: new Promise((resolve) => (asked = resolve)),
    answer: () => answer(),
  };
}

type Harness = {
  clock: ManualClock;
  configs: { config: TerminalConfig; etag: string | null }[];
  statuses: ConfigPollStatus[];
  /** Fires the pending timer and resolves with the status of the poll it started. */
  tick(): Promise<ConfigPollStatus>;
  poller: ReturnType<typeof startConfigPoller>;
};

function start(apiUrl: string, options: Partial<ConfigPollerOptions> = {}): Harness {
  const clock = manualClock();
  const configs: Harness['configs'] = [];
  const statuses: ConfigPollStatus[] = [];
  let heard: ((status: ConfigPollStatus) => void) | null = null;
  const poller = startConfigPoller({
    target: { apiUrl, token: SAMPLE_TOKEN },
    timers: clock.timers,
    onConfig: (config, etag) => {
      configs.push({ config, etag });
    },
    ...options,
    onStatus: (status) => {
      statuses.push(status);
      heard?.(status);
    },
  });
  stops.push(() => poller.stop());
  return {
    clock,
    configs,
    statuses,
    poller,
    tick: () => {
      const next = new Promise<ConfigPollStatus>((resolve) => (heard = resolve));
      clock.fire();
      return next;
    },
  };
}

describe('the config poller', () => {
  it('asks at once, hands over a new config with its ETag, then asks every minute with it', async () => {
    const api = await serve(versioned(() => 1));
    const test = start(api.url);
    expect(test.clock.pending()).toEqual([0]);

    expect(await test.tick()).toEqual({ lastError: null, changed: true });
    expect(test.configs).toEqual([
      { config: TerminalConfigSchema.parse(sampleConfig('t_1', 1)), etag: '"v1"' },
    ]);
    expect(test.clock.pending()).toEqual([MINUTE]);

    expect(await test.tick()).toEqual({ lastError: null, changed: false });
    expect(api.requests.map((seen) => seen.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect(test.configs).toHaveLength(1);
  });

  it('picks up a change made on the central side', async () => {
    let version = 1;
    const api = await serve(versioned(() => version));
    const test = start(api.url, { intervalMs: 5000 });
    await test.tick();
    version = 2;
    expect(await test.tick()).toEqual({ lastError: null, changed: true });
    expect(test.configs.map(({ config, etag }) => [config.survey.version, etag])).toEqual([
      [1, '"v1"'],
      [2, '"v2"'],
    ]);
    expect(test.clock.pending()).toEqual([5000]);
    expect(api.requests).toHaveLength(2);
  });

  it('refuses an invalid config, names the field, and keeps the last good one', async () => {
    let broken = false;
    const api = await serve((request, response) => {
      if (!broken) {
        versioned(() => 1)(request, response);
      } else {
        sendJson(response, 200, { ...sampleConfig('t_1', 2), languages: [] }, { etag: '"v2"' });
      }
    });
    const test = start(api.url);
    await test.tick();
    broken = true;
    expect(await test.tick()).toEqual({
      lastError: 'invalid',
      field: 'languages',
      message: expect.any(String) as string,
    });
    expect(test.configs).toHaveLength(1);
    // Still asking as the holder of the last good config, so the refusal is heard each time.
    await test.tick();
    expect(api.requests.map((seen) => seen.headers['if-none-match'])).toEqual([
      undefined,
      '"v1"',
      '"v1"',
    ]);
  });

  it.each([
    [403, 'terminal_revoked', 'revoked'],
    [401, 'unauthorized', 'unauthorized'],
  ])('reports a %i as %s and keeps asking', async (status, code, lastError) => {
    const api = await serve((_request, response) => sendError(response, status, code));
    const test = start(api.url);
    expect(await test.tick()).toEqual({ lastError });
    expect(test.clock.pending()).toEqual([MINUTE]);
    expect(test.configs).toEqual([]);
  });

  it('waits as long as a 429 asks before asking again', async () => {
    const api = await serve((_request, response) =>
      sendError(response, 429, 'rate_limited', { 'retry-after': '300' }),
    );
    const test = start(api.url);
    expect(await test.tick()).toEqual({ lastError: 'rate_limited', retryAfterMs: 300_000 });
    expect(test.clock.pending()).toEqual([300_000]);
  });

  it('keeps polling quietly while offline, logging it once', async () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    const test = start(await deadApiUrl(), { logger });
    for (let i = 0; i < 3; i += 1) {
      expect(await test.tick()).toEqual({ lastError: 'offline' });
      expect(test.clock.pending()).toEqual([MINUTE]);
    }
    expect(lines.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual([
      'config_poll_failed',
    ]);
  });

  it('fetches a config again when it could not be saved', async () => {
    const api = await serve(versioned(() => 1));
    let failOnce = true;
    const saved: string[] = [];
    const test = start(api.url, {
      onConfig: (_config, etag) => {
        if (failOnce) {
          failOnce = false;
          throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        }
        saved.push(String(etag));
      },
    });
    expect(await test.tick()).toEqual({ lastError: 'not_saved', code: 'ENOSPC' });
    expect(await test.tick()).toEqual({ lastError: null, changed: true });
    expect(saved).toEqual(['"v1"']);
    expect(api.requests.map((seen) => seen.headers['if-none-match'])).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('after a restart, asks with the ETag of the config it stored', async () => {
    const api = await serve(versioned(() => 1));
    const dataDir = join(root, 'data');
    const persist: ConfigPollerOptions['onConfig'] = (config) => writeConfig(dataDir, config);
    await ensureDataDir(dataDir);
    const first = start(api.url, { dataDir, onConfig: persist });
    await first.tick();
    await first.poller.stop();
    expect(await readConfigEtag(dataDir)).toBe('"v1"');
    expect((await stat(join(dataDir, CONFIG_ETAG_FILE))).mode & 0o777).toBe(0o600);

    const second = start(api.url, { dataDir, onConfig: persist });
    expect(await second.tick()).toEqual({ lastError: null, changed: false });
    expect(api.requests.map((seen) => seen.headers['if-none-match'])).toEqual([undefined, '"v1"']);
  });

  it('does not send a stored ETag when the config it names is gone', async () => {
    const api = await serve(versioned(() => 1));
    const dataDir = root;
    await writeFile(join(dataDir, CONFIG_ETAG_FILE), '"\\"v1\\""\n');
    const test = start(api.url, { dataDir });
    expect(await test.tick()).toEqual({ lastError: null, changed: true });
    expect(api.requests[0]!.headers['if-none-match']).toBeUndefined();
  });

  it('polls once when asked twice at the same time', async () => {
    let release: () => void = () => undefined;
    const api = await serve((request, response) => {
      release = () => versioned(() => 1)(request, response);
    });
    const test = start(api.url);
    const both = [test.poller.pollNow(), test.poller.pollNow()];
    expect(both[0]).toBe(both[1]);
    while (api.requests.length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    release();
    expect(await both[0]).toEqual({ lastError: null, changed: true });
    expect(api.requests).toHaveLength(1);
    expect(test.clock.pending()).toEqual([MINUTE]);
  });

  it('stopped while storing a config, it leaves the ETag file to the poller after it', async () => {
    const api = await serve(versioned(() => 1));
    const dataDir = join(root, 'data');
    await ensureDataDir(dataDir);
    let test: Harness | null = null;
    test = start(api.url, {
      dataDir,
      onConfig: async (config) => {
        await writeConfig(dataDir, config);
        // Not awaited here: the poll it stops is waiting for this very onConfig.
        void test?.poller.stop();
      },
    });
    await test.poller.pollNow();
    expect(await readConfigEtag(dataDir)).toBeNull();
  });

  it('once stopped, neither polls nor hands over a config that arrives late', async () => {
    let release: () => void = () => undefined;
    const api = await serve((request, response) => {
      release = () => versioned(() => 1)(request, response);
    });
    const test = start(api.url);
    const late = test.poller.pollNow();
    while (api.requests.length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const stopping = test.poller.stop();
    release();
    await late;
    await stopping;
    expect(test.configs).toEqual([]);
    expect(test.statuses).toEqual([]);
    expect(test.clock.pending()).toEqual([]);
  });

  it('stopped while a poll waits for its answer, the stop ends only when that poll has', async () => {
    const held = heldFetch();
    const test = start('http://central.invalid', { fetchImpl: held.fetchImpl });
    const polling = test.poller.pollNow();
    await held.asked;
    const stopping = test.poller.stop();
    expect(await hasSettled(stopping)).toBe(false);
    held.answer();
    await stopping;
    expect(await hasSettled(polling)).toBe(true);
    expect(test.configs).toEqual([]);
    expect(test.statuses).toEqual([]);
    expect(test.clock.pending()).toEqual([]);
  });

  it('stopped while a config is being stored, the stop waits for it, and nothing is written after', async () => {
    const dataDir = join(root, 'data');
    await ensureDataDir(dataDir);
    const held = heldFetch();
    const order: string[] = [];
    let storing: () => void = () => undefined;
    const diskFree = new Promise<void>((resolve) => (storing = resolve));
    let stored: () => void = () => undefined;
    const called = new Promise<void>((resolve) => (stored = resolve));
    const test = start('http://central.invalid', {
      dataDir,
      fetchImpl: held.fetchImpl,
      onConfig: async (config) => {
        stored();
        // A slow disk: the config is still on its way there when the stop comes.
        await diskFree;
        await writeConfig(dataDir, config);
        order.push('stored');
      },
    });
    const polling = test.poller.pollNow();
    await held.asked;
    held.answer();
    await called;
    const stopping = test.poller.stop().then(() => order.push('stopped'));
    expect(await hasSettled(stopping)).toBe(false);
    storing();
    await stopping;
    expect(order).toEqual(['stored', 'stopped']);
    // The config it was storing, whole; no ETag and no temporary file behind the stop.
    expect(await readdir(dataDir)).toEqual(['config.json']);
    expect(await hasSettled(polling)).toBe(true);
    expect(test.clock.pending()).toEqual([]);
  });
});

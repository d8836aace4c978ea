import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WIRE_KEY_PREFIX, WIRE_PATH, WIRE_PROTOCOL } from '../../core/bridge-wire';
import { createLogger, type Logger } from '../log';
import { createHostServices } from '../services';
import type { ButtonBoxPort, HostServices, SerialChoice } from '../services-types';
import { startBrowserHost, type BrowserHost } from './server';

/**
 * Test-only helpers for the browser host: a real server on port 0 with its own temp data dir and
 * a tiny renderer dir, and a real WebSocket client. Imported by tests only.
 */

export type TestHost = {
  host: BrowserHost;
  services: HostServices;
  secret: string;
  logLines: () => { event: string; [field: string]: unknown }[];
  dispose(): Promise<void>;
};

export async function makeRendererDir(parent: string): Promise<string> {
  const dir = join(parent, 'renderer');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><title>Hymy</title><script type="module" src="./assets/app.js"></script>\n',
  );
  await writeFile(join(dir, 'assets', 'app.js'), 'export {};\n');
  await writeFile(join(dir, 'assets', 'app.css'), 'body { margin: 0; }\n');
  // A file just outside the served dir, where a path traversal would find it.
  await writeFile(join(parent, 'package.json'), '{ "name": "outside-the-renderer" }\n');
  return dir;
}

export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ write: (line) => lines.push(line), level: 'debug' }), lines };
}

export async function startTestHost(
  options: { buttonBox?: ButtonBoxPort; serial?: SerialChoice; now?: () => number } = {},
): Promise<TestHost> {
  const root = await mkdtemp(join(tmpdir(), 'hymy-host-'));
  const dataDir = join(root, 'data');
  await mkdir(dataDir, { mode: 0o700 });
  const rendererDir = await makeRendererDir(root);
  const { logger, lines } = capturingLogger();
  const services = await createHostServices({
    dataDir,
    host: 'browser',
    appVersion: '0.0.0-test',
    logger,
    say: () => undefined,
    // The built-in demo unit: these tests are about the bridge, not about setting a terminal up.
    demo: true,
    ...(options.buttonBox ? { buttonBox: options.buttonBox } : {}),
    ...(options.serial ? { serial: options.serial } : {}),
  });
  const host = await startBrowserHost({
    port: 0,
    services,
    rendererDir,
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
  const secret = new URL(host.url).hash.replace(/^#k=/, '');
  return {
    host,
    services,
    secret,
    logLines: () => lines.map((line) => JSON.parse(line) as { event: string }),
    async dispose() {
      await host.close();
      await services.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export type Connected =
  { ok: true; ws: WebSocket; messages: MessageQueue } | { ok: false; status: number };

/** Messages a client received, in order, awaited one at a time. */
export type MessageQueue = { next(): Promise<unknown> };

function queueOf(ws: WebSocket): MessageQueue {
  const received: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const message: unknown = JSON.parse(data.toString('utf8'));
    const waiter = waiting.shift();
    if (waiter) {
      waiter(message);
    } else {
      received.push(message);
    }
  });
  return {
    next: () =>
      received.length > 0
        ? Promise.resolve(received.shift())
        : new Promise((resolve) => waiting.push(resolve)),
  };
}

/** Opens the bridge as the kiosk page would, with any part of the handshake overridden. */
export function connect(
  host: Pick<BrowserHost, 'origin' | 'port'>,
  secret: string,
  override: { origin?: string; protocols?: string[]; headers?: Record<string, string> } = {},
): Promise<Connected> {
  const protocols = override.protocols ?? [WIRE_PROTOCOL, `${WIRE_KEY_PREFIX}${secret}`];
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WIRE_PATH}`, protocols, {
    origin: override.origin ?? host.origin,
    ...(override.headers ? { headers: override.headers } : {}),
  });
  const messages = queueOf(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ok: true, ws, messages }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ ok: false, status: response.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

export function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

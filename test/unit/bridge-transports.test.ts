import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  BRIDGE_ERRORS,
  BRIDGE_EVENT_NAMES,
  WIRE_PATH,
  type BridgeEventName,
  type BridgeEvents,
  type BridgeHandlers,
} from '../../core';
import { sampleBridgeEvents } from '../../core/sample-bridge-events';
import { createBridgeSocket, type BridgeSocket } from '../../host/browser-host/bridge-socket';
import { kioskOrigin, LOOPBACK_HOST } from '../../host/browser-host/http-security';
import { createLogger } from '../../host/log';
import { realTimers } from '../../node/real-timers';
import type { HostServices } from '../../host/services-types';
import { BridgeCallError } from '../../renderer/bridge/bridge-error';
import { createWsBridge, type WebSocketLike, type WsBridge } from '../../renderer/bridge/ws-bridge';

/**
 * The browser host's bridge socket and the page's WebSocket client, end to end over a real
 * loopback socket: every event of the contract (core/bridge-events.ts) must reach the page, so a
 * new event that the socket does not carry fails here.
 */

type Emit = <K extends BridgeEventName>(name: K, payload: BridgeEvents[K]) => void;

/** A host whose events the test emits by hand; `config:get` answers null, nothing else runs. */
function fakeServices(): { services: Pick<HostServices, 'handlers' | 'on'>; emit: Emit } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Only `config:get` is called here; the other handlers are never reached.
  const handlers = { 'config:get': () => null } as Partial<BridgeHandlers> as BridgeHandlers;
  return {
    services: {
      handlers,
      on(name, listener) {
        const set = listeners.get(name) ?? new Set();
        listeners.set(name, set);
        const untyped = listener as (payload: unknown) => void;
        set.add(untyped);
        return () => set.delete(untyped);
      },
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        listener(payload);
      }
    },
  };
}

let server: Server | undefined;
let socket: BridgeSocket | undefined;
let page: WsBridge | undefined;

afterEach(async () => {
  page?.close();
  await socket?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = socket = page = undefined;
});

async function connectPage(): Promise<{ emit: Emit; page: WsBridge }> {
  const { services, emit } = fakeServices();
  const http = createServer();
  server = http;
  const secret = 'launch-secret';
  const bridgeSocket = createBridgeSocket({
    services,
    secret,
    port: () => {
      const address = http.address();
      return typeof address === 'object' && address ? address.port : 0;
    },
    logger: createLogger({ write: () => undefined }),
  });
  socket = bridgeSocket;
  http.on('upgrade', (request, stream, head) => bridgeSocket.handleUpgrade(request, stream, head));
  await new Promise<void>((resolve) => http.listen(0, LOOPBACK_HOST, resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const client = createWsBridge({
    url: `ws://${LOOPBACK_HOST}:${port}${WIRE_PATH}`,
    key: secret,
    timers: realTimers,
    // The page's own origin, as Chromium sends it for the kiosk page.
    createSocket: (url, protocols) =>
      new WebSocket(url, protocols, { origin: kioskOrigin(port) }) as unknown as WebSocketLike,
  });
  page = client;
  // A call answered means the page is connected and the host knows it.
  await expect(client.call('config:get', null)).resolves.toBeNull();
  return { emit, page: client };
}

describe('the browser host bridge and the page', () => {
  it('carries every event of the contract from the host to the page', async () => {
    const { emit, page: client } = await connectPage();
    const samples = sampleBridgeEvents();
    const heard: [string, unknown][] = [];
    for (const name of BRIDGE_EVENT_NAMES) {
      client.on(name, (payload) => heard.push([name, payload]));
    }
    for (const name of BRIDGE_EVENT_NAMES) {
      emit(name, samples[name]);
    }
    // The host sent the events before this call's answer, on the same ordered socket: once the
    // answer is in, every event the socket carried has reached the page.
    await client.call('config:get', null);
    expect(heard).toEqual(BRIDGE_EVENT_NAMES.map((name) => [name, samples[name]]));
  });

  it('refuses bad arguments with the same code as Electron IPC', async () => {
    const { page: client } = await connectPage();
    const refused = await client
      .call('button:ack', { pressId: '' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BridgeCallError);
    expect((refused as BridgeCallError).code).toBe(BRIDGE_ERRORS.badArgs);
  });
});

// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WIRE_PROTOCOL, WireFromPageSchema, type WireFromHost } from '../../core';
import { createWsBridge, type WebSocketLike, type WsBridge } from './ws-bridge';

describe('the WebSocket bridge against a real ws server', () => {
  let server: WebSocketServer | undefined;
  let bridge: WsBridge | undefined;

  afterEach(async () => {
    bridge?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('calls the host, hears its events and comes back after the host drops it', async () => {
    const offered: string[][] = [];
    server = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
    });
    let connections = 0;
    server.on('connection', (socket, request) => {
      connections += 1;
      offered.push(String(request.headers['sec-websocket-protocol']).split(/,\s*/));
      socket.on('message', (data) => {
        const call = WireFromPageSchema.parse(JSON.parse((data as Buffer).toString('utf8')));
        const reply: WireFromHost = { t: 'result', id: call.id, ok: true, value: connections };
        socket.send(JSON.stringify(reply));
        const event: WireFromHost = {
          t: 'event',
          name: 'button:press',
          payload: { pressId: 'p', button: 1, at: 0 },
        };
        socket.send(JSON.stringify(event));
        if (connections === 1) {
          socket.close(4003);
        }
      });
    });
    await new Promise((resolve) => server?.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    bridge = createWsBridge({
      url: `ws://127.0.0.1:${port}/bridge`,
      key: 'k1',
      createSocket: (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
    });
    const presses: string[] = [];
    bridge.on('button:press', (press) => presses.push(press.pressId));

    await expect(bridge.call('status:get', null)).resolves.toBe(1);
    // Dropped by the host: the next call waits for the reconnection and goes through.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(bridge.call('status:get', null)).resolves.toBe(2);
    expect(offered[0]).toEqual([WIRE_PROTOCOL, 'hymy-key.k1']);
    expect(presses.length).toBeGreaterThanOrEqual(1);
  });
});

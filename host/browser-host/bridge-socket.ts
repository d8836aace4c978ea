import { dispatchBridgeCall } from '../bridge-dispatch';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  BRIDGE_EVENT_NAMES,
  type BridgeEventName,
  type BridgeEvents,
  type ButtonPress,
} from '../../core/bridge';
import { createUnheardPresses } from '../../core/unheard-presses';
import {
  WIRE_CLOSE,
  WIRE_KEY_PREFIX,
  WIRE_PATH,
  WIRE_PROTOCOL,
  WireFromPageSchema,
  type WireFromHost,
} from '../../core/bridge-wire';
import { parseWith } from '../../core/validation';
import { errorCode, type Logger } from '../log';
import type { HostServices } from '../services-types';
import { isAllowedHost, isAllowedOrigin, offeredProtocols, refuseUpgrade } from './http-security';

/**
 * The Bridge over a WebSocket. The handshake is the authentication: own Origin, own Host, and
 * the per-launch secret offered as a subprotocol. After it, the page is still untrusted input:
 * every frame and every argument is parsed before a handler sees it.
 */

/** An upload batch is at most 512 KiB; twice that leaves room and still bounds memory. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export type BridgeSocketOptions = {
  services: Pick<HostServices, 'handlers' | 'on'>;
  secret: string;
  /** The port the server listens on (known only after listen). */
  port: () => number;
  logger: Logger;
  now?: () => number;
};

export type BridgeSocket = {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
};

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) {
    return data.toString('utf8');
  }
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}

export function createBridgeSocket(options: BridgeSocketOptions): BridgeSocket {
  const { services, logger } = options;
  const now = options.now ?? Date.now;
  // Hash both sides to a fixed length so the comparison time says nothing about the secret.
  const expectedKey = createHash('sha256').update(options.secret).digest();
  const keyMatches = (offered: string): boolean =>
    timingSafeEqual(createHash('sha256').update(offered).digest(), expectedKey);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Answer with the bridge protocol only, never echo the key protocol back.
    handleProtocols: () => WIRE_PROTOCOL,
  });

  let current: WebSocket | null = null;
  // Presses read while no page is connected wait for the next page (core/unheard-presses.ts).
  const held = createUnheardPresses<ButtonPress>(now, (dropped) =>
    logger.warn('press_hold_expired', { dropped }),
  );

  const send = (ws: WebSocket, message: WireFromHost): void => {
    if (ws.readyState === ws.OPEN) {
      ws.send(JSON.stringify(message));
    }
  };

  const forward = <K extends BridgeEventName>(name: K, payload: BridgeEvents[K]): void => {
    if (current) {
      send(current, { t: 'event', name, payload });
    }
  };

  const holdPress = (press: ButtonPress): void => {
    held.hold(press);
    logger.info('press_held', { pressId: press.pressId });
  };

  // Every event of the contract, from the one list in core: a new event reaches the page too.
  const unsubscribe = BRIDGE_EVENT_NAMES.map((name) =>
    services.on(name, (payload) => {
      if (name === 'button:press' && !(current && current.readyState === current.OPEN)) {
        // The payload of a `button:press` event is a press (core/bridge-events.ts).
        holdPress(payload as ButtonPress);
        return;
      }
      forward(name, payload);
    }),
  );

  const answer = async (ws: WebSocket, id: number, name: string, args: unknown): Promise<void> => {
    const result = await dispatchBridgeCall(services.handlers, name, args, logger);
    if (result.ok) {
      // JSON has no undefined; a void call answers null so the `value` key is always there.
      send(ws, { t: 'result', id, ok: true, value: result.value ?? null });
    } else {
      send(ws, {
        t: 'result',
        id,
        ok: false,
        error: { code: result.code, message: result.message },
      });
    }
  };

  const onMessage = (ws: WebSocket, data: RawData, isBinary: boolean): void => {
    let frame: unknown;
    try {
      if (isBinary) {
        throw new Error('binary frame');
      }
      frame = JSON.parse(textOf(data));
    } catch {
      logger.warn('bridge_bad_message', { reason: isBinary ? 'binary' : 'not_json' });
      ws.close(WIRE_CLOSE.badMessage, 'bad message');
      return;
    }
    const call = parseWith(WireFromPageSchema, frame);
    if (!call.ok) {
      // Without a well-formed id there is nothing to answer to.
      logger.warn('bridge_bad_message', { reason: 'not_a_call', field: call.field });
      ws.close(WIRE_CLOSE.badMessage, 'bad message');
      return;
    }
    void answer(ws, call.value.id, call.value.name, call.value.args);
  };

  const attach = (ws: WebSocket): void => {
    const previous = current;
    current = ws;
    if (previous) {
      previous.close(WIRE_CLOSE.replaced, 'replaced');
    }
    logger.info('bridge_client_connected', { replaced: previous !== null });
    ws.on('message', (data, isBinary) => onMessage(ws, data, isBinary));
    ws.on('error', (error) => logger.warn('bridge_socket_error', { code: errorCode(error) }));
    ws.on('close', (code) => {
      if (current === ws) {
        current = null;
      }
      logger.info('bridge_client_closed', { code });
    });
    for (const press of held.take()) {
      forward('button:press', press);
    }
  };

  return {
    handleUpgrade(request, socket, head) {
      const port = options.port();
      const path = new URL(request.url ?? '/', 'http://kiosk.invalid').pathname;
      if (path !== WIRE_PATH) {
        refuseUpgrade(socket, 404);
        return;
      }
      if (
        !isAllowedHost(request.headers.host, port) ||
        !isAllowedOrigin(request.headers.origin, port)
      ) {
        logger.warn('bridge_refused', { reason: 'origin' });
        refuseUpgrade(socket, 403);
        return;
      }
      const offered = offeredProtocols(request.headers['sec-websocket-protocol']);
      const keys = offered.filter((p) => p.startsWith(WIRE_KEY_PREFIX));
      const keyOk = keys.some((p) => keyMatches(p.slice(WIRE_KEY_PREFIX.length)));
      if (!offered.includes(WIRE_PROTOCOL) || !keyOk) {
        logger.warn('bridge_refused', { reason: keys.length === 0 ? 'no_key' : 'bad_key' });
        refuseUpgrade(socket, 401);
        return;
      }
      wss.handleUpgrade(request, socket, head, attach);
    },
    async close() {
      for (const stop of unsubscribe) {
        stop();
      }
      const closing = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            // A page that does not answer the close frame is cut off rather than waited for.
            const timer = setTimeout(() => ws.terminate(), 1000);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(WIRE_CLOSE.shuttingDown, 'shutting down');
          }),
      );
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

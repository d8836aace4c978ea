import { WebSocket } from 'ws';
import {
  WIRE_KEY_PREFIX,
  WIRE_PATH,
  WIRE_PROTOCOL,
  WireFromHostSchema,
  type HostStatus,
  type WireFromPage,
} from '../../../core';
import type { KioskHost } from './kiosk-host';

/**
 * The host's status as the page reads it: `status:get` over the bridge, with the page's origin
 * and the key from the kiosk URL's fragment. The host serves one page at a time, and a page's
 * bridge reconnects and takes the socket back: close the kiosk page first.
 */
export async function readHostStatus(host: KioskHost, timeoutMs = 10_000): Promise<HostStatus> {
  const kioskUrl = new URL(host.url);
  const key = new URLSearchParams(kioskUrl.hash.replace(/^#/, '')).get('k') ?? '';
  const ws = new WebSocket(
    `ws://127.0.0.1:${host.port}${WIRE_PATH}`,
    [WIRE_PROTOCOL, WIRE_KEY_PREFIX + key],
    { origin: kioskUrl.origin },
  );
  const call: WireFromPage = { t: 'call', id: 1, name: 'status:get', args: null };
  try {
    return await new Promise<HostStatus>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('status:get had no answer')), timeoutMs);
      ws.once('open', () => ws.send(JSON.stringify(call)));
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.once('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`the bridge closed (${code}) before status:get was answered`));
      });
      ws.on('message', (data: Buffer) => {
        // Events (status:changed, config:changed) may come first: only our call's result counts.
        const message = WireFromHostSchema.parse(JSON.parse(data.toString('utf8')));
        if (message.t !== 'result' || message.id !== call.id) {
          return;
        }
        clearTimeout(timer);
        if (message.ok) {
          resolve(message.value as HostStatus);
        } else {
          reject(new Error(`status:get failed: ${message.error.code}`));
        }
      });
    });
  } finally {
    ws.close();
  }
}

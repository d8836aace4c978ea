import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge, BridgeCallName, BridgeCalls, BridgeEventName, BridgeEvents } from '../core';
// Straight from the zod-free modules, not core's index: the preload's bundle must stay small.
import { BRIDGE_ERROR_CODES, BRIDGE_ERRORS } from '../core/bridge-errors';
import { BRIDGE_EVENT_NAMES } from '../core/bridge-events';
import { createUnheardPresses } from '../core/unheard-presses';
import { BRIDGE_CALL_CHANNEL, BRIDGE_EVENT_CHANNEL, CALL_NAMES } from './channels';

/**
 * The Bridge for the sandboxed kiosk page: one object, `window.hymy`, and nothing else. Only
 * the Bridge's own names pass, and a listener gets the payload alone, never the IPC event (whose
 * `sender` would hand the page the whole IPC). Main validates everything again: this is the
 * first gate, not the only one.
 */

const callNames: ReadonlySet<string> = new Set(CALL_NAMES);
const eventNames: ReadonlySet<string> = new Set(BRIDGE_EVENT_NAMES);
const errorCodes: ReadonlySet<string> = new Set(BRIDGE_ERROR_CODES);

/**
 * Electron wraps a rejection from main as "Error invoking remote method 'bridge:call': Error:
 * <code>". The page gets the stable code alone (core's `BRIDGE_ERRORS`, as over the WebSocket),
 * as the message of a plain Error.
 */
function bridgeError(error: unknown): Error {
  const message = error instanceof Error ? error.message : '';
  const code = /: ([a-z_]+)$/.exec(message)?.[1] ?? '';
  return new Error(errorCodes.has(code) ? code : BRIDGE_ERRORS.callFailed);
}

// Presses that arrive while the page has no press listener yet (still loading, or the kiosk not
// mounted) wait here for the first one, as over the WebSocket (core/unheard-presses.ts).
const unheard = createUnheardPresses();
let pressListeners = 0;
ipcRenderer.on(
  BRIDGE_EVENT_CHANNEL,
  (_event: IpcRendererEvent, eventName: unknown, payload: unknown) => {
    if (eventName === 'button:press' && pressListeners === 0) {
      unheard.hold(payload);
    }
  },
);

const bridge = {
  async call<K extends BridgeCallName>(
    name: K,
    args: BridgeCalls[K]['args'],
  ): Promise<BridgeCalls[K]['result']> {
    if (!callNames.has(name)) {
      throw new Error(BRIDGE_ERRORS.unknownCall);
    }
    let result: unknown;
    try {
      result = await ipcRenderer.invoke(BRIDGE_CALL_CHANNEL, name, args);
    } catch (error) {
      throw bridgeError(error);
    }
    // Main answers with the result of the handler for `name`, typed by the Bridge contract.
    return result as BridgeCalls[K]['result'];
  },
  on<K extends BridgeEventName>(name: K, listener: (payload: BridgeEvents[K]) => void): () => void {
    if (!eventNames.has(name)) {
      throw new Error(BRIDGE_ERRORS.unknownEvent);
    }
    const relay = (_event: IpcRendererEvent, eventName: unknown, payload: unknown): void => {
      if (eventName === name) {
        // Main sends on this channel only the payload of the event it names.
        listener(payload as BridgeEvents[K]);
      }
    };
    ipcRenderer.on(BRIDGE_EVENT_CHANNEL, relay);
    if (name === 'button:press') {
      pressListeners += 1;
      queueMicrotask(() => {
        for (const payload of unheard.take()) {
          listener(payload as BridgeEvents[K]);
        }
      });
    }
    let listening = true;
    return () => {
      ipcRenderer.removeListener(BRIDGE_EVENT_CHANNEL, relay);
      if (name === 'button:press' && listening) {
        pressListeners -= 1;
      }
      listening = false;
    };
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld('hymy', bridge);

import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { BRIDGE_ERRORS, BRIDGE_EVENT_NAMES } from '../core';
import { dispatchBridgeCall } from '../host/bridge-dispatch';
import { createLogger, type Logger } from '../host/log';
import type { HostServices } from '../host/services-types';
import { BRIDGE_CALL_CHANNEL, BRIDGE_EVENT_CHANNEL } from './channels';
import { isTrustedUrl } from './security';

/**
 * The Bridge over Electron IPC, main side: one invoke channel for every call, one send channel
 * for every event. The renderer is untrusted input: the sender, the name and the arguments are
 * all checked here before a host handler sees them.
 */

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type BridgeServices = Pick<HostServices, 'handlers' | 'on'>;
export type SenderLike = Pick<IpcMainInvokeEvent, 'senderFrame'>;
export type EventSink = Pick<WebContents, 'send' | 'isDestroyed'>;

/**
 * Answers one `bridge:call`: the handler's value, or a rejection whose message is one of core's
 * `BRIDGE_ERRORS` codes (the same the WebSocket answers with); never a stack or host detail.
 */
export async function handleBridgeCall(
  services: Pick<HostServices, 'handlers'>,
  logger: Logger,
  event: SenderLike,
  name: unknown,
  args: unknown,
): Promise<unknown> {
  // A frame that navigated away (or was never ours) has no business with the host.
  const senderUrl = event.senderFrame?.url ?? '';
  if (!isTrustedUrl(senderUrl)) {
    logger.warn('bridge_call_refused', { code: BRIDGE_ERRORS.untrustedSender });
    throw new Error(BRIDGE_ERRORS.untrustedSender);
  }
  const result = await dispatchBridgeCall(services.handlers, name, args, logger);
  if (result.ok) {
    return result.value;
  }
  throw new Error(result.code);
}

export type WireBridgeOptions = { logger?: Logger };

/**
 * Connects the host services to the kiosk window. `getWebContents` is asked at every event,
 * so a window created (or re-created) after wiring still receives them. Returns the dispose.
 */
export function wireBridge(
  ipcMain: IpcMainLike,
  services: BridgeServices,
  getWebContents: () => EventSink | null,
  { logger = createLogger().with({ room: 'electron-ipc' }) }: WireBridgeOptions = {},
): () => void {
  ipcMain.handle(BRIDGE_CALL_CHANNEL, (event, name: unknown, args: unknown) =>
    handleBridgeCall(services, logger, event, name, args),
  );
  const unsubscribes = BRIDGE_EVENT_NAMES.map((eventName) =>
    services.on(eventName, (payload) => {
      const contents = getWebContents();
      // No window (it is being re-created): the event is dropped, and a press dropped here is
      // never acknowledged, so its button stays dark. A page that is still loading has its
      // preload, which keeps presses for the kiosk's first listener (core/unheard-presses.ts).
      if (contents !== null && !contents.isDestroyed()) {
        contents.send(BRIDGE_EVENT_CHANNEL, eventName, payload);
      }
    }),
  );
  return () => {
    ipcMain.removeHandler(BRIDGE_CALL_CHANNEL);
    for (const unsubscribe of unsubscribes) {
      unsubscribe();
    }
  };
}

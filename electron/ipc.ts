import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  BRIDGE_CALL_NAMES,
  BRIDGE_EVENT_NAMES,
  bridgeCallArgs,
  type BridgeCallName,
  type BridgeCalls,
  type BridgeHandlers,
} from '../core';
import { createLogger, errorCode, type Logger } from '../host/log';
import type { HostServices } from '../host/services-types';
import { BRIDGE_CALL_CHANNEL, BRIDGE_EVENT_CHANNEL } from './channels';
import { isTrustedUrl } from './security';

/**
 * The Bridge over Electron IPC, main side: one invoke channel for every call, one send channel
 * for every event. The renderer is untrusted input: the sender, the name and the arguments are
 * all checked here before a host handler sees them.
 */

/**
 * Why a call was refused, as the message of the Error the renderer's promise rejects with.
 * Stable codes, so the renderer and the logs can tell them apart; never a stack or host detail.
 */
export const BRIDGE_ERRORS = {
  untrustedSender: 'bridge_untrusted_sender',
  unknownCall: 'bridge_unknown_call',
  badArgs: 'bridge_bad_args',
  handlerFailed: 'bridge_handler_failed',
} as const;

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type BridgeServices = Pick<HostServices, 'handlers' | 'on'>;
export type SenderLike = Pick<IpcMainInvokeEvent, 'senderFrame'>;
export type EventSink = Pick<WebContents, 'send' | 'isDestroyed'>;

const callNames: ReadonlySet<string> = new Set(BRIDGE_CALL_NAMES);

function isCallName(name: unknown): name is BridgeCallName {
  return typeof name === 'string' && callNames.has(name);
}

function invoke<K extends BridgeCallName>(
  handlers: BridgeHandlers,
  name: K,
  args: BridgeCalls[K]['args'],
): Promise<BridgeCalls[K]['result']> | BridgeCalls[K]['result'] {
  return handlers[name](args);
}

/** Answers one `bridge:call`: the handler's value, or a rejection with a stable code. */
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
  if (!isCallName(name)) {
    logger.warn('bridge_call_refused', { code: BRIDGE_ERRORS.unknownCall });
    throw new Error(BRIDGE_ERRORS.unknownCall);
  }
  const parsed = bridgeCallArgs[name].safeParse(args);
  if (!parsed.success) {
    logger.warn('bridge_call_refused', { code: BRIDGE_ERRORS.badArgs, call: name });
    throw new Error(BRIDGE_ERRORS.badArgs);
  }
  try {
    // The schema of `name` just accepted the value, so it is that call's argument type
    // (TypeScript checks it only against the union of all calls' arguments).
    return await invoke(services.handlers, name, parsed.data);
  } catch (error) {
    // Expected faults come back as values; an exception is a bug, logged here with its code
    // and turned into a plain Error so no stack or host detail reaches the page.
    logger.error('bridge_handler_failed', { call: name, code: errorCode(error) });
    // eslint-disable-next-line preserve-caught-error -- the cause must not cross to the renderer
    throw new Error(BRIDGE_ERRORS.handlerFailed);
  }
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
      // No window yet (or it is gone): the event is dropped. A press dropped here is never
      // acknowledged, so its button is never lit; holding presses for a page still loading is
      // not done yet (see DESIGN.md, "The press, end to end", step 2).
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

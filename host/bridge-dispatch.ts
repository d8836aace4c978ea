import {
  BRIDGE_CALL_NAMES,
  BRIDGE_ERRORS,
  bridgeCallArgs,
  parseWith,
  type BridgeCallName,
  type BridgeCalls,
  type BridgeHandlers,
  type BridgeParsedArgs,
} from '../core';
import { errorCode, type Logger } from './log';

/**
 * One bridge call from a UI, whichever host carried it (Electron IPC or the browser host's
 * WebSocket). The UI is untrusted input: the name and the arguments are checked here before a
 * host handler sees them, and an exception never leaves with its stack.
 */
export type DispatchResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      code: (typeof BRIDGE_ERRORS)['unknownCall' | 'badArgs' | 'internal'];
      message: string;
    };

const callNames: ReadonlySet<string> = new Set(BRIDGE_CALL_NAMES);

function isCallName(name: unknown): name is BridgeCallName {
  return typeof name === 'string' && callNames.has(name);
}

function invoke<K extends BridgeCallName>(
  handlers: BridgeHandlers,
  name: K,
  args: BridgeParsedArgs<K>,
): Promise<BridgeCalls[K]['result']> | BridgeCalls[K]['result'] {
  return handlers[name](args);
}

export async function dispatchBridgeCall(
  handlers: BridgeHandlers,
  name: unknown,
  args: unknown,
  logger: Logger,
): Promise<DispatchResult> {
  if (!isCallName(name)) {
    logger.warn('bridge_call_refused', { code: BRIDGE_ERRORS.unknownCall });
    return { ok: false, code: BRIDGE_ERRORS.unknownCall, message: 'unknown call' };
  }
  const parsed = parseWith(bridgeCallArgs[name], args);
  if (!parsed.ok) {
    logger.warn('bridge_call_refused', {
      code: BRIDGE_ERRORS.badArgs,
      call: name,
      field: parsed.field,
    });
    return {
      ok: false,
      code: BRIDGE_ERRORS.badArgs,
      message: `${parsed.field}: ${parsed.message}`,
    };
  }
  try {
    // The schema of `name` just accepted the value, so it is that call's argument type
    // (TypeScript checks it only against the union of all calls' arguments).
    return { ok: true, value: await invoke(handlers, name, parsed.value) };
  } catch (error) {
    // Expected faults come back as values; an exception is a bug, logged with its code.
    logger.error('bridge_handler_failed', { call: name, code: errorCode(error) });
    return { ok: false, code: BRIDGE_ERRORS.internal, message: 'internal error' };
  }
}

/**
 * The codes a bridge call is refused with, the same on both transports (Electron IPC and the
 * browser host's WebSocket), so the renderer and the logs tell them apart by one name each.
 * No zod here: the sandboxed preload bundles it.
 */
export const BRIDGE_ERRORS = {
  /** The name is not a call of the Bridge contract. */
  unknownCall: 'unknown_call',
  /** The arguments do not match the call's schema. */
  badArgs: 'bad_args',
  /** The host's handler threw: a bug, logged by the host; never its stack or detail. */
  internal: 'internal',
  /** The call came from a frame that is not the kiosk's own page (Electron). */
  untrustedSender: 'untrusted_sender',
  /** The page listened to a name that is not an event of the contract (Electron's preload). */
  unknownEvent: 'unknown_event',
  /** The transport itself failed before the host answered (Electron's preload). */
  callFailed: 'call_failed',
} as const;

export type BridgeErrorCode = (typeof BRIDGE_ERRORS)[keyof typeof BRIDGE_ERRORS];

export const BRIDGE_ERROR_CODES: readonly BridgeErrorCode[] = Object.values(BRIDGE_ERRORS);

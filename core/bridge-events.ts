import type { ButtonPress, HostStatus } from './bridge';
import type { TerminalConfig } from './terminal-config';

/**
 * The events a host sends its UI, written down once. The event names, the `BridgeEvents` type,
 * the Electron preload's listeners and both transports' forwarding all come from this object.
 * It holds no schema (the host is the trusted side of an event) and imports no zod, so the
 * sandboxed preload can bundle it.
 */

declare const payloadOf: unique symbol;
/** An event, carrying the type of its payload (at the type level only). */
export type BridgeEvent<Payload> = { readonly [payloadOf]?: Payload };

function event<Payload>(): BridgeEvent<Payload> {
  return {};
}

export const BRIDGE_EVENTS = {
  /** A press of a physical box button; a page acknowledges it with `button:ack`. */
  'button:press': event<ButtonPress>(),
  'config:changed': event<TerminalConfig>(),
  'status:changed': event<HostStatus>(),
  /** The host closed the service session (idle for too long): back to the kiosk. */
  'service:closed': event<null>(),
  /** The page could not re-open its store: the host has it load again (at most once a minute). */
  'page:reload': event<null>(),
} as const;

export type BridgeEventName = keyof typeof BRIDGE_EVENTS;
export type BridgeEvents = {
  [K in BridgeEventName]: (typeof BRIDGE_EVENTS)[K] extends BridgeEvent<infer Payload>
    ? Payload
    : never;
};

export const BRIDGE_EVENT_NAMES = Object.keys(BRIDGE_EVENTS) as BridgeEventName[];

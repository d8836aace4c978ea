import type { BridgeCallName } from '../core/bridge';

/**
 * The IPC channels of the Bridge and the call names they carry. The preload needs the names but
 * must not pull zod into its bundle, so they are a plain array here; the type check below fails
 * the build when core/bridge.ts gains a call that this list does not follow.
 */
export const BRIDGE_CALL_CHANNEL = 'bridge:call';
export const BRIDGE_EVENT_CHANNEL = 'bridge:event';

export const CALL_NAMES = [
  'config:get',
  'button:ack',
  'status:get',
  'status:report',
  'sync:upload',
  'journal:append',
  'journal:withdraw',
  'journal:unconfirmed',
  'journal:read',
  'journal:restored',
  'setup:enroll',
  'service:pin-state',
  'service:unlock',
  'service:touch',
  'service:close',
  'service:export-targets',
  'service:export-open',
  'service:export-append',
  'service:export-close',
  'service:set-language',
  'service:factory-reset',
] as const satisfies readonly BridgeCallName[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
// A type-only assertion: `true` compiles only while the list names every call. The events need
// no list here: the preload iterates core's BRIDGE_EVENTS (core/bridge-events.ts, zod-free).
export const CALL_NAMES_COMPLETE: Exhaustive<BridgeCallName, (typeof CALL_NAMES)[number]> = true;

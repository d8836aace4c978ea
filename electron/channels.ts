import type { BridgeCallName, BridgeEventName } from '../core/bridge';

/**
 * The IPC channels of the Bridge and the names they carry. The preload needs the names but
 * must not pull zod into its bundle, so they are plain arrays here; the type checks below fail
 * the build when core/bridge.ts gains or loses a name that these lists do not follow.
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

export const EVENT_NAMES = [
  'button:press',
  'config:changed',
  'status:changed',
  'service:closed',
  'page:reload',
] as const satisfies readonly BridgeEventName[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
// Type-only assertions: `true` compiles only while the lists name every call and event.
export const CALL_NAMES_COMPLETE: Exhaustive<BridgeCallName, (typeof CALL_NAMES)[number]> = true;
export const EVENT_NAMES_COMPLETE: Exhaustive<BridgeEventName, (typeof EVENT_NAMES)[number]> = true;

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BRIDGE_CALL_NAMES,
  BRIDGE_EVENT_NAMES,
  BRIDGE_EVENTS,
  bridgeCallArgs,
  UnlockArgsSchema,
  type Bridge,
  type BridgeCallName,
  type BridgeCalls,
  type BridgeEvents,
  type ButtonPress,
  type HostStatus,
} from './index';
import { sampleResponse } from './sample-response';

/**
 * A call's arguments are the input of its zod schema, never a type written beside it: these
 * checks run in `npm run typecheck` (the `@ts-expect-error` lines must stay errors) and in vitest
 * (the schema refuses at run time what the type refuses at compile time).
 */

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Compiles only while every call's argument type is exactly its schema's input.
const argsAreSchemaInputs: {
  [K in BridgeCallName]: Equal<BridgeCalls[K]['args'], z.input<(typeof bridgeCallArgs)[K]>>;
} = Object.fromEntries(BRIDGE_CALL_NAMES.map((name) => [name, true])) as {
  [K in BridgeCallName]: true;
};

/** A bridge that records what it is called with and answers nothing. */
function recordingBridge(): { bridge: Bridge; calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const bridge: Bridge = {
    call(name, args) {
      calls.push([name, args]);
      // The answer does not matter here: only what the caller may pass.
      return Promise.resolve(undefined as never);
    },
    on: () => () => undefined,
  };
  return { bridge, calls };
}

const refused = (name: BridgeCallName, args: unknown): boolean =>
  !bridgeCallArgs[name].safeParse(args).success;

describe('the bridge calls and their schemas', () => {
  it('type every call argument as its schema input', () => {
    expect(Object.values(argsAreSchemaInputs).every(Boolean)).toBe(true);
    expect([...BRIDGE_CALL_NAMES].sort()).toEqual(Object.keys(bridgeCallArgs).sort());
  });

  it('refuse to compile a call that leaves out a field its schema requires', async () => {
    const { bridge } = recordingBridge();
    // @ts-expect-error: UnlockArgsSchema requires the PIN.
    await bridge.call('service:unlock', {});
    expect(refused('service:unlock', {})).toBe(true);
    // @ts-expect-error: ExportCloseArgsSchema requires the summary.
    await bridge.call('service:export-close', { exportId: 'e-1' });
    expect(refused('service:export-close', { exportId: 'e-1' })).toBe(true);
    // @ts-expect-error: a call without arguments takes null, not an object.
    await bridge.call('config:get', {});
    expect(refused('config:get', {})).toBe(true);
  });

  it('let a caller leave out what the schema fills in with a default', async () => {
    const { bridge, calls } = recordingBridge();
    const { flags: _flags, ...withoutFlags } = sampleResponse();
    await bridge.call('sync:upload', { responses: [withoutFlags] });
    await bridge.call('status:report', { store: { ok: true }, persisted: null });
    for (const [name, args] of calls) {
      expect(refused(name as BridgeCallName, args)).toBe(false);
    }
  });

  it('follow a schema that gains a required field (the mechanism the calls are typed by)', () => {
    // What `BridgeCalls` does to `bridgeCallArgs`, applied to a copy whose unlock schema grew.
    const grown = {
      ...bridgeCallArgs,
      'service:unlock': UnlockArgsSchema.extend({ by: z.string() }),
    };
    const call = <K extends keyof typeof grown>(name: K, args: z.input<(typeof grown)[K]>) =>
      grown[name].safeParse(args).success;
    // @ts-expect-error: the grown schema requires `by`, so the old call no longer compiles.
    expect(call('service:unlock', { pin: '1234' })).toBe(false);
    expect(call('service:unlock', { pin: '1234', by: 'technician' })).toBe(true);
  });
});

// Compiles only while each event's payload type is what BRIDGE_EVENTS marks it with, exactly.
const payloadsAreExact: [
  Equal<BridgeEvents['button:press'], ButtonPress>,
  Equal<BridgeEvents['status:changed'], HostStatus>,
  Equal<BridgeEvents['service:closed'], null>,
] = [true, true, true];

describe('the bridge events', () => {
  it('are named once, by the keys of BRIDGE_EVENTS, with the payload types they mark', () => {
    expect(BRIDGE_EVENT_NAMES).toEqual(Object.keys(BRIDGE_EVENTS));
    expect(payloadsAreExact).toEqual([true, true, true]);
  });
});

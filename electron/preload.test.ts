import type { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_EVENT_NAMES, type Bridge } from '../core';
import { sampleBridgeEvents } from '../core/sample-bridge-events';

// The preload runs in Electron's sandbox, where `electron` is the only module; here it is
// replaced at the module boundary by a recording contextBridge and an in-memory ipcRenderer.
const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(),
  ipcEvents: null as EventEmitter | null,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcEvents = new Emitter();
  electron.ipcEvents = ipcEvents;
  return {
    contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
    ipcRenderer: {
      invoke: electron.invoke,
      on: (channel: string, listener: (...args: unknown[]) => void) =>
        ipcEvents.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        ipcEvents.removeListener(channel, listener),
    },
  };
});

let bridge: Bridge;

function ipcEvents(): EventEmitter {
  if (electron.ipcEvents === null) {
    throw new Error('the electron mock was not loaded');
  }
  return electron.ipcEvents;
}

/** The bridge as the page could misuse it: any name at all. */
type UntypedBridge = {
  call(name: string, args: unknown): Promise<unknown>;
  on(name: string, listener: () => void): () => void;
};
const untyped = () => bridge as unknown as UntypedBridge;

beforeAll(async () => {
  await import('./preload');
  bridge = electron.exposeInMainWorld.mock.calls[0]?.[1] as Bridge;
});

describe('the preload', () => {
  it('exposes exactly one object, hymy, with call and on', () => {
    expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(electron.exposeInMainWorld.mock.calls[0]?.[0]).toBe('hymy');
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
  });

  it('sends a known call over bridge:call and answers what main answered', async () => {
    electron.invoke.mockResolvedValueOnce({ terminalId: 't_1' });
    await expect(bridge.call('config:get', null)).resolves.toEqual({ terminalId: 't_1' });
    expect(electron.invoke).toHaveBeenCalledWith('bridge:call', 'config:get', null);
  });

  it('refuses an unknown call without touching IPC', async () => {
    electron.invoke.mockClear();
    await expect(untyped().call('fs:read', '/etc/passwd')).rejects.toThrow('unknown_call');
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('rejects with the stable code main refused the call with, and nothing else', async () => {
    electron.invoke.mockRejectedValueOnce(
      new Error("Error invoking remote method 'bridge:call': Error: bad_args"),
    );
    const error = await bridge
      .call('button:ack', { pressId: '' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('bad_args');
  });

  it('rejects with a generic code when IPC itself failed', async () => {
    electron.invoke.mockRejectedValueOnce(new Error("No handler registered for 'bridge:call'"));
    await expect(bridge.call('config:get', null)).rejects.toThrow(/^call_failed$/);
  });

  it('gives a listener the payload alone, never the IPC event', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.on('button:press', listener);
    const press = { pressId: 'p-1', button: 2, at: 1 };
    const rawEvent = { sender: { send: vi.fn() }, senderFrame: {} };
    ipcEvents().emit('bridge:event', rawEvent, 'button:press', press);
    expect(listener.mock.calls).toEqual([[press]]);
    unsubscribe();
  });

  it('gives a listener only the events of the name it asked for', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.on('config:changed', listener);
    ipcEvents().emit('bridge:event', {}, 'button:press', { pressId: 'p-2', button: 1, at: 2 });
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
  });

  it('returns an unsubscribe that stops the listener and frees the IPC listener', () => {
    const before = ipcEvents().listenerCount('bridge:event');
    const listener = vi.fn();
    const unsubscribe = bridge.on('status:changed', listener);
    expect(ipcEvents().listenerCount('bridge:event')).toBe(before + 1);
    unsubscribe();
    expect(ipcEvents().listenerCount('bridge:event')).toBe(before);
    ipcEvents().emit('bridge:event', {}, 'status:changed', {});
    expect(listener).not.toHaveBeenCalled();
  });

  it('passes the technician calls and the service:closed event', async () => {
    electron.invoke.mockResolvedValueOnce({ open: true });
    await expect(bridge.call('service:touch', null)).resolves.toEqual({ open: true });
    expect(electron.invoke).toHaveBeenCalledWith('bridge:call', 'service:touch', null);
    const listener = vi.fn();
    const unsubscribe = bridge.on('service:closed', listener);
    ipcEvents().emit('bridge:event', {}, 'service:closed', null);
    expect(listener.mock.calls).toEqual([[null]]);
    unsubscribe();
  });

  it('lets the page listen to every event of the contract (core/bridge-events.ts)', async () => {
    const samples = sampleBridgeEvents();
    const heard: [string, unknown][] = [];
    const stops = BRIDGE_EVENT_NAMES.map((name) =>
      bridge.on(name, (payload) => heard.push([name, payload])),
    );
    for (const name of BRIDGE_EVENT_NAMES) {
      ipcEvents().emit('bridge:event', {}, name, samples[name]);
    }
    // A press listener is given held presses a microtask after it starts listening.
    await Promise.resolve();
    for (const stop of stops) {
      stop();
    }
    // (A press an earlier test sent while nobody listened may arrive too: it was held.)
    for (const name of BRIDGE_EVENT_NAMES) {
      expect(heard).toContainEqual([name, samples[name]]);
    }
  });

  it('refuses to listen to an unknown event', () => {
    expect(() => untyped().on('ipc:anything', () => undefined)).toThrow('unknown_event');
  });
});

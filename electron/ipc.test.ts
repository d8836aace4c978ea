import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { BRIDGE_ERRORS, BRIDGE_EVENT_NAMES } from '../core';
import type { BridgeEventName, BridgeEvents, BridgeHandlers, HostStatus } from '../core';
import { sampleBridgeEvents, sampleHostStatus } from '../core/sample-bridge-events';
import { createLogger } from '../host/log';
import { wireBridge, type BridgeServices } from './ipc';

type Invoke = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

const status: HostStatus = sampleHostStatus({ host: 'electron' });

const SESSION_CLOSED = { ok: false as const, reason: 'session_closed' as const };

/** A host whose handlers record their arguments, and whose events the test emits by hand. */
function fakeServices() {
  const listeners = new Map<BridgeEventName, Set<(payload: unknown) => void>>();
  const handlers: BridgeHandlers = {
    'config:get': vi.fn(() => null),
    'button:ack': vi.fn(() => undefined),
    'status:get': vi.fn(() => status),
    'status:report': vi.fn(() => undefined),
    'sync:upload': vi.fn(() => ({ ok: false as const, reason: 'offline' as const })),
    'journal:append': vi.fn(() => ({ ok: true as const })),
    'journal:withdraw': vi.fn(() => ({ ok: true as const })),
    'journal:unconfirmed': vi.fn(() => ({ ids: [] })),
    'journal:read': vi.fn(() => ({ responses: [] })),
    'journal:restored': vi.fn(() => undefined),
    'setup:enroll': vi.fn(() => ({ ok: false as const, reason: 'code_used' as const })),
    'service:pin-state': vi.fn(() => ({ pinSet: true, lockedUntil: null, attemptsLeft: 5 })),
    'service:unlock': vi.fn(() => ({
      ok: false as const,
      reason: 'wrong_pin' as const,
      attemptsLeft: 4,
    })),
    'service:touch': vi.fn(() => ({ open: false })),
    'service:close': vi.fn(() => undefined),
    'service:export-targets': vi.fn(() => SESSION_CLOSED),
    'service:export-open': vi.fn(() => SESSION_CLOSED),
    'service:export-append': vi.fn(() => SESSION_CLOSED),
    'service:export-close': vi.fn(() => SESSION_CLOSED),
    'service:set-language': vi.fn(() => SESSION_CLOSED),
    'service:factory-reset': vi.fn(() => SESSION_CLOSED),
  };
  const services: BridgeServices = {
    handlers,
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => {
        set.delete(untyped);
      };
    },
  };
  const emit = <K extends BridgeEventName>(name: K, payload: BridgeEvents[K]): void => {
    for (const listener of listeners.get(name) ?? []) {
      listener(payload);
    }
  };
  const listenerCount = (): number =>
    [...listeners.values()].reduce((sum, set) => sum + set.size, 0);
  return { services, handlers, emit, listenerCount };
}

function wire() {
  const lines: string[] = [];
  let handler: Invoke | null = null;
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Invoke) => {
      expect(channel).toBe('bridge:call');
      handler = listener;
    }),
    removeHandler: vi.fn(),
  };
  const contents = { send: vi.fn(), isDestroyed: vi.fn(() => false) };
  let window: typeof contents | null = contents;
  const fake = fakeServices();
  const dispose = wireBridge(ipcMain, fake.services, () => window, {
    logger: createLogger({ write: (line) => lines.push(line) }),
  });
  const call = (name: unknown, args: unknown, url = 'app://kiosk/index.html') => {
    if (handler === null) {
      throw new Error('bridge:call was not handled');
    }
    const event = { senderFrame: url === '' ? null : { url } } as unknown as IpcMainInvokeEvent;
    return handler(event, name, args);
  };
  const closeWindow = () => {
    window = null;
  };
  return { ...fake, ipcMain, contents, dispose, call, lines, closeWindow };
}

describe('wireBridge calls', () => {
  it('calls the handler with the arguments as parsed and answers its value', async () => {
    const bridge = wire();
    await expect(bridge.call('button:ack', { pressId: 'p-1' })).resolves.toBeUndefined();
    expect(bridge.handlers['button:ack']).toHaveBeenCalledWith({ pressId: 'p-1' });
    await expect(bridge.call('status:get', null)).resolves.toEqual(status);
  });

  it('answers an expected failure as a value, not an error', async () => {
    const bridge = wire();
    const response = {
      id: '01900000-0000-7000-8000-000000000000',
      surveyId: 'demo',
      surveyVersion: 1,
      questionId: 'q1',
      scale: 'smiley4',
      value: 3,
      language: 'fi',
      source: 'touch',
      answeredAt: '2026-01-01T08:00:00.000Z',
    };
    await expect(bridge.call('sync:upload', { responses: [response] })).resolves.toEqual({
      ok: false,
      reason: 'offline',
    });
    // The handler gets the parsed value: the schema's defaults are filled in.
    expect(bridge.handlers['sync:upload']).toHaveBeenCalledWith({
      responses: [{ ...response, flags: [] }],
    });
  });

  it('passes a technician call through, and refuses a malformed PIN before the host sees it', async () => {
    const bridge = wire();
    await expect(bridge.call('service:unlock', { pin: '1234' })).resolves.toEqual({
      ok: false,
      reason: 'wrong_pin',
      attemptsLeft: 4,
    });
    expect(bridge.handlers['service:unlock']).toHaveBeenCalledWith({ pin: '1234' });
    await expect(
      bridge.call('setup:enroll', { apiUrl: 'https://api.example', code: 'K7QD-M3XP', pin: '12' }),
    ).rejects.toThrow(BRIDGE_ERRORS.badArgs);
    expect(bridge.handlers['setup:enroll']).not.toHaveBeenCalled();
  });

  it('rejects a name that is not a Bridge call, without calling anything', async () => {
    const bridge = wire();
    await expect(bridge.call('fs:read', '/etc/passwd')).rejects.toThrow(BRIDGE_ERRORS.unknownCall);
    await expect(bridge.call('toString', null)).rejects.toThrow(BRIDGE_ERRORS.unknownCall);
    await expect(bridge.call(42, null)).rejects.toThrow(BRIDGE_ERRORS.unknownCall);
  });

  it('rejects arguments that do not match the call schema', async () => {
    const bridge = wire();
    await expect(bridge.call('button:ack', { pressId: '' })).rejects.toThrow(BRIDGE_ERRORS.badArgs);
    await expect(bridge.call('button:ack', null)).rejects.toThrow(BRIDGE_ERRORS.badArgs);
    await expect(bridge.call('config:get', { sneaky: true })).rejects.toThrow(
      BRIDGE_ERRORS.badArgs,
    );
    expect(bridge.handlers['button:ack']).not.toHaveBeenCalled();
    expect(bridge.handlers['config:get']).not.toHaveBeenCalled();
  });

  it.each(['https://example.com/', 'file:///tmp/index.html', 'app://other/index.html', ''])(
    'rejects a call from an untrusted frame (%s)',
    async (url) => {
      const bridge = wire();
      await expect(bridge.call('config:get', null, url)).rejects.toThrow(
        BRIDGE_ERRORS.untrustedSender,
      );
      expect(bridge.handlers['config:get']).not.toHaveBeenCalled();
    },
  );

  it('turns a handler exception into a plain coded error and logs it', async () => {
    const bridge = wire();
    vi.mocked(bridge.handlers['status:get']).mockImplementation(() => {
      throw new TypeError('secret detail at /home/kiosk/settings.json');
    });
    const error = await bridge.call('status:get', null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(BRIDGE_ERRORS.internal);
    expect((error as Error).message).not.toContain('secret');
    const logged = bridge.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({ event: 'bridge_handler_failed', call: 'status:get' }),
    );
  });
});

describe('wireBridge events', () => {
  it('forwards each host event to the window as its name and payload only', () => {
    const bridge = wire();
    const press = { pressId: 'p-7', button: 3, at: 1_700_000_000_000 };
    bridge.emit('button:press', press);
    bridge.emit('status:changed', status);
    bridge.emit('service:closed', null);
    expect(bridge.contents.send.mock.calls).toEqual([
      ['bridge:event', 'button:press', press],
      ['bridge:event', 'status:changed', status],
      ['bridge:event', 'service:closed', null],
    ]);
  });

  it('forwards every event of the contract (core/bridge-events.ts) to the window', () => {
    const bridge = wire();
    const samples = sampleBridgeEvents();
    for (const name of BRIDGE_EVENT_NAMES) {
      bridge.emit(name, samples[name]);
    }
    expect(bridge.contents.send.mock.calls).toEqual(
      BRIDGE_EVENT_NAMES.map((name) => ['bridge:event', name, samples[name]]),
    );
  });

  it('drops an event while there is no window, rather than throwing in the host', () => {
    const bridge = wire();
    bridge.closeWindow();
    expect(() => bridge.emit('status:changed', status)).not.toThrow();
    expect(bridge.contents.send).not.toHaveBeenCalled();
  });

  it('does not send to a destroyed window', () => {
    const bridge = wire();
    bridge.contents.isDestroyed.mockReturnValue(true);
    bridge.emit('status:changed', status);
    expect(bridge.contents.send).not.toHaveBeenCalled();
  });

  it('disposes: the call handler is removed and every event unsubscribed', () => {
    const bridge = wire();
    expect(bridge.listenerCount()).toBe(BRIDGE_EVENT_NAMES.length);
    bridge.dispose();
    expect(bridge.ipcMain.removeHandler).toHaveBeenCalledWith('bridge:call');
    expect(bridge.listenerCount()).toBe(0);
  });
});

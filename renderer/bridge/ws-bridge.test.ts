import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WIRE_KEY_PREFIX, WIRE_PROTOCOL } from '../../core';
import { manualClock, type ManualClock } from '../../core/timers';
import { FakeSocket } from '../testing/fake-socket';
import { wireTarget } from './get-bridge';
import { createWsBridge, type WsBridge } from './ws-bridge';

describe('the WebSocket bridge', () => {
  let sockets: FakeSocket[];
  let bridge: WsBridge;
  let clock: ManualClock;

  const latest = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) {
      throw new Error('no socket yet');
    }
    return socket;
  };

  beforeEach(() => {
    clock = manualClock();
    sockets = [];
    bridge = createWsBridge({
      url: 'ws://127.0.0.1:4870/bridge',
      key: 'secret',
      callTimeoutMs: 5000,
      timers: clock.timers,
      createSocket: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
    });
  });

  afterEach(() => {
    bridge.close();
  });

  it('presents the wire protocol and the page key when it connects', () => {
    expect(latest().url).toBe('ws://127.0.0.1:4870/bridge');
    expect(latest().protocols).toEqual([WIRE_PROTOCOL, `${WIRE_KEY_PREFIX}secret`]);
  });

  it('answers each call with the result of the same id', async () => {
    latest().open();
    const first = bridge.call('config:get', null);
    const second = bridge.call('button:ack', { pressId: 'p1' });
    expect(latest().sent).toEqual([
      { t: 'call', id: 1, name: 'config:get', args: null },
      { t: 'call', id: 2, name: 'button:ack', args: { pressId: 'p1' } },
    ]);
    latest().receive({ t: 'result', id: 2, ok: true, value: null });
    latest().receive({ t: 'result', id: 1, ok: true, value: { terminalId: 'x' } });
    await expect(second).resolves.toBeNull();
    await expect(first).resolves.toEqual({ terminalId: 'x' });
  });

  it('rejects a call the host refused, with its code', async () => {
    latest().open();
    const call = bridge.call('status:get', null);
    latest().receive({
      t: 'result',
      id: 1,
      ok: false,
      error: { code: 'bad_args', message: 'no' },
    });
    await expect(call).rejects.toMatchObject({ code: 'bad_args' });
  });

  it('ignores messages that are not of the wire format', async () => {
    latest().open();
    const call = bridge.call('config:get', null);
    latest().onmessage?.(new MessageEvent('message', { data: 'not json' }));
    latest().receive({ t: 'result', id: '1', ok: true, value: 1 });
    latest().receive({ t: 'result', id: 1, ok: true, value: 'right' });
    await expect(call).resolves.toBe('right');
  });

  it('holds calls made while disconnected until the connection opens', async () => {
    const call = bridge.call('config:get', null);
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toHaveLength(1);
    latest().receive({ t: 'result', id: 1, ok: true, value: null });
    await expect(call).resolves.toBeNull();
  });

  it('rejects a call with timeout when no connection comes in time', async () => {
    const call = bridge.call('config:get', null);
    const outcome = expect(call).rejects.toMatchObject({ code: 'timeout' });
    await clock.advance(5000);
    await outcome;
  });

  it('rejects a sent call when the connection drops, and reconnects', async () => {
    latest().open();
    const call = bridge.call('status:get', null);
    latest().drop();
    await expect(call).rejects.toMatchObject({ code: 'disconnected' });
    expect(sockets).toHaveLength(1);
    await clock.advance(100);
    expect(sockets).toHaveLength(2);
  });

  it('presents the key the page has now at each reconnection (a host started anew)', async () => {
    bridge.close();
    let key = 'first-launch';
    bridge = createWsBridge({
      url: 'ws://127.0.0.1:4870/bridge',
      key: () => key,
      timers: clock.timers,
      createSocket: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
    });
    latest().open();
    expect(latest().protocols).toEqual([WIRE_PROTOCOL, `${WIRE_KEY_PREFIX}first-launch`]);
    key = 'second-launch';
    latest().drop();
    await clock.advance(100);
    expect(latest().protocols).toEqual([WIRE_PROTOCOL, `${WIRE_KEY_PREFIX}second-launch`]);
  });

  it('keeps trying to reconnect forever, never waiting more than 2 s', async () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      latest().drop();
      const before = sockets.length;
      await clock.advance(2000);
      expect(sockets.length).toBe(before + 1);
    }
    latest().open();
    latest().drop();
    await clock.advance(100);
    expect(latest().readyState).toBe(0);
  });

  it('delivers events to listeners until they unsubscribe', () => {
    latest().open();
    const presses: unknown[] = [];
    const stop = bridge.on('button:press', (press) => presses.push(press));
    const press = { pressId: 'a', button: 2, at: 1 };
    latest().receive({ t: 'event', name: 'button:press', payload: press });
    stop();
    latest().receive({ t: 'event', name: 'button:press', payload: press });
    expect(presses).toEqual([press]);
  });

  it('keeps a press that came before the kiosk listened for its first listener', async () => {
    latest().open();
    const press = { pressId: 'early', button: 3, at: 1 };
    latest().receive({ t: 'event', name: 'button:press', payload: press });
    const presses: unknown[] = [];
    bridge.on('button:press', (p) => presses.push(p));
    await Promise.resolve();
    expect(presses).toEqual([press]);
    const later: unknown[] = [];
    bridge.on('button:press', (p) => later.push(p));
    await Promise.resolve();
    expect(later).toEqual([]);
  });
});

describe('where the page finds its bridge', () => {
  it('uses the page host and the key of the fragment', () => {
    expect(wireTarget({ protocol: 'http:', host: '127.0.0.1:4870', hash: '#k=abc123' })).toEqual({
      url: 'ws://127.0.0.1:4870/bridge',
      key: 'abc123',
    });
    expect(wireTarget({ protocol: 'https:', host: 'x', hash: '' })).toEqual({
      url: 'wss://x/bridge',
      key: '',
    });
  });
});

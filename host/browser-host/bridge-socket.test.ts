import { afterEach, describe, expect, it } from 'vitest';
import type { ButtonBoxPort } from '../services-types';
import type { ButtonPress } from '../../core/bridge';
import { WIRE_CLOSE, WIRE_PROTOCOL, WIRE_KEY_PREFIX } from '../../core/bridge-wire';
import { closed, connect, startTestHost, type TestHost } from './test-fixtures';

let current: TestHost | null = null;
async function start(buttonBox?: ButtonBoxPort): Promise<TestHost> {
  current = await startTestHost(buttonBox ? { buttonBox } : {});
  return current;
}
afterEach(async () => {
  await current?.dispose();
  current = null;
});

async function connected(test: TestHost) {
  const result = await connect(test.host, test.secret);
  if (!result.ok) {
    throw new Error(`refused with ${result.status}`);
  }
  return result;
}

function fakeBox(): ButtonBoxPort & { press(press: ButtonPress): void; acks: string[] } {
  const listeners = new Set<(press: ButtonPress) => void>();
  const acks: string[] = [];
  return {
    acks,
    press: (press) => listeners.forEach((listener) => listener(press)),
    ack(pressId) {
      if (pressId === 'explode') {
        throw new Error('the box broke');
      }
      acks.push(pressId);
    },
    onPress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: () => ({
      connected: true,
      port: '/dev/ttyFAKE',
      model: null,
      firmware: null,
      protocol: 'line',
      malformedLines: 0,
      lastPressAt: null,
      problem: null,
      boxError: null,
    }),
  };
}

describe('the bridge handshake', () => {
  it('refuses a page from another origin', async () => {
    const test = await start();
    const result = await connect(test.host, test.secret, { origin: 'http://evil.example' });
    expect(result).toEqual({ ok: false, status: 403 });
    const localhost = await connect(test.host, test.secret, {
      origin: `http://localhost:${test.host.port}`,
    });
    expect(localhost).toEqual({ ok: false, status: 403 });
  });

  it('refuses a client without the key, or with a wrong one', async () => {
    const test = await start();
    expect(await connect(test.host, test.secret, { protocols: [WIRE_PROTOCOL] })).toEqual({
      ok: false,
      status: 401,
    });
    const wrong = [WIRE_PROTOCOL, `${WIRE_KEY_PREFIX}${test.secret.slice(1)}x`];
    expect(await connect(test.host, test.secret, { protocols: wrong })).toEqual({
      ok: false,
      status: 401,
    });
    const keyOnly = [`${WIRE_KEY_PREFIX}${test.secret}`];
    expect(await connect(test.host, test.secret, { protocols: keyOnly })).toEqual({
      ok: false,
      status: 401,
    });
  });

  it('refuses a handshake that names another host (DNS rebinding)', async () => {
    const test = await start();
    const result = await connect(test.host, test.secret, {
      headers: { Host: `rebind.example:${test.host.port}` },
    });
    expect(result).toEqual({ ok: false, status: 403 });
  });

  it('answers the page with the bridge protocol only, never echoing the key', async () => {
    const test = await start();
    const { ws } = await connected(test);
    expect(ws.protocol).toBe(WIRE_PROTOCOL);
    ws.close();
  });
});

describe('calls over the bridge', () => {
  it('answers config:get with the demo config when the data dir is empty', async () => {
    const test = await start();
    const { ws, messages } = await connected(test);
    ws.send(JSON.stringify({ t: 'call', id: 7, name: 'config:get', args: null }));
    expect(await messages.next()).toMatchObject({
      t: 'result',
      id: 7,
      ok: true,
      value: { terminalId: 'demo', defaultLanguage: 'fi' },
    });
    ws.close();
  });

  it('answers bad arguments and unknown calls with an error, and keeps serving', async () => {
    const test = await start();
    const { ws, messages } = await connected(test);
    ws.send(JSON.stringify({ t: 'call', id: 1, name: 'button:ack', args: {} }));
    expect(await messages.next()).toMatchObject({
      id: 1,
      ok: false,
      error: { code: 'bad_args', message: expect.stringContaining('pressId') as unknown },
    });
    ws.send(JSON.stringify({ t: 'call', id: 2, name: 'fs:read', args: null }));
    expect(await messages.next()).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'unknown_call' },
    });
    ws.send(JSON.stringify({ t: 'call', id: 3, name: 'status:get', args: null }));
    expect(await messages.next()).toMatchObject({
      id: 3,
      ok: true,
      value: { host: 'browser', configSource: 'demo', renderer: null },
    });
    ws.close();
  });

  it('answers a void call with null, so the result always has a value', async () => {
    const test = await start();
    const { ws, messages } = await connected(test);
    ws.send(JSON.stringify({ t: 'call', id: 4, name: 'button:ack', args: { pressId: 'p1' } }));
    expect(await messages.next()).toEqual({ t: 'result', id: 4, ok: true, value: null });
    ws.close();
  });

  it('answers a failing handler with internal, without a stack, and logs a stable code', async () => {
    const test = await start(fakeBox());
    const { ws, messages } = await connected(test);
    ws.send(JSON.stringify({ t: 'call', id: 5, name: 'button:ack', args: { pressId: 'explode' } }));
    expect(await messages.next()).toEqual({
      t: 'result',
      id: 5,
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
    expect(test.logLines()).toContainEqual(
      expect.objectContaining({
        event: 'bridge_handler_failed',
        call: 'button:ack',
        code: 'Error',
      }),
    );
    ws.close();
  });

  it('closes the connection on a frame that is not a call', async () => {
    const test = await start();
    for (const frame of ['{not json', JSON.stringify({ t: 'call', name: 'config:get' })]) {
      const { ws } = await connected(test);
      const code = closed(ws);
      ws.send(frame);
      expect(await code).toBe(WIRE_CLOSE.badMessage);
    }
    const { ws } = await connected(test);
    const code = closed(ws);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await code).toBe(WIRE_CLOSE.badMessage);
  });

  it('closes the connection on a message over the size cap', async () => {
    const test = await start();
    const { ws } = await connected(test);
    const code = closed(ws);
    ws.send('x'.repeat(1024 * 1024 + 1));
    expect(await code).toBe(1009);
  });
});

describe('one kiosk page at a time', () => {
  it('a second client replaces the first', async () => {
    const test = await start();
    const first = await connected(test);
    const firstClosed = closed(first.ws);
    const second = await connected(test);
    expect(await firstClosed).toBe(WIRE_CLOSE.replaced);
    second.ws.send(JSON.stringify({ t: 'call', id: 1, name: 'config:get', args: null }));
    expect(await second.messages.next()).toMatchObject({ id: 1, ok: true });
    second.ws.close();
  });
});

describe('events from the host', () => {
  it('a status report reaches the page as status:changed', async () => {
    const test = await start();
    const { ws, messages } = await connected(test);
    const report = {
      store: { ok: false, code: 'quota_exceeded', reopenFailures: 0 },
      persisted: true,
      sync: null,
    };
    ws.send(JSON.stringify({ t: 'call', id: 1, name: 'status:report', args: report }));
    const first = await messages.next();
    const second = await messages.next();
    expect([first, second]).toContainEqual({
      t: 'event',
      name: 'status:changed',
      payload: expect.objectContaining({ renderer: report }) as unknown,
    });
    expect([first, second]).toContainEqual({ t: 'result', id: 1, ok: true, value: null });
    ws.close();
  });

  it('a box press reaches the page, and its ack reaches the box', async () => {
    const box = fakeBox();
    const test = await start(box);
    const { ws, messages } = await connected(test);
    box.press({ pressId: 'p-1', button: 3, at: 1000 });
    expect(await messages.next()).toEqual({
      t: 'event',
      name: 'button:press',
      payload: { pressId: 'p-1', button: 3, at: 1000 },
    });
    ws.send(JSON.stringify({ t: 'call', id: 9, name: 'button:ack', args: { pressId: 'p-1' } }));
    expect(await messages.next()).toMatchObject({ id: 9, ok: true });
    expect(box.acks).toEqual(['p-1']);
    ws.close();
  });

  it('a press made while no page is connected is delivered to the next page', async () => {
    const box = fakeBox();
    const test = await start(box);
    box.press({ pressId: 'p-early', button: 2, at: 1000 });
    const { ws, messages } = await connected(test);
    expect(await messages.next()).toMatchObject({
      name: 'button:press',
      payload: { pressId: 'p-early' },
    });
    ws.close();
  });
});

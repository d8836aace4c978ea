import { afterEach, describe, expect, it, vi } from 'vitest';
import { HAS_SOCAT, reportMissingSocat } from '../e2e/support/box';
import type { WebSocket } from 'ws';
import { ButtonPressSchema, type ButtonPress } from '../../core';
import { manualClock, type ManualClock } from '../../core/timers';
import { UNHEARD_PRESS_MS } from '../../core/unheard-presses';
import { PING_INTERVAL_MS } from '../../hardware/box-session';
import { connect, startTestHost, type TestHost } from '../../host/browser-host/test-fixtures';
import { silentLogger } from '../../host/log';
import { driveSerialBox } from '../../host/services-box';
import { startVirtualBox, type VirtualBox } from '../../hardware/sim/virtual-box';

// The host between a box on a real pty and a UI on the real WebSocket bridge: a press reaches
// the UI, the UI's ack lights the button, and a press the UI never confirmed stays dark.

reportMissingSocat('host + box pty tests');

let box: VirtualBox | null = null;
let host: TestHost | null = null;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) {
    ws.terminate();
  }
  await host?.dispose();
  await box?.close();
  host = null;
  box = null;
});

/**
 * Time as the host sees it: `boxClock` drives the box driver's PINGs, `hostClock` is the clock
 * the bridge ages unheard presses by. Neither moves unless a test moves it.
 */
let boxClock: ManualClock;
let hostClock: ManualClock;

async function start() {
  box = await startVirtualBox({ protocol: 'line', buttons: 4 });
  boxClock = manualClock();
  hostClock = manualClock({ start: Date.now() });
  const buttonBox = driveSerialBox(
    { kind: 'path', path: box.path },
    () => null,
    silentLogger,
    boxClock.timers,
  );
  host = await startTestHost({ now: () => hostClock.now(), ...(buttonBox ? { buttonBox } : {}) });
  const h = host;
  await vi.waitFor(() => expect(h.services.status().buttonBox?.protocol).toBe('line'), {
    timeout: 5000,
  });
  return { box, host: h };
}

/**
 * Proves the box has read every line the host wrote so far: the host's next PING is written
 * after them, and the pty keeps the order.
 */
async function boxHasReadAll(testBox: VirtualBox): Promise<void> {
  const pings = testBox.received.filter((line) => line === 'PING').length;
  await boxClock.advance(PING_INTERVAL_MS);
  await vi.waitFor(() =>
    expect(testBox.received.filter((line) => line === 'PING')).toHaveLength(pings + 1),
  );
}

/** The host has read the press and holds it for a UI that is not there yet. */
async function held(testHost: TestHost, count: number): Promise<void> {
  await vi.waitFor(() =>
    expect(testHost.logLines().filter((line) => line.event === 'press_held')).toHaveLength(count),
  );
}

/** A stand-in kiosk page on the bridge: it collects presses and can ack them. */
async function ui(testHost: TestHost) {
  const connected = await connect(testHost.host, testHost.secret);
  if (!connected.ok) {
    throw new Error(`bridge refused: ${connected.status}`);
  }
  sockets.push(connected.ws);
  const presses: ButtonPress[] = [];
  let nextId = 1;
  // Read through the queue that was listening from the first frame: a held press comes at once.
  void (async () => {
    for (;;) {
      const message = (await connected.messages.next()) as {
        t: string;
        name?: string;
        payload?: unknown;
      };
      if (message.t === 'event' && message.name === 'button:press') {
        presses.push(ButtonPressSchema.parse(message.payload));
      }
    }
  })();
  return {
    presses,
    ack(pressId: string) {
      connected.ws.send(
        JSON.stringify({ t: 'call', id: nextId++, name: 'button:ack', args: { pressId } }),
      );
    },
  };
}

describe.skipIf(!HAS_SOCAT)('host, bridge and a box on a real pty', () => {
  it('a press reaches the UI, and only the UI’s ack after storing it lights the button', async () => {
    const { box, host } = await start();
    const page = await ui(host);
    await box.press(2);
    await vi.waitFor(() => expect(page.presses).toHaveLength(1));
    expect(page.presses[0]!.button).toBe(2);
    await boxHasReadAll(box);
    expect(box.acks).toEqual([]);
    page.ack(page.presses[0]!.pressId);
    await box.waitForAcks(1, 3000);
    expect(box.acks[0]).toMatchObject({ button: 2, ms: 1500 });
    expect(host.services.status().buttonBox?.lastPressAt).toBe(page.presses[0]!.at);
  });

  it('a press while no UI is connected waits for the UI that comes within seconds', async () => {
    const { box, host } = await start();
    await box.press(4);
    await held(host, 1);
    await hostClock.advance(1000);
    const page = await ui(host);
    await vi.waitFor(() => expect(page.presses.map((press) => press.button)).toEqual([4]));
    page.ack(page.presses[0]!.pressId);
    await box.waitForAcks(1, 3000);
  });

  it('a press no UI heard for longer than that is dropped and never lit', async () => {
    const { box, host } = await start();
    await box.press(1);
    await held(host, 1);
    await hostClock.advance(UNHEARD_PRESS_MS + 600);
    const page = await ui(host);
    await box.press(3);
    await vi.waitFor(() => expect(page.presses.map((press) => press.button)).toEqual([3]));
    page.ack(page.presses[0]!.pressId);
    await box.waitForAcks(1, 3000);
    await boxHasReadAll(box);
    expect(box.acks.map((ack) => ack.button)).toEqual([3]);
  });

  it('an ack for a press the host never read lights nothing', async () => {
    const { box, host } = await start();
    const page = await ui(host);
    page.ack('0190a0b0-0000-7000-8000-000000000000');
    await box.press(1);
    await vi.waitFor(() => expect(page.presses).toHaveLength(1));
    await boxHasReadAll(box);
    expect(box.acks).toEqual([]);
  });
});

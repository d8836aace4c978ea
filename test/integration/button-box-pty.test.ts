import { afterEach, describe, expect, it, vi } from 'vitest';
import { HAS_SOCAT, reportMissingSocat } from '../e2e/support/box';
import { manualClock, type ManualClock } from '../../core/timers';
import { PING_INTERVAL_MS } from '../../hardware/box-session';
import { startButtonBox, type BoxPress, type ButtonBoxDriver } from '../../hardware/button-box';
import { PRESENCE_POLL_MS } from '../../hardware/reconnect';
import { startVirtualBox, type VirtualBox } from '../../hardware/sim/virtual-box';

// The driver against a box on a real pseudo-terminal (socat): the handshake, presses, lights,
// garbage, a legacy box, bounce, and unplugging and re-plugging the cable.

reportMissingSocat('button box pty tests');

const logger = { info: () => undefined, warn: () => undefined };
let box: VirtualBox | null = null;
let driver: ButtonBoxDriver | null = null;

afterEach(async () => {
  await driver?.close();
  await box?.close();
  driver = null;
  box = null;
});

/**
 * The driver's time: its retries, watches and PINGs run only when a test moves `clock` (a few
 * ms of real time after each timer let the pty's I/O answer); `monotonic` is what contact
 * bounce is measured by.
 */
let clock: ManualClock;
let monotonic = 0;

/** Moves the driver's clock a poll at a time until `check` holds (the pty answers in between). */
async function driveUntil(check: () => boolean, what: string): Promise<void> {
  for (let polls = 0; !check(); polls += 1) {
    if (polls > 40) {
      throw new Error(`no ${what} after ${polls} polls`);
    }
    await clock.advance(PRESENCE_POLL_MS);
  }
}

async function connect(protocol: 'line' | 'char') {
  box = await startVirtualBox({ protocol, buttons: 4 });
  const presses: BoxPress[] = [];
  clock = manualClock({
    start: Date.now(),
    settle: () => new Promise((resolve) => setTimeout(resolve, 20)),
  });
  monotonic = 0;
  driver = startButtonBox({
    target: { kind: 'path', path: box.path },
    logger,
    timers: clock.timers,
    clock: { now: Date.now, monotonic: () => monotonic },
  });
  driver.onPress((press) => presses.push(press));
  const d = driver;
  await vi.waitFor(() => expect(d.status().connected).toBe(true), { timeout: 5000 });
  return { box, driver: d, presses };
}

describe.skipIf(!HAS_SOCAT)('the button box on a real pty', () => {
  it('identifies a protocol-1 box, reads its presses and lights the stored one', async () => {
    const { box, driver, presses } = await connect('line');
    await vi.waitFor(() =>
      expect(driver.status()).toMatchObject({
        model: 'HYMY-SIM',
        firmware: '1.0.0',
        protocol: 'line',
        port: box.path,
      }),
    );
    await box.press(3);
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([3]));
    expect(box.acks).toEqual([]);
    expect(driver.light(3, 1500)).toBe(true);
    await box.waitForAcks(1, 3000);
    expect(box.acks[0]).toMatchObject({ button: 3, ms: 1500 });
  });

  it('drops garbage and over-long lines, counts them, and still reads the next press', async () => {
    const { box, driver, presses } = await connect('line');
    await vi.waitFor(() => expect(driver.status().protocol).toBe('line'));
    await box.sendRaw(`P 1 1\n${'P 2'.repeat(100)}\nP 9\n\u0000\u0007\nBANANA\n`);
    await box.press(4);
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([4]));
    // `P 1 1`, the long line, `P 9` (a four-button box), the control bytes and `BANANA`.
    expect(driver.status().malformedLines).toBe(5);
  });

  it('drops contact bounce: the same button twice within 150 ms is one answer', async () => {
    const { box, driver, presses } = await connect('line');
    await vi.waitFor(() => expect(driver.status().protocol).toBe('line'));
    await box.sendRaw('P 2\nP 2\nP 1\n');
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([2, 1]));
    monotonic += 200;
    await box.sendRaw('P 2\n');
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([2, 1, 2]));
  });

  it('reads a legacy box’s digits and sends it nothing after the first `?`', async () => {
    const { box, driver, presses } = await connect('char');
    await box.press(2);
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([2]));
    expect(driver.status().protocol).toBe('char');
    expect(driver.light(2, 1500)).toBe(false);
    // Long enough for a PING, were one (wrongly) sent; the port closed after it, so the box has
    // read all the driver wrote once it sees the close.
    await clock.advance(PING_INTERVAL_MS + 500);
    await driver.close();
    await vi.waitFor(() => expect(box.kioskConnected).toBe(false));
    expect(box.received).toEqual(['?']);
  });

  it('notices an unplug, and opens the box again within 3 s of re-plugging', async () => {
    const { box, driver, presses } = await connect('line');
    await box.unplug();
    await driveUntil(() => !driver.status().connected, 'unplug noticed');
    await vi.waitFor(() => expect(driver.status().connected).toBe(false));
    expect(driver.status().problem).not.toBeNull();
    // Away long enough for the backoff to have grown past the first retries.
    await clock.advance(4000);
    const plugged = clock.now();
    await box.plug();
    await driveUntil(() => driver.status().connected, 'reconnect');
    await vi.waitFor(() => expect(driver.status().connected).toBe(true));
    await vi.waitFor(() => expect(driver.status().protocol).toBe('line'), { timeout: 5000 });
    expect(clock.now() - plugged).toBeLessThan(3000);
    await box.press(1);
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([1]));
  });
});

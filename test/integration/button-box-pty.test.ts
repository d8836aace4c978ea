import { afterEach, describe, expect, it, vi } from 'vitest';
import { HAS_SOCAT, reportMissingSocat } from '../e2e/support/box';
import { startButtonBox, type BoxPress, type ButtonBoxDriver } from '../../hardware/button-box';
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

async function connect(protocol: 'line' | 'char') {
  box = await startVirtualBox({ protocol, buttons: 4 });
  const presses: BoxPress[] = [];
  driver = startButtonBox({ target: { kind: 'path', path: box.path }, logger });
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
    await new Promise((resolve) => setTimeout(resolve, 200));
    await box.sendRaw('P 2\n');
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([2, 1, 2]));
  });

  it('reads a legacy box’s digits and sends it nothing after the first `?`', async () => {
    const { box, driver, presses } = await connect('char');
    await box.press(2);
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([2]));
    expect(driver.status().protocol).toBe('char');
    expect(driver.light(2, 1500)).toBe(false);
    // Long enough for a PING, were one (wrongly) sent.
    await new Promise((resolve) => setTimeout(resolve, 5500));
    expect(box.received).toEqual(['?']);
  });

  it('notices an unplug, and opens the box again within 3 s of re-plugging', async () => {
    const { box, driver, presses } = await connect('line');
    await box.unplug();
    await vi.waitFor(() => expect(driver.status().connected).toBe(false), { timeout: 3000 });
    expect(driver.status().problem).not.toBeNull();
    // Away long enough for the backoff to have grown past the first retries.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const plugged = performance.now();
    await box.plug();
    await vi.waitFor(() => expect(driver.status().connected).toBe(true), { timeout: 5000 });
    await vi.waitFor(() => expect(driver.status().protocol).toBe('line'), { timeout: 5000 });
    expect(performance.now() - plugged).toBeLessThan(3000);
    await box.press(1);
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([1]));
  });
});

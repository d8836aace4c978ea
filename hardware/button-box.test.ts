import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { manualClock, type ManualClock } from '../core/timers';
import { startButtonBox, type ButtonBoxDriver, type BoxPress } from './button-box';
import { PROBE_TIMEOUT_MS } from './port-finder';
import { RECONNECT_FIRST_MS } from './reconnect';
import { createSerialAccess, type SerialAccess } from './serial-access';

// Unit tests on serialport's mock binding: opening, the handshake, presses, lights, and the
// retry when the port is missing. Unplugging is tested on real ptys (test/integration), since
// the mock cannot unplug.

const opened: MockPortBinding[] = [];

const binding = {
  ...MockBinding,
  list: () => MockBinding.list(),
  async open(options: Parameters<typeof MockBinding.open>[0]) {
    const port = await MockBinding.open(options);
    opened.push(port);
    return port;
  },
};

function mockAccess(): SerialAccess {
  const access = createSerialAccess(binding);
  return {
    ...access,
    // The mock's ports are not files: present means listed.
    present: async (path) => (await MockBinding.list()).some((port) => port.path === path),
  };
}

const logger = { info: vi.fn(), warn: vi.fn() };
let driver: ButtonBoxDriver | null = null;
/**
 * The driver's retries, watches, PINGs and handshake waits: time moves only when a test moves
 * it. After each timer, a macrotask turn lets the mock port's I/O settle.
 */
let clock: ManualClock;

afterEach(async () => {
  await driver?.close();
  driver = null;
  opened.length = 0;
  MockBinding.reset();
});

function start(target: Parameters<typeof startButtonBox>[0]['target']) {
  const presses: BoxPress[] = [];
  clock = manualClock({ settle: () => new Promise((resolve) => setImmediate(resolve)) });
  driver = startButtonBox({ target, logger, serial: mockAccess(), timers: clock.timers });
  driver.onPress((press) => presses.push(press));
  return { driver, presses };
}

const written = (port: MockPortBinding | undefined): string =>
  port ? port.recording.toString('latin1') : '';

describe('the button box driver', () => {
  it('opens the port, asks `?`, and reads the identity and presses of a protocol-1 box', async () => {
    MockBinding.createPort('/dev/ttyACM0', { record: true });
    const { driver: box, presses } = start({ kind: 'path', path: '/dev/ttyACM0' });
    await vi.waitFor(() => expect(written(opened[0])).toBe('?\n'));
    opened[0]!.emitData('HELLO HYMY-BOX 1.2.0 4\r\nP 2\n');
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([2]));
    expect(box.status()).toMatchObject({
      connected: true,
      port: '/dev/ttyACM0',
      model: 'HYMY-BOX',
      firmware: '1.2.0',
      protocol: 'line',
      malformedLines: 0,
      problem: null,
    });
    expect(box.status().lastPressAt).toBe(presses[0]!.at);
    expect(Math.abs(presses[0]!.at - Date.now())).toBeLessThan(5000);
  });

  it('lights a button with L only on request, and not a legacy box at all', async () => {
    MockBinding.createPort('/dev/ttyACM0', { record: true });
    const { driver: box } = start({ kind: 'path', path: '/dev/ttyACM0' });
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    opened[0]!.emitData('HELLO HYMY-BOX 1.2.0 4\n');
    await vi.waitFor(() => expect(box.status().protocol).toBe('line'));
    expect(box.light(2, 1500)).toBe(true);
    await vi.waitFor(() => expect(written(opened[0])).toBe('?\nL 2 1500\n'));
  });

  it('counts garbage and over-long lines in the status and records nothing from them', async () => {
    MockBinding.createPort('/dev/ttyACM0', { record: true });
    const { driver: box, presses } = start({ kind: 'path', path: '/dev/ttyACM0' });
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    opened[0]!.emitData(`HELLO HYMY-BOX 1.2.0 4\n${'9'.repeat(300)}\nP 1 2\n\u00ff\u00fe\nP 3\n`);
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([3]));
    expect(box.status().malformedLines).toBe(3);
  });

  it('reads a legacy box’s digits as presses and sends it nothing but the first `?`', async () => {
    MockBinding.createPort('/dev/ttyUSB0', { record: true });
    const { driver: box, presses } = start({ kind: 'path', path: '/dev/ttyUSB0' });
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    opened[0]!.emitData('3');
    await vi.waitFor(() => expect(presses.map((press) => press.button)).toEqual([3]));
    expect(box.status().protocol).toBe('char');
    expect(box.light(3, 1000)).toBe(false);
    expect(written(opened[0])).toBe('?\n');
  });

  it('keeps trying a missing port and opens it once it appears', async () => {
    const { driver: box } = start({ kind: 'path', path: '/dev/ttyACM7' });
    await vi.waitFor(() => expect(box.status().problem).toBe('not_found'));
    expect(box.status().connected).toBe(false);
    MockBinding.createPort('/dev/ttyACM7', { record: true });
    // The next look (and the first retry) is half a second on.
    await clock.advance(RECONNECT_FIRST_MS);
    await vi.waitFor(() => expect(box.status().connected).toBe(true));
    expect(box.status().problem).toBeNull();
  });

  it('with auto, takes the port of a known box without probing any other', async () => {
    MockBinding.createPort('/dev/ttyUSB3', { record: true, vendorId: '1234', productId: '0001' });
    MockBinding.createPort('/dev/ttyACM0', { record: true, vendorId: '2341', productId: '0043' });
    const { driver: box } = start({ kind: 'auto' });
    await vi.waitFor(() => expect(box.status().connected).toBe(true));
    expect(box.status().port).toBe('/dev/ttyACM0');
    expect(opened).toHaveLength(1);
  });

  it('with auto, probes unknown USB ports and takes the first that answers HELLO', async () => {
    MockBinding.createPort('/dev/ttyUSB0', { record: true, vendorId: '1234', productId: '0001' });
    MockBinding.createPort('/dev/ttyUSB1', {
      record: true,
      vendorId: '1234',
      productId: '0002',
      readyData: Buffer.from('HELLO HYMY-BOX 1.2.0 4\n'),
    });
    const { driver: box } = start({ kind: 'auto' });
    // The first port is asked and never answers: the probe gives it up and asks the next.
    await vi.waitFor(() => expect(written(opened[0])).toBe('?\n'));
    await clock.advance(PROBE_TIMEOUT_MS);
    await vi.waitFor(() => expect(box.status().connected).toBe(true));
    expect(box.status().port).toBe('/dev/ttyUSB1');
  });

  it('gives a box up after three unanswered PINGs and opens it again', async () => {
    MockBinding.createPort('/dev/ttyACM0', { record: true });
    const { driver: box } = start({ kind: 'path', path: '/dev/ttyACM0' });
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    opened[0]!.emitData('HELLO HYMY-BOX 1.2.0 4\n');
    await vi.waitFor(() => expect(box.status().protocol).toBe('line'));
    await clock.advance(5000 * 4);
    await vi.waitFor(() => expect(written(opened[0])).toBe('?\nPING\nPING\nPING\n'));
    expect(logger.warn).toHaveBeenCalledWith(
      'button_box_lost',
      expect.objectContaining({ code: 'not_answering' }),
    );
    await clock.advance(1000);
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    expect(box.status().connected).toBe(true);
  });
});

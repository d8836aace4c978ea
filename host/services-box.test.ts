import { describe, expect, it } from 'vitest';
import { createLogger } from './log';
import { chooseSerial } from './services-box';
import type { ButtonPress } from '../core/bridge';
import type { ButtonBoxPort } from './services-types';
import { services, useServicesFixture } from './services-fixture';

/** The button box domain: presses out to the UI, acks back to the box. */
useServicesFixture();

describe('the button box seam', () => {
  it('presses from the box become button:press, and acks go back to the box', async () => {
    let pressListener: ((press: ButtonPress) => void) | null = null;
    const acked: string[] = [];
    const box: ButtonBoxPort = {
      ack: (pressId) => void acked.push(pressId),
      onPress: (listener) => {
        pressListener = listener;
        return () => (pressListener = null);
      },
      status: () => ({
        connected: true,
        port: '/dev/ttyX',
        model: 'HB-4',
        firmware: '1.0',
        protocol: 'line',
        malformedLines: 0,
        lastPressAt: null,
        problem: null,
        boxError: null,
      }),
    };
    const host = await services({ buttonBox: box });
    const presses: ButtonPress[] = [];
    const stop = host.on('button:press', (press) => presses.push(press));
    pressListener!({ pressId: 'a', button: 1, at: 5 });
    stop();
    pressListener!({ pressId: 'b', button: 2, at: 6 });
    expect(presses).toEqual([{ pressId: 'a', button: 1, at: 5 }]);
    await host.handlers['button:ack']({ pressId: 'a' });
    expect(acked).toEqual(['a']);
    expect(host.status().buttonBox?.model).toBe('HB-4');
    await host.close();
    expect(pressListener).toBeNull();
  });

  it('without a box, an ack resolves and the status has no box', async () => {
    const host = await services();
    await expect(host.handlers['button:ack']({ pressId: 'x' })).resolves.toBeUndefined();
    expect(host.status().buttonBox).toBeNull();
    await host.close();
  });
});

describe('which serial box the host drives', () => {
  const warned: string[] = [];
  const logger = createLogger({
    write: (line) => warned.push((JSON.parse(line) as { event: string }).event),
  });

  it('--serial wins over the settings, the settings over the fallback', () => {
    const path = { kind: 'path' as const, path: '/dev/ttyACM0' };
    expect(chooseSerial({ serial: path }, { serial: 'auto' }, logger)).toEqual(path);
    expect(chooseSerial({}, { serial: '/dev/ttyUSB1' }, logger)).toEqual({
      kind: 'path',
      path: '/dev/ttyUSB1',
    });
    expect(chooseSerial({ serialFallback: { kind: 'auto' } }, {}, logger)).toEqual({
      kind: 'auto',
    });
    expect(chooseSerial({}, {}, logger)).toEqual({ kind: 'none' });
  });

  it('a serial setting that is no port is logged and the fallback is used', () => {
    warned.length = 0;
    expect(
      chooseSerial({ serialFallback: { kind: 'auto' } }, { serial: 'bad\npath' }, logger),
    ).toEqual({ kind: 'auto' });
    expect(warned).toEqual(['settings_serial_invalid']);
  });
});

import { describe, expect, it } from 'vitest';
import { candidatePorts, isKnownBox } from './known-boxes';

describe('known boxes', () => {
  it('knows the USB ids of our boxes’ chips whatever their case or 0x prefix', () => {
    expect(isKnownBox({ path: '/dev/ttyACM0', vendorId: '2341', productId: '0043' })).toBe(true);
    expect(isKnownBox({ path: '/dev/ttyUSB0', vendorId: '0x1A86', productId: '7523' })).toBe(true);
    expect(isKnownBox({ path: '/dev/ttyUSB1', vendorId: '1234', productId: '5678' })).toBe(false);
  });

  it('tries known boxes first, other USB ports next, and never a built-in serial port', () => {
    const ports = candidatePorts([
      { path: '/dev/ttyS0' },
      { path: '/dev/ttyUSB1', vendorId: '1234', productId: '5678' },
      { path: '/dev/ttyACM0', vendorId: '2341', productId: '0043' },
    ]);
    expect(ports.map((port) => port.path)).toEqual(['/dev/ttyACM0', '/dev/ttyUSB1']);
  });
});

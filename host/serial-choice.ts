import type { SerialChoice } from './services-types';

/** `--serial` or the settings' `serial`: `none`, `auto` or a device path; null if unusable. */
export function parseSerial(value: string): SerialChoice | null {
  if (value === 'none') {
    return { kind: 'none' };
  }
  if (value === 'auto') {
    return { kind: 'auto' };
  }
  return value.length > 0 && !/[\0\n]/.test(value) ? { kind: 'path', path: value } : null;
}

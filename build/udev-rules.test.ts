import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_BOX_USB_IDS } from '../hardware/known-boxes';

describe('the udev rule for the button box', () => {
  it('covers exactly the USB ids the driver knows, for the dialout group', () => {
    const rules = readFileSync(
      path.join(import.meta.dirname, 'linux/99-hymy-button-box.rules'),
      'utf8',
    )
      .split('\n')
      .filter((line) => line.startsWith('SUBSYSTEM'));
    const ids = rules.map((line) => {
      const vendor = /ATTRS\{idVendor\}=="([0-9a-f]{4})"/.exec(line)?.[1];
      const product = /ATTRS\{idProduct\}=="([0-9a-f]{4})"/.exec(line)?.[1];
      return `${vendor}:${product}`;
    });
    expect(ids.sort()).toEqual(
      KNOWN_BOX_USB_IDS.map((id) => `${id.vendorId}:${id.productId}`).sort(),
    );
    for (const line of rules) {
      expect(line).toContain('GROUP="dialout"');
      expect(line).toContain('MODE="0660"');
    }
  });
});

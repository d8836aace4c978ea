/** What the system's port list says of a port (serialport's PortInfo, the fields we read). */
export type PortInfo = {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
  pnpId?: string | undefined;
  manufacturer?: string | undefined;
};

/**
 * USB ids of the serial chips our boxes are built on, for `path: "auto"`. A port with one of
 * these is tried before any other; the rest are tried only if they are USB ports at all (a
 * built-in /dev/ttyS* may be a card reader or a UPS, and is not ours to send `?` to).
 */
export const KNOWN_BOX_USB_IDS: readonly { vendorId: string; productId: string; chip: string }[] = [
  { vendorId: '2341', productId: '0043', chip: 'Arduino Uno R3' },
  { vendorId: '2341', productId: '0001', chip: 'Arduino Uno' },
  { vendorId: '2341', productId: '8036', chip: 'Arduino Leonardo' },
  { vendorId: '2341', productId: '8037', chip: 'Arduino Micro' },
  { vendorId: '2a03', productId: '0043', chip: 'Arduino Uno (arduino.org)' },
  { vendorId: '1a86', productId: '7523', chip: 'CH340 (Nano clones)' },
  { vendorId: '0403', productId: '6001', chip: 'FTDI FT232R' },
  { vendorId: '10c4', productId: 'ea60', chip: 'Silicon Labs CP210x' },
  { vendorId: '2e8a', productId: '000a', chip: 'Raspberry Pi Pico (RP2040)' },
];

function normalized(id: string | undefined): string {
  return (id ?? '').toLowerCase().replace(/^0x/, '').padStart(4, '0');
}

export function isKnownBox(port: PortInfo): boolean {
  const vendor = normalized(port.vendorId);
  const product = normalized(port.productId);
  return KNOWN_BOX_USB_IDS.some((id) => id.vendorId === vendor && id.productId === product);
}

/** The ports worth probing, known boxes first, each group in the order the system listed them. */
export function candidatePorts(ports: readonly PortInfo[]): PortInfo[] {
  const known = ports.filter(isKnownBox);
  const otherUsb = ports.filter((port) => !isKnownBox(port) && port.vendorId !== undefined);
  return [...known, ...otherUsb];
}

/** `/dev/serial/by-id/…` survives re-plugging into another USB socket; `/dev/ttyACM0` may not. */
export function preferredPath(port: PortInfo): string {
  return port.pnpId !== undefined && process.platform === 'linux'
    ? `/dev/serial/by-id/${port.pnpId}`
    : port.path;
}
